package render

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"sync"
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

// TestExecuteTo: ExecuteTo appends to the caller's buffer the bytes Execute
// returns, for pages, redirects and outputs without a layout, and reports a
// missing layout.
func TestExecuteTo(t *testing.T) {
	tpl, err := LoadTemplatesFS(testLayouts(), "layouts", []string{"news"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		out     *Output
		want    string
		wantErr bool
	}{
		{"page", &Output{Path: "/a/", Layout: "news", Data: &Data{Kind: "a", Title: "A & B"}}, "<b>A &amp; B</b>|A &amp; B", false},
		{"list", &Output{Path: "/l/", Layout: "list", Data: &Data{Title: "<L>"}}, "&lt;L&gt;", false},
		{"redirect", &Output{Path: "/old/", Layout: "redirect", Data: &Data{Redirect: "/new/"}}, "/new/", false},
		{"raw", &Output{Path: "/feed.xml", Raw: []byte("<feed/>")}, "<feed/>", false},
		{"no layout", &Output{Path: "/x/", Layout: "nosuch", Data: &Data{}}, "", true},
	}
	for _, tc := range tests {
		buf := bytes.NewBufferString("before|")
		err := tpl.ExecuteTo(buf, tc.out)
		if (err != nil) != tc.wantErr {
			t.Errorf("%s: error %v", tc.name, err)
			continue
		}
		if tc.wantErr {
			continue
		}
		if got := buf.String(); got != "before|"+tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, "before|"+tc.want)
		}
		b, err := tpl.Execute(tc.out)
		if err != nil || string(b) != tc.want {
			t.Errorf("%s: Execute gives %q, %v; want %q", tc.name, b, err, tc.want)
		}
	}
}

// TestAppendKey: partialCached's keys are written as fmt.Sprint writes them.
func TestAppendKey(t *testing.T) {
	type named string
	for _, key := range []any{"", "pl", "/en/news/", true, false, 0, -12, 42, nil, named("x"), template.HTML("<b>"), 1.5, int64(7), []string{"a", "b"}} {
		if got, want := string(appendKey([]byte("k\x00"), key)), "k\x00"+fmt.Sprint(key); got != want {
			t.Errorf("%#v: %q, want %q", key, got, want)
		}
	}
}

// TestPartialCachedConcurrent: pages rendered at once share what
// partialCached made, and each gets the part as first rendered for its key.
func TestPartialCachedConcurrent(t *testing.T) {
	tpl, err := LoadTemplatesFS(testLayouts(), "layouts", []string{"news"})
	if err != nil {
		t.Fatal(err)
	}
	const pages = 200
	got := make([]string, pages)
	var wg sync.WaitGroup
	for i := range pages {
		wg.Go(func() {
			// Every page of a kind has the same title: its part is the same
			// whichever page renders it first.
			kind := fmt.Sprint(i % 7)
			b, err := tpl.Execute(&Output{Path: "/x/", Layout: "news", Data: &Data{Kind: kind, Title: "T" + kind}})
			if err != nil {
				t.Error(err)
			}
			got[i] = string(b)
		})
	}
	wg.Wait()
	for i, s := range got {
		kind := fmt.Sprint(i % 7)
		if want := "<b>T" + kind + "</b>|T" + kind; s != want {
			t.Errorf("page %d: %q, want %q", i, s, want)
		}
	}
}
