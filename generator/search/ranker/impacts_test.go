package ranker

import (
	"testing"

	"hubgen/generator/search"
	"hubgen/generator/search/searchtest"
)

// TestImpactHead holds a list's tail to what appendPostings promises: with
// only the head of each list keeping its own impact code, a one-word
// query finds the same documents, ranks its head exactly as the full
// codes do, and ranks every other document below that head.
func TestImpactHead(t *testing.T) {
	docs := searchtest.ContentDocs(t, repoRoot)
	const head = 3
	full := buildFS(t, []string{"pl", "en"}, docs, search.Options{ImpactHead: 1 << 20})
	cut := buildFS(t, []string{"pl", "en"}, docs, search.Options{ImpactHead: head})
	queries := map[string][]string{
		"pl": {"terroryzm", "współpraca", "unia", "przestępczość", "projekt", "bezpieczeństwo"},
		"en": {"terrorism", "cooperation", "union", "crime", "project", "security"},
	}
	tails, moved := 0, 0 // queries long enough to have a tail; hits whose score the cut changed
	for lang, qs := range queries {
		fi, err := Open(full, "search/"+lang)
		if err != nil {
			t.Fatal(err)
		}
		ci, err := Open(cut, "search/"+lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range qs {
			want, err := fi.Search(q)
			if err != nil {
				t.Fatal(err)
			}
			got, err := ci.Search(q)
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Hits) != len(want.Hits) {
				t.Errorf("%s %q: %d hits, want %d", lang, q, len(got.Hits), len(want.Hits))
				continue
			}
			if len(want.Hits) <= head {
				t.Errorf("%s %q: %d hits: too few to have a tail", lang, q, len(want.Hits))
				continue
			}
			tails++
			full := map[int]Hit{}
			for _, h := range want.Hits {
				full[h.Doc] = h
			}
			for i, h := range got.Hits {
				w, ok := full[h.Doc]
				if !ok {
					t.Errorf("%s %q: hit %d (document %d) is not a hit of the full codes", lang, q, i, h.Doc)
					continue
				}
				if w.Score != h.Score {
					moved++
				}
				if i < head && h != want.Hits[i] {
					t.Errorf("%s %q: hit %d is %+v, want %+v as with every code", lang, q, i, h, want.Hits[i])
				}
				if i >= head && h.Score > got.Hits[head-1].Score {
					t.Errorf("%s %q: hit %d of the tail scores %g, above the head's last %g", lang, q, i, h.Score, got.Hits[head-1].Score)
				}
			}
		}
	}
	if tails == 0 || moved == 0 {
		t.Fatalf("%d queries with a tail, %d hits scored otherwise than with every code: the cut did not happen, the test proves nothing", tails, moved)
	}
}
