package search_test

import (
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"hubgen/generator/config"
	"hubgen/generator/content"
	"hubgen/generator/diag"
	"hubgen/generator/markdown"
	"hubgen/generator/search"
	"hubgen/generator/search/searchtest"
	"hubgen/generator/source"
	"hubgen/internal/corpus"
)

// passagePage is a page as Passages reads it: the whole HTML file and
// its converted Markdown.
type passagePage struct {
	lang       string
	page, body string
}

// portalPages converts the pages of a generated portal of pairs
// translation pairs (and the bundled content) and puts each body in a
// page, as a layout would.
func portalPages(t testing.TB, pairs int) []passagePage {
	t.Helper()
	src := t.TempDir()
	if err := corpus.Generate(corpus.Options{Repo: repoRoot, Dir: src, Pairs: pairs, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(filepath.Join(src, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	tree, err := source.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	s, ds := content.Load(tree, cfg, content.Options{Now: searchtest.Now})
	if err := ds.Err(); err != nil {
		t.Fatal(err)
	}
	conv := markdown.New(markdown.Config{BasePath: cfg.BasePath()})
	var out []passagePage
	for _, p := range s.Pages {
		var l diag.List
		body := conv.Convert(p, s, &l).HTML
		page := fmt.Sprintf("<!DOCTYPE html><html lang=%q><head><title>%s</title></head><body><header><h1 id=\"top\">%s</h1></header><main><article>%s</article></main><footer><p>Stopka &amp; <a href=\"/\">start</a></p></footer></body></html>", p.Lang, p.Title, p.Title, body)
		out = append(out, passagePage{p.Lang, page, body})
	}
	return out
}

// TestPassagesMatchReference: the passages, their texts and their filters
// are what the implementation before issue 12's faster one made (kept in
// passage_ref_test.go), for every page of a generated portal and for
// pages made to hit the edge cases: joined neighbours, long paragraphs
// cut at sentences, entities, skipped elements, tables, pre, words more
// frequent than a stem cache holds.
func TestPassagesMatchReference(t *testing.T) {
	pages := portalPages(t, 60)
	long := strings.Repeat("Zdanie o współpracy policji w Unii Europejskiej; i tak dalej. ", 30)
	many := make([]string, 9000) // more distinct words than a stemCache holds
	for i := range many {
		many[i] = fmt.Sprintf("słowo%dx", i)
	}
	manyText := strings.Join(many, " ")
	for _, body := range []string{
		"<p>" + long + "</p><p>" + long + "</p>",
		"<pre><code>" + long + "</code></pre>",
		`<h2 id="a">A &amp; B <em>c</em></h2><p>x</p><p>y</p><ul><li>z<ul><li id="q">w</li></ul> tail</li></ul>`,
		`<table><thead><tr><th>Nagłówek</th><th>Drugi</th></tr></thead><tbody><tr><td>a<br>b</td><td>c&nbsp;d</td></tr></tbody></table>`,
		`<p>Przed <span aria-hidden="true">ukryte</span> <a class="anchor x" href="#">¶</a>po.<script>var x = "<p>";</script></p>`,
		"<p>" + manyText + "</p><p>" + manyText + "</p><p>" + manyText[:3000] + "</p>",
		`<div><p id="rct_1">(1) ` + long + `</p><p id="art_2__par_1">` + long[:350] + `</p><p id="art_2__par_1">a</p></div>`,
		"<p>a</p>" + strings.Repeat("<p>krótki akapit numer jeden.</p>", 40),
	} {
		for _, lang := range []string{"pl", "en"} {
			pages = append(pages, passagePage{lang, "<html><body><main>" + body + "</main></body></html>", body})
		}
	}
	stems := map[string]search.PassageStems{}
	for _, lang := range []string{"pl", "en"} {
		ps, err := search.NewPassageStems(lang)
		if err != nil {
			t.Fatal(err)
		}
		stems[lang] = ps
	}
	for i, p := range pages {
		st := stems[p.lang]
		wantPs, wantTexts := search.ReferenceScanPassages(p.lang, []byte(p.page), p.body)
		gotPs, gotTexts := search.ScanPassages(p.lang, []byte(p.page), p.body)
		if !reflect.DeepEqual(gotPs, wantPs) || !reflect.DeepEqual(gotTexts, wantTexts) {
			t.Fatalf("page %d: scan\n%+v %q\nwant\n%+v %q", i, gotPs, gotTexts, wantPs, wantTexts)
		}
		// Twice: with the caches empty and full.
		for range 2 {
			got, want := st.Passages([]byte(p.page), p.body), st.ReferencePassages([]byte(p.page), p.body)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("page %d: Passages\n%+v\nwant\n%+v", i, got, want)
			}
		}
	}
}

// FuzzPassagesMatchReference: the same for any body.
func FuzzPassagesMatchReference(f *testing.F) {
	for _, s := range []string{
		`<h2 id="a">A &amp; B</h2><p>x</p>`,
		`<ol><li id="art_3__par_1">Tekst. Drugie zdanie; trzecie.</li></ol>`,
		`<table><tr><td>a</td><td>b</td></tr></table>`,
		`<p>jeden <em>dwa</em><br/>trzy</p><pre>  a  b </pre>`,
	} {
		f.Add(s, true)
	}
	stems := map[bool]search.PassageStems{}
	for _, pl := range []bool{true, false} {
		lang := "en"
		if pl {
			lang = "pl"
		}
		ps, err := search.NewPassageStems(lang)
		if err != nil {
			f.Fatal(err)
		}
		stems[pl] = ps
	}
	f.Fuzz(func(t *testing.T, body string, pl bool) {
		page := []byte("<html><body><main>" + body + "</main></body></html>")
		got, want := stems[pl].Passages(page, body), stems[pl].ReferencePassages(page, body)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("Passages\n%+v\nwant\n%+v", got, want)
		}
	})
}

// BenchmarkPassages and BenchmarkPassagesReference find the passages of
// the pages of a generated portal and make their filters, on all cores,
// now and as before issue 12:
//
//	go test ./generator/search -run '^$' -bench 'Passages' -count 6
func BenchmarkPassages(b *testing.B) { benchPassages(b, false) }

func BenchmarkPassagesReference(b *testing.B) { benchPassages(b, true) }

func benchPassages(b *testing.B, ref bool) {
	pages := portalPages(b, 300)
	size := 0
	raw := make([][]byte, len(pages))
	for i, p := range pages {
		size += len(p.page)
		raw[i] = []byte(p.page)
	}
	stems := map[string]search.PassageStems{}
	for _, lang := range []string{"pl", "en"} {
		ps, err := search.NewPassageStems(lang)
		if err != nil {
			b.Fatal(err)
		}
		stems[lang] = ps
	}
	b.SetBytes(int64(size / len(pages))) // a page an op
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for i := 0; pb.Next(); i++ {
			k := i % len(pages)
			p := pages[k]
			if ref {
				stems[p.lang].ReferencePassages(raw[k], p.body)
			} else {
				stems[p.lang].Passages(raw[k], p.body)
			}
		}
	})
}
