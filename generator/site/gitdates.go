package site

import (
	"context"
	"errors"
	"path/filepath"

	"hubgen/generator/content"
	"hubgen/generator/diag"
	"hubgen/generator/gitdates"
)

// startGitDates reads the git dates of the site's content files in the
// background (see package gitdates) and returns the function that waits
// for them. That function adds a warning at config.toml to ds when git
// could not give them (a shallow clone, git failing), and then the build
// goes on without. Nothing is read with opts.NoGitDates, nor for a check,
// which publishes no dates.
func startGitDates(ctx context.Context, opts Options) func(ds *diag.List) gitdates.Dates {
	if opts.NoGitDates || opts.Check {
		return func(*diag.List) gitdates.Dates { return nil }
	}
	var dates gitdates.Dates
	var err error
	done := make(chan struct{})
	go func() {
		defer close(done)
		dates, err = gitdates.Read(ctx, opts.Source, "content")
	}()
	return func(ds *diag.List) gitdates.Dates {
		<-done
		if err != nil && ctx.Err() == nil {
			at := filepath.ToSlash(filepath.Join(opts.Source, "config.toml"))
			if errors.Is(err, gitdates.ErrShallow) {
				ds.Warnf(diag.KindGit, at, 0, 0, "%v", gitdates.ErrShallow)
			} else {
				ds.Warnf(diag.KindGit, at, 0, 0, "page dates from git are not used: %v", err)
			}
		}
		return dates
	}
}

// setGitDates gives each page without a lastmod in its front matter the
// git date of its file. A commit older than the page's own date is the
// page being prepared before it was published, not an update: such a page
// keeps no lastmod.
func setGitDates(pages []*content.Page, dates gitdates.Dates) {
	if len(dates) == 0 {
		return
	}
	for _, p := range pages {
		if d, ok := dates[p.Path]; ok && p.Lastmod.IsZero() && !d.Before(p.Date) {
			p.Lastmod = d
		}
	}
}
