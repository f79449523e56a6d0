package ranker

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"hubgen/generator/search"
	"hubgen/generator/search/internal/format"
	"hubgen/generator/search/searchtest"
)

// TestPrefixExpansionsAcrossShards: with tiny lexicon shards, so that many
// prefixes run across shards, a prefix looked up the client's way (one
// shard, precomputed expansions where needed) expands exactly as the whole
// lexicon says it should.
func TestPrefixExpansionsAcrossShards(t *testing.T) {
	fsys := buildFS(t, []string{"pl"}, searchtest.ContentDocs(t, repoRoot), search.Options{LexiconShardBytes: 300})
	ix, err := Open(fsys, "search/pl")
	if err != nil {
		t.Fatal(err)
	}
	if len(ix.M.Lexicon) < 20 {
		t.Fatalf("only %d lexicon shards: the test needs many", len(ix.M.Lexicon))
	}
	// The whole lexicon.
	all := map[string][]stemDF{}
	for i := range ix.M.Lexicon {
		sh, err := ix.lexShard(i)
		if err != nil {
			t.Fatal(err)
		}
		for w, v := range sh.W {
			if _, dup := all[w]; dup {
				t.Errorf("%q in two shards", w)
			}
			all[w] = pairs(v)
			if j := format.ShardOf(ix.M.Lexicon, w); j != i {
				t.Errorf("%q is in shard %d, looked up in %d", w, i, j)
			}
		}
	}
	prefixes := map[string]bool{}
	for w := range all {
		rs := []rune(w)
		for n := 1; n <= len(rs); n++ {
			if p := string(rs[:n]); format.Len16(p) >= ix.M.MinPrefix {
				prefixes[p] = true
			}
		}
	}
	checked, spanning := 0, 0
	for p := range prefixes {
		i := format.ShardOf(ix.M.Lexicon, p)
		sh, _ := ix.lexShard(i)
		got := ix.expand(p, sh, i)
		if i+1 < len(ix.M.Lexicon) && strings.HasPrefix(ix.M.Lexicon[i+1], p) {
			spanning++
		}
		seen := map[string]int{}
		for w, list := range all {
			if w != p && strings.HasPrefix(w, p) {
				for _, s := range list {
					seen[s.stem] = s.df
				}
			}
		}
		var want []stemDF
		for s, df := range seen {
			want = append(want, stemDF{s, df})
		}
		want = mostFrequent(want, ix.M.Expansions)
		if !slices.Equal(got, want) {
			t.Errorf("prefix %q: expands to %v, want %v", p, got, want)
		}
		checked++
	}
	if spanning < 10 {
		t.Errorf("only %d of %d prefixes span shards: the test proves little", spanning, checked)
	}
}

// TestEmptyLanguage: a language without pages gets a valid empty index.
func TestEmptyLanguage(t *testing.T) {
	fsys := buildFS(t, []string{"pl", "en"}, searchtest.ContentDocs(t, repoRoot)[:3], search.Options{})
	ix, err := Open(fsys, "search/en")
	if err != nil {
		t.Fatal(err)
	}
	r, err := ix.Search("anything at all")
	if err != nil || len(r.Hits) != 0 || ix.M.Docs != 0 {
		t.Errorf("empty index: %d docs, search gave %v, %v", ix.M.Docs, r, err)
	}
}

// TestDocumentStoreAndFacets: documents are numbered by kind, then year,
// newest first, and the manifest's ranges and facets.json describe them.
func TestDocumentStoreAndFacets(t *testing.T) {
	fsys := buildFS(t, []string{"pl", "en"}, searchtest.ContentDocs(t, repoRoot), search.Options{DocsPerShard: 3})
	ix, err := Open(fsys, "search/pl")
	if err != nil {
		t.Fatal(err)
	}
	var facets struct {
		Width  int
		Topics string
	}
	if err := json.Unmarshal(fsys["search/pl/facets.json"].Data, &facets); err != nil {
		t.Fatal(err)
	}
	n := 0
	prevYear := ""
	for _, k := range ix.M.Kinds {
		kind, count := k[0].(string), int(k[1].(float64))
		for j := 0; j < count; j++ {
			d, err := ix.Doc(n)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(d.URL, "/"+kind+"/") {
				t.Errorf("document %d is %s, the manifest says %s", n, d.URL, kind)
			}
			if y := strings.SplitN(d.Date, "-", 2)[0]; j > 0 && y > prevYear {
				t.Errorf("document %d (%s) is of a later year than the one before it", n, d.Date)
			} else {
				prevYear = y
			}
			if len(d.Topics) != 1 || format.Digit(facets.Topics[n*facets.Width])&(1<<d.Topics[0]) == 0 {
				t.Errorf("document %d: topics %v, facets %q", n, d.Topics, facets.Topics[n*facets.Width:(n+1)*facets.Width])
			}
			n++
		}
	}
	if n != ix.M.Docs {
		t.Errorf("kinds cover %d documents of %d", n, ix.M.Docs)
	}
}
