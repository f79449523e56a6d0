package ranker

import (
	"sort"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"hubgen/generator/search"
	"hubgen/generator/search/searchtest"
)

// bleveFields maps a Doc to the fields the bleve index gets.
func bleveFields(d search.Doc) map[string]any {
	return map[string]any{
		"title": d.Title, "summary": d.Summary, "body": d.Body,
		"topics": strings.Join(d.Topics, ". "), "act": strings.TrimSpace(d.ActType + " " + d.ActNumber),
	}
}

var bleveFieldNames = []string{"title", "summary", "body", "topics", "act"}

// newBleveIndex indexes one language's docs in an in-memory bleve (scorch)
// index with that language's analyzer on every field and BM25 scoring.
func newBleveIndex(t testing.TB, lang string, docs []search.Doc) bleve.Index {
	t.Helper()
	analyzer := search.AnalyzerName(lang)
	im := bleve.NewIndexMapping()
	im.ScoringModel = index.BM25Scoring
	im.DefaultAnalyzer = analyzer
	dm := bleve.NewDocumentMapping()
	for _, f := range bleveFieldNames {
		fm := bleve.NewTextFieldMapping()
		fm.Analyzer = analyzer
		fm.Store = false
		fm.IncludeInAll = false
		dm.AddFieldMappingsAt(f, fm)
	}
	im.DefaultMapping = dm
	idx, err := bleve.NewUsing("", im, scorch.Name, scorch.Name, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	b := idx.NewBatch()
	for _, d := range docs {
		if d.Lang != lang {
			continue
		}
		if err := b.Index(d.URL, bleveFields(d)); err != nil {
			t.Fatal(err)
		}
	}
	if err := idx.Batch(b); err != nil {
		t.Fatal(err)
	}
	return idx
}

// bleveFind returns the URLs of every page bleve finds for word, a match
// query on each field.
func bleveFind(t testing.TB, idx bleve.Index, lang, word string) []string {
	t.Helper()
	var qs []query.Query
	for _, f := range bleveFieldNames {
		mq := bleve.NewMatchQuery(word)
		mq.SetField(f)
		mq.Analyzer = search.AnalyzerName(lang)
		qs = append(qs, mq)
	}
	req := bleve.NewSearchRequestOptions(bleve.NewDisjunctionQuery(qs...), 10000, 0, false)
	res, err := idx.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.ID)
	}
	sort.Strings(out)
	return out
}

// TestStaticFindsWhatBleveFinds: for every word of the bundled portal (as
// written and folded) and every word of the query cases, each page an
// in-memory bleve index with the same analyzers and BM25 finds for that
// one-word query, the static search finds too.
func TestStaticFindsWhatBleveFinds(t *testing.T) {
	docs := searchtest.Docs(t, repoRoot, "")
	fsys := buildFS(t, []string{"pl", "en"}, docs, search.Options{})
	for _, lang := range []string{"pl", "en"} {
		t.Run(lang, func(t *testing.T) {
			idx := newBleveIndex(t, lang, docs)
			ix, err := Open(fsys, "search/"+lang)
			if err != nil {
				t.Fatal(err)
			}
			words := map[string]bool{} // word -> written so on a page (or its lower case)
			for _, d := range docs {
				if d.Lang != lang {
					continue
				}
				for _, text := range bleveFields(d) {
					for _, w := range search.Tokenize(text.(string)) {
						words[w] = true
						words[strings.ToLower(w)] = true
						if f := search.Fold(w); !words[f] {
							words[f] = false
						}
					}
				}
			}
			for _, c := range queryCases {
				if c.lang == lang {
					for _, w := range search.Tokenize(c.query) {
						if !words[w] {
							words[w] = false
						}
					}
				}
			}
			list := make([]string, 0, len(words))
			for w := range words {
				list = append(list, w)
			}
			sort.Strings(list)
			analyzer := idx.Mapping().AnalyzerNamed(search.AnalyzerName(lang))
			found, missed, stubs := 0, 0, 0
			for _, w := range list {
				// Two deliberate differences. Where Stempel leaves nothing of
				// a word ("EU", "1"), bleve indexes the empty term, and a
				// query for one such word finds the pages of all the others;
				// the static index keeps the word itself. And where a word
				// no page writes so (one typed without diacritics, say) gets
				// a stub unrelated to it ("pelny" -> "c"), bleve finds the
				// pages of the words with that stub; the static search does
				// not copy that either.
				if toks := analyzer.Analyze([]byte(w)); len(toks) == 1 &&
					(len(toks[0].Term) == 0 || !words[w] && !search.Plausible(strings.ToLower(w), string(toks[0].Term))) {
					stubs++
					continue
				}
				want := bleveFind(t, idx, lang, w)
				if len(want) == 0 {
					continue
				}
				found++
				r, err := ix.Search(w)
				if err != nil {
					t.Fatal(err)
				}
				got := map[string]bool{}
				for _, u := range hitURLs(t, ix, r, len(r.Hits)) {
					got[u] = true
				}
				var lost []string
				for _, u := range want {
					if !got[u] {
						lost = append(lost, u)
					}
				}
				if len(lost) > 0 {
					missed++
					if missed <= 20 {
						t.Errorf("%q: bleve finds %d pages, the static search misses %s", w, len(want), strings.Join(lost, " "))
					}
				}
			}
			if missed > 20 {
				t.Errorf("… %d words in all", missed)
			}
			if found < 500 {
				t.Errorf("bleve found pages for only %d of %d words: is the comparison running?", found, len(list))
			}
			t.Logf("%d words, %d with pages in bleve, %d where the static search missed one, %d left out as stemmer stubs", len(list), found, missed, stubs)
		})
	}
}
