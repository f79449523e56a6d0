package linkcheck

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// strs returns the strings of refs, sorted.
func strs(t *Table, refs []Ref) []string {
	out := make([]string, len(refs))
	for i, r := range refs {
		out[i] = t.String(r)
	}
	slices.Sort(out)
	return out
}

func TestScan(t *testing.T) {
	tests := []struct {
		name, html string
		links, ids []string
	}{
		{"links and ids", `<a href="/news/">x</a><img src="/img/a.png"><form action="/szukaj/"></form><h2 id="cel">`, []string{"/img/a.png", "/news/", "/szukaj/"}, []string{"cel"}},
		{"each once", `<a href="/a/">1</a><a href="/a/">2</a><p id="x"><p id="x">`, []string{"/a/"}, []string{"x"}},
		{"other attributes and names ending alike", `<a data-href="/no/" class="x" title="a href=" hreflang="pl" href="/yes/">`, []string{"/yes/"}, nil},
		{"any case, white space around", "<A\nHREF=\"  /a/ \" ID=\"Top\">", []string{"/a/"}, []string{"Top"}},
		{"character references", `<a href="/search/?q=a&amp;b=c">`, []string{"/search/?q=a&b=c"}, nil},
		{"not followed", `<a href="https://europa.eu/">x</a><a href="mailto:a@b.pl"><a href="tel:+48">x</a><a href="//cdn.example/x.js"><a href="">`, nil, nil},
		{"fragments and relative paths", `<a href="#fn:1"><a href="x.html"><a href="../b/">`, []string{"#fn:1", "../b/", "x.html"}, nil},
		{"not in a tag", `<p>href="/text/"</p><script>el.href="/js/"; a = b > c ? x.id="no" : 0</script><style>a[href="/css/"]{} p::after { content: " src=" }</style><p class="x"><a href="/after/">`, []string{"/after/"}, nil},
		{"script's own attribute", `<script type="module" src="/js/search.js"></script>`, []string{"/js/search.js"}, nil},
		{"value ending in =", `<a href="/s/?q=" id="q">`, []string{"/s/?q="}, []string{"q"}},
		{"unclosed value", `<a href="/a/`, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tab := NewTable()
			p := tab.Scan([]byte(tc.html))
			if got := strs(tab, p.links); !slices.Equal(got, tc.links) && len(got)+len(tc.links) > 0 {
				t.Errorf("links %q, want %q", got, tc.links)
			}
			if got := strs(tab, p.ids); !slices.Equal(got, tc.ids) && len(got)+len(tc.ids) > 0 {
				t.Errorf("ids %q, want %q", got, tc.ids)
			}
		})
	}
}

// site is a built site for Check: HTML files by path, and other files.
type site struct {
	base  string
	html  map[string]string
	other []string
}

func (s site) check() []Broken {
	tab := NewTable()
	pages := map[string]Page{}
	for f, h := range s.html {
		pages[f] = tab.Scan([]byte(h))
	}
	return tab.Check(Site{
		BasePath: s.base,
		Pages: func(yield func(string, Page) bool) {
			for f, p := range pages {
				if !yield(f, p) {
					return
				}
			}
		},
		Has: func(f string) bool {
			_, ok := pages[f]
			return ok || slices.Contains(s.other, f)
		},
		Page: func(f string) (Page, bool) {
			p, ok := pages[f]
			return p, ok
		},
	})
}

// act is an act's page: its articles 1 to 5, article 3 with paragraphs 1
// to 4, on its own page and in a parallel view ("pl-").
const act = `<main id="main"><h2 id="art_1"><h2 id="art_2"><h2 id="art_3"><li id="art_3__par_1"><li id="art_3__par_2"><li id="art_3__par_3"><li id="art_3__par_4"><h2 id="art_4"><h2 id="art_5"><h2 id="art_10"><p id="pl-art_1">`

