package typography

import (
	"testing"
	"time"

	"hubgen/generator/content"
	"hubgen/generator/diag"
	"hubgen/generator/markdown"
	"hubgen/internal/sitetest"
)

// page is the HTML of a page's body as package markdown gives it to the
// typography pass, with the rules of the page's language.
type page struct {
	name  string
	rules Rules
	html  string
}

// sitePages converts every page of the site in dir (a directory with
// config.toml and content/) with package markdown, as the build does,
// and returns the HTML the build would hand to Apply: the pages of
// languages with rules.
func sitePages(tb testing.TB, dir string) []page {
	tb.Helper()
	_, s, _ := sitetest.Load(tb, dir, time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC))
	var out []page
	var cur *content.Page
	conv := markdown.New(markdown.Config{Typography: func(lang, html string) string {
		if r, ok := For(lang); ok {
			out = append(out, page{name: cur.Lang + ":" + cur.Title, rules: r, html: html})
		}
		return html
	}})
	for _, p := range s.Pages {
		cur = p
		var ds diag.List
		conv.Convert(p, s, &ds)
	}
	if len(out) == 0 {
		tb.Fatalf("no pages in %s", dir)
	}
	return out
}
