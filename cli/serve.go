package cli

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"time"

	"hubgen/generator/diag"
	"hubgen/generator/output"
	"hubgen/generator/server"
	"hubgen/generator/site"
	"hubgen/generator/watch"
)

// previewPrefix named serve's preview directories in the temporary
// directory, before serve held the site in memory; leftovers of a killed
// serve of that time are removed at start.
const previewPrefix = "hubgen-serve-"

// debounce is how long the watcher waits for a save's events to settle.
const debounce = 30 * time.Millisecond

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", "serve [--source DIR] [--bind 127.0.0.1] [--port 1313] [--drafts] [--future]", stdout, stderr)
	var bf buildFlags
	bf.register(fs, false)
	bind := fs.String("bind", "127.0.0.1", "IP address to listen on (or localhost)")
	port := fs.Int("port", 1313, "port to listen on (1-65535)")
	if st, stop := parse(fs, args, stdout); stop {
		return st
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "hubgen serve: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	if *bind != "localhost" && net.ParseIP(*bind) == nil {
		fmt.Fprintf(stderr, "hubgen serve: --bind %q is not an IP address (like 127.0.0.1, 0.0.0.0 or ::1) or localhost\n", *bind)
		return exitUsage
	}
	if *port < 1 || *port > 65535 {
		fmt.Fprintf(stderr, "hubgen serve: --port %d is not between 1 and 65535\n", *port)
		return exitUsage
	}
	addr := net.JoinHostPort(*bind, strconv.Itoa(*port))
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintf(stderr, "hubgen serve: %v\n", err)
		return exitError
	}
	defer ln.Close()
	output.RemoveStale(os.TempDir(), previewPrefix)

	// Watch first, so that no save between the first build and the watch
	// is missed.
	w, err := watch.New(bf.source, debounce)
	if err != nil {
		fmt.Fprintf(stderr, "hubgen serve: %v\n", err)
		return exitError
	}
	defer w.Close()
	start := time.Now()
	sess, rep, err := site.NewSession(ctx, site.Options{Source: bf.source, BaseURL: "http://" + addr + "/", Drafts: bf.drafts, Future: bf.future})
	if sess == nil {
		fmt.Fprintln(stderr, err)
		return exitError
	}
	if ctx.Err() != nil {
		return interrupted(ctx, stderr, "serve")
	}
	live := server.NewLive(sess.BasePath(), otherLanguages(sess))
	p := &preview{sess: sess, live: live, stdout: stdout, stderr: stderr}
	p.report(rep, err, "the site", start)
	base := strings.TrimSuffix("http://"+addr+sess.BasePath(), "/")
	fmt.Fprintf(stdout, "hubgen: serving from memory at %s/ (Polish) and %s/en/ (English), watching %s for changes. Ctrl+C stops.\n", base, base, bf.source)

	// ServeLive returns when ctx is done, having shut the server down.
	errc := make(chan error, 1)
	go func() { errc <- server.ServeLive(ctx, ln, live) }()
	werrs := w.Errors()
	searched := make(chan searchResult, 1)
	p.searched = searched
	p.startSearch()
	for {
		select {
		case err := <-errc:
			if ctx.Err() != nil && err == nil {
				return exitOK
			}
			fmt.Fprintf(stderr, "hubgen serve: %v\n", err)
			return exitError
		case err, ok := <-werrs:
			if !ok {
				werrs = nil
				continue
			}
			fmt.Fprintf(stderr, "hubgen serve: %v\n", err)
		case r := <-searched:
			p.installSearch(r)
		case batch, ok := <-w.Changes():
			if !ok {
				return exitError
			}
			start := time.Now()
			rep, err := sess.UpdateFirst(ctx, batch)
			p.report(rep, err, describe(batch), start)
		case <-ctx.Done():
			if err := <-errc; err != nil {
				fmt.Fprintf(stderr, "hubgen serve: %v\n", err)
			}
			return exitOK
		}
	}
}

// preview hands a session's results to the live server and the terminal.
// Only the serve loop's goroutine touches it; the search index is built on
// another goroutine from a snapshot and handed back over searched.
type preview struct {
	sess           *site.Session
	live           *server.Live
	stdout, stderr io.Writer
	searched       chan searchResult
	job            *site.SearchJob // the newest search job started
}

// searchResult is a finished search job.
type searchResult struct {
	job   *site.SearchJob
	files map[string][]byte
	err   error
	took  time.Duration
}

// startSearch starts bringing the search index up to date in the
// background, if it is not; a newer job makes an older one's result moot.
func (p *preview) startSearch() {
	job := p.sess.SearchJob()
	if job == nil || p.searched == nil {
		return
	}
	p.job = job
	go func() {
		start := time.Now()
		files, err := job.Run()
		r := searchResult{job, files, err, time.Since(start)}
		for {
			select {
			case p.searched <- r:
				return
			default:
				// Drop a result nobody took yet: this one is newer.
				select {
				case <-p.searched:
				default:
				}
			}
		}
	}()
}

// installSearch installs the newest job's index without reloading pages.
func (p *preview) installSearch(r searchResult) {
	if r.job != p.job {
		return
	}
	if r.err != nil {
		fmt.Fprintf(p.stderr, "hubgen: search index: %v\n", r.err)
		return
	}
	changed := p.sess.SetSearch(r.job, r.files)
	if len(changed) > 0 {
		p.live.Publish(p.sess.Files(), nil)
	}
	fmt.Fprintf(p.stdout, "hubgen: search index: %d files changed, in %d ms\n", len(changed), r.took.Milliseconds())
}

// report publishes a successful rebuild (pages first, so that open pages
// reload at once, then the search index) or shows a failed one's problems
// in the browser and the terminal, and prints one line.
func (p *preview) report(rep *site.Report, err error, what string, start time.Time) {
	if err != nil {
		var lines []string
		if rep != nil {
			for _, d := range rep.Diags.Items() {
				if d.Severity == diag.Error {
					lines = append(lines, d.String())
				}
			}
		}
		if len(lines) == 0 {
			lines = []string{err.Error()}
		}
		for _, l := range lines {
			fmt.Fprintln(p.stderr, l)
		}
		p.live.Fail(lines)
		fmt.Fprintf(p.stderr, "hubgen: %s: build failed (%d problems); still serving the last good site\n", what, len(lines))
		return
	}
	p.live.PublishPending(p.sess.Files(), rep.Changed, rep.Pending)
	reloaded := time.Since(start)
	changed := len(rep.Changed)
	rewritten := rep.Rewritten
	if len(rep.Pending) > 0 {
		// Open pages reload now; a request for a pending list page waits
		// until Finish has made it.
		more, n, err := p.sess.Finish(context.Background())
		if err != nil {
			fmt.Fprintf(p.stderr, "hubgen: %s: %v\n", what, err)
		}
		p.live.Publish(p.sess.Files(), nil)
		changed += len(more)
		rewritten += n
	}
	fmt.Fprintf(p.stdout, "hubgen: %s: %d pages, %d files rewritten, %d changed, reloaded in %d ms, done in %d ms\n",
		what, rep.Pages, rewritten, changed, reloaded.Milliseconds(), time.Since(start).Milliseconds())
	p.startSearch()
}

// describe names what changed, for the terminal.
func describe(batch []string) string {
	switch len(batch) {
	case 0:
		return "nothing"
	case 1:
		return batch[0] + " changed"
	}
	return fmt.Sprintf("%s and %d more changed", batch[0], len(batch)-1)
}

func otherLanguages(s *site.Session) []string {
	langs := s.Languages()
	if len(langs) > 1 {
		return langs[1:]
	}
	return nil
}