func TestCheck(t *testing.T) {
	tests := []struct {
		name string
		base string
		from string // a link on the page news/a/index.html
		want string // "" when the link leads somewhere, else the Problem
	}{
		{"site path", "", "/news/b/", ""},
		{"site path without its slash", "", "/news/b", ""},
		{"missing page", "", "/news/c/", "leads to no page or file of the site"},
		{"static file", "", "/css/site.css", ""},
		{"missing file", "", "/docs/a.pdf", "leads to no page or file of the site"},
		{"relative", "", "../b/", ""},
		{"relative and missing", "", "b", "leads to no page or file of the site (it leads to /news/a/b)"},
		{"dot segments", "", "/news/./x/../b/", ""},
		{"query", "", "/news/b/?q=x", ""},
		{"percent-encoded", "", "/news/%62/", ""},
		{"home", "", "/", ""},
		{"own fragment", "", "#main", ""},
		{"missing own fragment", "", "#nothing", `page /news/a/ has no element with the id "nothing"`},
		{"top", "", "#top", ""},
		{"refused by html/template", "", "#ZgotmplZ", ""},
		{"part", "", "/acts/x/#art_3__par_2", ""},
		{"missing article", "", "/acts/x/#art_9", "page /acts/x/ has no part art_9 (its parts: art_1 … art_10)"},
		{"missing paragraph", "", "/acts/x/#art_3__par_7", "page /acts/x/ has no part art_3__par_7 (its parts: art_3__par_1 … art_3__par_4)"},
		{"missing part of the parallel view", "", "/acts/x/#pl-art_2", "page /acts/x/ has no part pl-art_2 (its parts: pl-art_1)"},
		{"fragment of a file that is no page", "", "/feed.xml#x", ""},
		{"under the base path", "/portal", "/portal/news/b/", ""},
		{"base path itself", "/portal", "/portal", ""},
		{"outside the base path", "/portal", "/news/b/", "leads outside the site, whose pages are under /portal/"},
		{"relative under the base path", "/portal", "../../acts/x/#art_1", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := site{base: tc.base, html: map[string]string{
				"index.html":        `<p>home</p>`,
				"news/a/index.html": fmt.Sprintf(`<main id="main"><a href="%s">x</a></main>`, tc.from),
				"news/b/index.html": `<p>b</p>`,
				"acts/x/index.html": act,
			}, other: []string{"css/site.css", "feed.xml"}}
			broken := s.check()
			switch {
			case tc.want == "" && len(broken) > 0:
				t.Errorf("broken: %+v", broken)
			case tc.want != "" && len(broken) != 1:
				t.Errorf("got %+v, want one broken link", broken)
			case tc.want != "":
				b := broken[0]
				if b.File != "news/a/index.html" || b.Href != tc.from || b.Problem != tc.want {
					t.Errorf("got %s %q %q, want news/a/index.html %q %q", b.File, b.Href, b.Problem, tc.from, tc.want)
				}
			}
		})
	}
}

// TestCheckOrder: broken links come sorted by file and link, whatever the
// order of the pages.
func TestCheckOrder(t *testing.T) {
	s := site{html: map[string]string{
		"b/index.html": `<a href="/z/"><a href="/y/">`,
		"a/index.html": `<a href="/x/"><a href="#no">`,
	}}
	var got []string
	for _, b := range s.check() {
		got = append(got, b.File+" "+b.Href)
	}
	want := []string{"a/index.html #no", "a/index.html /x/", "b/index.html /y/", "b/index.html /z/"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestNaturalCompare(t *testing.T) {
	ids := []string{"art_10", "art_2", "art_1", "anx", "art_2__par_10", "art_2__par_9", "art_02"}
	slices.SortStableFunc(ids, naturalCompare)
	if want := "anx art_1 art_2 art_02 art_2__par_9 art_2__par_10 art_10"; strings.Join(ids, " ") != want {
		t.Errorf("got %q, want %q", strings.Join(ids, " "), want)
	}
}

// BenchmarkScan scans a page like the portal's (a menu, a list of items,
// an article with ids) and reports the speed in bytes.
func BenchmarkScan(b *testing.B) {
	var page strings.Builder
	page.WriteString(`<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8"><link rel="canonical" href="https://hub.example.org/news/x/"><link rel="stylesheet" href="/css/site.css"><script type="application/ld+json">{"@context":"https://schema.org","url":"https://hub.example.org/"}</script></head><body><a class="skip-link" href="#main">Przejdź</a><nav class="main-nav" aria-label="Menu"><ul class="wrap">`)
	for i := range 12 {
		fmt.Fprintf(&page, `<li><a href="/section-%d/">Section %d</a></li>`, i, i)
	}
	page.WriteString(`</ul></nav><main id="main" tabindex="-1"><article>`)
	for i := range 40 {
		fmt.Fprintf(&page, `<h2 id="heading-%d">Heading</h2><p>Zdanie o współpracy europejskiej, które ma kilkadziesiąt słów, a w nim <a href="/news/item-%d/">link</a> i przypis<sup id="fnref:%d"><a href="#fn:%d" class="footnote-ref" role="doc-noteref">%d</a></sup>.</p>`, i, i, i, i, i)
	}
	page.WriteString(`</article></main></body></html>`)
	doc := []byte(page.String())
	tab := NewTable()
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		tab.Scan(doc)
	}
}
