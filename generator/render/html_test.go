package render

import (
	"bytes"
	"html/template"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"hubgen/generator/content"
)

// nastyStrings are values an editor or a configuration could give that
// html/template must escape.
var nastyStrings = []string{
	"", "plain", "Zażółć gęślą jaźń", `<script>alert(1)</script>`, `" onmouseover="x`, "it's & <b>", "a+b=c",
	"\x00nul", "bad \xff\xfe utf-8", "javascript:alert(1)", "JavaScript:x", "data:text/html,x", "mailto:a@b.c",
	"HTTPS://x/y?q=1&r=2#f", "/a/b c/ą?x=<y>&z='\"'", "/%zz/%4a%4A/%", "//evil.example/x", "a:b/c", "/a:b",
	"#frag", "?q=a+b", "\uFFFD\uFDD0\uFFFF", "tab\tnew\nline", "`back`", "=eq=", "{{.}}", "\u2028\u2029",
}

// randomString makes a string of random bytes, runes and specials.
func randomString(r *rand.Rand) string {
	var sb strings.Builder
	for range r.IntN(24) {
		switch r.IntN(4) {
		case 0:
			sb.WriteByte(byte(r.IntN(256)))
		case 1:
			sb.WriteRune(rune(r.IntN(0x110000)))
		case 2:
			sb.WriteByte(`<>"'&+:/%#?= ;abcAZ09`[r.IntN(21)])
		default:
			sb.WriteString([]string{"http:", "javascript:", "%4", "%41", "&amp;", "ą"}[r.IntN(6)])
		}
	}
	return sb.String()
}

// testStrings are nastyStrings, every single byte and random strings.
func testStrings() []string {
	out := append([]string(nil), nastyStrings...)
	for c := range 256 {
		out = append(out, string([]byte{byte(c)}), "x"+string([]byte{byte(c)})+"%41:")
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		out = append(out, randomString(r))
	}
	return out
}

// TestEscapers: writeEscaped and writeURL write what html/template
// writes for a string in text, in a quoted attribute and at the start of
// a quoted URL attribute.
func TestEscapers(t *testing.T) {
	tpl := template.Must(template.New("").Parse(`<p>{{.}}</p><a title="{{.}}" class="x-{{.}}"></a><a href="{{.}}"></a><meta content="{{.}}">`))
	for _, s := range testStrings() {
		var want bytes.Buffer
		if err := tpl.Execute(&want, s); err != nil {
			t.Fatal(err)
		}
		b := &strings.Builder{}
		b.WriteString("<p>")
		writeEscaped(b, s)
		b.WriteString(`</p><a title="`)
		writeEscaped(b, s)
		b.WriteString(`" class="x-`)
		writeEscaped(b, s)
		b.WriteString(`"></a><a href="`)
		writeURL(b, s)
		b.WriteString(`"></a><meta content="`)
		writeEscaped(b, s)
		b.WriteString(`">`)
		if b.String() != want.String() {
			t.Errorf("%q:\n got %q\nwant %q", s, b.String(), want.String())
		}
	}
}

