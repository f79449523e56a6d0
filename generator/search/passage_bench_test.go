package search_test

import (
	"fmt"
	"testing"

	"hubgen/generator/diag"
	"hubgen/generator/markdown"
	"hubgen/generator/search"
	"hubgen/generator/search/searchtest"
	"hubgen/internal/corpus"
	"hubgen/internal/sitetest"
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
	cfg, s, ds := sitetest.Load(t, src, searchtest.Now)
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

// BenchmarkPassages finds the passages of the pages of a generated portal
// and makes their filters, on all cores, as render does:
//
//	go test ./generator/search -run '^$' -bench 'Passages' -count 6
func BenchmarkPassages(b *testing.B) {
	pages := portalPages(b, 300)
	size := 0
	raw := make([][]byte, len(pages))
	for i, p := range pages {
		size += len(p.page)
		raw[i] = []byte(p.page)
	}
	stems := map[string]*search.Stems{}
	for _, lang := range []string{"pl", "en"} {
		ps, err := search.NewStems(lang)
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
			search.Passages(raw[k], p.body, stems[p.lang])
		}
	})
}
