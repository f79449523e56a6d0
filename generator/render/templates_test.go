package render

import (
	"strings"
	"testing"
	"testing/fstest"
)

// testLayouts are the smallest layouts LoadTemplatesFS accepts, with a
// "main" that shows one part through partialCached keyed by .Kind.
func testLayouts() fstest.MapFS {
	fsys := fstest.MapFS{
		"baseof.html":        {Data: []byte(`{{template "main" .}}`)},
		"partials/part.html": {Data: []byte(`{{define "part"}}<b>{{.Title}}</b>{{end}}`)},
		"redirect.html":      {Data: []byte(`{{.Redirect}}`)},
		"news.html":          {Data: []byte(`{{define "main"}}{{partialCached "part" . .Kind}}|{{.Title}}{{end}}`)},
	}
	for _, name := range layoutNames() {
		if _, ok := fsys[name+".html"]; !ok {
			fsys[name+".html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{.Title}}{{end}}`)}
		}
	}
	return fsys
}

// TestPartialCached: a part rendered through partialCached is rendered
// once per key, escaped, and given again to every page with that key,
// until ResetCache.
func TestPartialCached(t *testing.T) {
	tpl, err := LoadTemplatesFS(testLayouts(), "layouts", []string{"news"})
	if err != nil {
		t.Fatal(err)
	}
	page := func(kind, title string) string {
		t.Helper()
		b, err := tpl.Execute(&Output{Path: "/x/", Layout: "news", Data: &Data{Kind: kind, Title: title}})
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	steps := []struct {
		kind, title, want string
	}{
		{"a", "<First>", "<b>&lt;First&gt;</b>|&lt;First&gt;"},
		{"a", "Second", "<b>&lt;First&gt;</b>|Second"}, // same key: the part as first rendered
		{"b", "Third", "<b>Third</b>|Third"},
	}
	for _, s := range steps {
		if got := page(s.kind, s.title); got != s.want {
			t.Errorf("kind %s, title %s: %q, want %q", s.kind, s.title, got, s.want)
		}
	}
	tpl.ResetCache()
	if got := page("a", "Fourth"); !strings.HasPrefix(got, "<b>Fourth</b>") {
		t.Errorf("after ResetCache: %q", got)
	}
}