// componentTemplates are the markup each component of components.go
// replaces, as layouts wrote it: executed by html/template on a
// componentCase, it must write what the component writes.
const componentTemplates = `
{{define "HeadLinks"}}{{with .D}}{{with .Canonical}}<link rel="canonical" href="{{.}}">
{{end}}{{range .Alternates}}<link rel="alternate" hreflang="{{.Lang}}" href="{{.Href}}">
{{end}}{{with .XDefault}}<link rel="alternate" hreflang="x-default" href="{{.}}">
{{end}}{{end}}{{end}}
{{define "HeadMeta"}}{{with .D}}{{range .JSONLD}}<script type="application/ld+json">{{.}}</script>
{{end}}{{with .OG}}<meta property="og:type" content="{{.Type}}">
<meta property="og:title" content="{{$.D.Title}}">
{{with $.D.Description}}<meta property="og:description" content="{{.}}">
{{end}}<meta property="og:url" content="{{$.D.Canonical}}">
<meta property="og:site_name" content="{{.SiteName}}">
<meta property="og:locale" content="{{.Locale}}">
{{range .Alternates}}<meta property="og:locale:alternate" content="{{.}}">
{{end}}{{with .Published}}<meta property="article:published_time" content="{{.}}">
{{end}}{{with .Modified}}<meta property="article:modified_time" content="{{.}}">
{{end}}<meta name="twitter:card" content="summary">
<meta name="twitter:title" content="{{$.D.Title}}">
{{with $.D.Description}}<meta name="twitter:description" content="{{.}}">
{{end}}{{end}}{{with .Feed}}<link rel="alternate" type="application/atom+xml" href="{{.}}" title="{{$.D.Site.Title}}">
{{end}}{{end}}{{end}}
{{define "LangSwitch"}}{{with .D}}{{with .Switch}}<nav class="lang-switch" aria-label="{{$.D.L.T "nav.languages"}}">
<ul>
{{range .}}<li><a href="{{.URL}}" hreflang="{{.Lang}}" lang="{{.Lang}}"{{if .Missing}} class="missing"{{end}}>{{.Label}}</a></li>
{{end}}</ul>
</nav>{{end}}{{end}}{{end}}
{{define "BreadcrumbNav"}}{{with .D}}{{with .Breadcrumbs}}<nav class="breadcrumbs" aria-label="{{$.D.L.T "nav.breadcrumbs"}}">
<ol>
{{range .}}<li>{{if .Current}}<span aria-current="page">{{.Name}}</span>{{else}}<a href="{{.URL}}">{{.Name}}</a>{{end}}</li>
{{end}}</ol>
</nav>{{end}}{{end}}{{end}}
{{define "ItemList"}}<ul class="items">
{{range $it := .D.Items}}<li class="item item-{{.Kind}}">
{{if $.Sub}}<h3 class="item-title">{{else}}<h2 class="item-title">{{end}}<a href="{{.URL}}">{{.Title}}</a>{{if $.Sub}}</h3>{{else}}</h2>{{end}}
{{if or $.Kinds .DateISO}}<p class="meta">{{if $.Kinds}}<span class="kind">{{.KindName}}</span>{{if .DateISO}} · {{end}}{{end}}{{with .DateISO}}<time datetime="{{.}}">{{$it.DateText}}</time>{{end}}</p>{{end}}
{{with .Summary}}<p class="summary">{{.}}</p>{{end}}
{{with .Topics}}<ul class="tags" aria-label="{{$.D.L.T "page.topics"}}">{{range .}}<li><a href="{{.URL}}">{{.Name}}</a></li>{{end}}</ul>{{end}}
</li>
{{end}}</ul>
{{end}}
{{define "PagerNav"}}{{with .D.Pager}}{{if gt .Total 1}}<nav class="pager" aria-label="{{$.D.L.T "pager.label"}}">
<ul>
{{with .Prev}}<li><a href="{{.}}" rel="prev">{{$.D.L.T "pager.prev"}}</a></li>{{end}}
{{range .Pages}}<li>{{if .Current}}<span aria-current="page">{{.Name}}</span>{{else if .URL}}<a href="{{.URL}}">{{.Name}}</a>{{else}}<span class="gap" aria-hidden="true">{{.Name}}</span>{{end}}</li>{{end}}
{{with .Next}}<li><a href="{{.}}" rel="next">{{$.D.L.T "pager.next"}}</a></li>{{end}}
</ul>
</nav>{{end}}{{end}}{{end}}
{{define "PageDates"}}{{$L := .D.L}}{{with .D.Page}}{{$updated := and (not .Lastmod.IsZero) (ne ($L.ISO .Lastmod) ($L.ISO .Date))}}{{if or (not .Date.IsZero) $updated}}<p class="meta">{{if not .Date.IsZero}}{{$L.T "page.published"}}: <time datetime="{{$L.ISO .Date}}">{{$L.Date .Date}}</time>{{if $updated}} · {{end}}{{end}}{{if $updated}}{{$L.T "page.updated"}}: <time datetime="{{$L.ISO .Lastmod}}">{{$L.Date .Lastmod}}</time>{{end}}</p>{{end}}{{end}}{{end}}
{{define "TOCItems"}}{{with .D.Act}}{{range .TOC}}<li><a href="{{.URL}}">{{.Name}}</a>{{with .Children}}
{{template "TOCChildren" .}}{{end}}</li>
{{end}}{{end}}{{end}}
{{define "TOCChildren"}}<ol>{{range .}}<li><a href="{{.URL}}">{{.Name}}</a>{{with .Children}}{{template "TOCChildren" .}}{{end}}</li>{{end}}</ol>{{end}}
{{define "ParallelRows"}}{{with .D.Parallel}}{{range .Rows}}<div class="parallel-row" data-part="{{.Key}}">
{{range .Cells}}<div class="parallel-cell prose act-text" lang="{{.Lang}}">{{if .HTML}}{{.HTML}}{{else}}<p class="missing-part">{{$.D.L.T "act.missing_part"}}</p>{{end}}</div>
{{end}}</div>
{{end}}{{end}}{{end}}
{{define "TopicsSection"}}{{with .D.Topics}}<section class="topics" aria-labelledby="topics-h">
<h2 id="topics-h">{{$.D.L.T "page.topics"}}</h2>
<ul class="tags">{{range .}}<li><a href="{{.URL}}">{{.Name}}</a></li>{{end}}</ul>
</section>{{end}}{{end}}
`

// componentCase is what componentTemplates execute on: a page's data and,
// for ItemList, its arguments.
type componentCase struct {
	D          *Data
	Sub, Kinds bool
}

// checkComponents compares every component on d with its template.
func checkComponents(t *testing.T, tpl *template.Template, d *Data) {
	t.Helper()
	c := componentCase{D: d}
	meta, err := d.HeadMeta()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]template.HTML{"HeadLinks": d.HeadLinks(), "HeadMeta": meta, "LangSwitch": d.LangSwitch(), "BreadcrumbNav": d.BreadcrumbNav(), "PagerNav": d.PagerNav(), "PageDates": d.PageDates(), "TopicsSection": d.TopicsSection(), "ParallelRows": d.ParallelRows()}
	if d.Act != nil {
		got["TOCItems"] = d.Act.TOCItems()
	}
	for name, html := range got {
		var want bytes.Buffer
		if err := tpl.ExecuteTemplate(&want, name, c); err != nil {
			t.Fatal(err)
		}
		if string(html) != want.String() {
			t.Errorf("%s of %s:\n got %q\nwant %q", name, d.URL, html, want.String())
		}
	}
	for _, sub := range []bool{false, true} {
		for _, kinds := range []bool{false, true} {
			c.Sub, c.Kinds = sub, kinds
			var want bytes.Buffer
			if err := tpl.ExecuteTemplate(&want, "ItemList", c); err != nil {
				t.Fatal(err)
			}
			if html := d.ItemList(d.Items, sub, kinds); string(html) != want.String() {
				t.Errorf("ItemList(sub %v, kinds %v) of %s:\n got %q\nwant %q", sub, kinds, d.URL, html, want.String())
			}
		}
	}
}

// TestComponents: each component writes what the markup it replaces
// wrote, on every output of the fixture site, of a generated portal of
// 1,000 translation pairs (not with -short) and on pages whose every
// string is one of testStrings.
func TestComponents(t *testing.T) {
	tpl := template.Must(template.New("").Parse(componentTemplates))
	outputs, ds := Plan(fixtureInput(t))
	if ds.Len() > 0 {
		t.Fatal(ds.Err())
	}
	var base *Data
	for _, o := range outputs {
		if o.Data != nil {
			checkComponents(t, tpl, o.Data)
			base = o.Data
		}
	}
	if !testing.Short() {
		site, err := newBenchSite()
		if err != nil {
			t.Fatal(err)
		}
		outputs, ds := Plan(site.in)
		if ds.Len() > 0 {
			t.Fatal(ds.Err())
		}
		for _, o := range outputs {
			if o.Data != nil {
				checkComponents(t, tpl, o.Data)
			}
		}
	}
	r := rand.New(rand.NewPCG(3, 4))
	strs := testStrings()
	s := func() string { return strs[r.IntN(len(strs))] }
	link := func() Link { return Link{Name: s(), URL: s(), Current: r.IntN(3) == 0} }
	for range 300 {
		d := *base
		d.Site = &SiteInfo{Title: s()}
		d.Title, d.Description, d.Canonical, d.XDefault, d.Feed, d.URL = s(), s(), s(), s(), s(), s()
		d.Alternates = []Alternate{{Lang: s(), Href: s()}, {Lang: s(), Href: s()}}
		d.Switch = []Switch{{Lang: s(), Label: s(), URL: s(), Missing: true}, {Lang: s(), Label: s(), URL: s()}}
		d.Breadcrumbs = []Link{link(), link(), link()}
		d.Topics = []Link{link(), link()}
		d.JSONLD = []any{template.JS(s())}
		d.OG = &OpenGraph{Type: s(), Locale: s(), Alternates: []string{s(), s()}, SiteName: s(), Published: s(), Modified: s()}
		d.Pager = &Pager{Current: 2, Total: 3, Prev: s(), Next: s(), Pages: []Link{link(), {Name: s()}, link()}}
		day := time.Date(2020+r.IntN(5), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
		d.Page = &content.Page{Date: day, Lastmod: day.AddDate(0, 0, r.IntN(3))}
		d.Act = &ActView{TOC: []TOCEntry{{Name: s(), URL: s()}, {Name: s(), URL: s(), Children: []TOCEntry{{Name: s(), URL: s()}, {Name: s(), URL: s(), Children: []TOCEntry{{Name: s(), URL: s()}}}}}}}
		d.Parallel = &ParallelView{Rows: []ParallelRow{{Key: s(), Cells: []ParallelCell{{Lang: s(), HTML: template.HTML(s())}, {Lang: s()}}}}}
		d.Items = nil
		for range 3 {
			d.Items = append(d.Items, Item{Title: s(), URL: s(), Summary: s(), Kind: s(), KindName: s(), DateISO: s(), DateText: s(), Topics: []Link{link(), link()}})
		}
		checkComponents(t, tpl, &d)
	}
}
