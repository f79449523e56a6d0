package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// testDocs makes a small two-language site from the bundled content's
// sentences, with numbers, dates and topics.
func testDocs(t *testing.T) []Doc {
	t.Helper()
	var docs []Doc
	for _, lang := range []string{"pl", "en"} {
		for i, text := range contentTexts(t, lang) {
			kind := []string{"news", "decisions", "organisations", "projects", "pages"}[i%5]
			d := Doc{
				URL: fmt.Sprintf("/%s/%s/%d/", lang, kind, i), Lang: lang, Kind: kind,
				Title: strings.SplitN(text, "\n", 3)[1], Summary: fmt.Sprintf("Summary %d", i), Body: text,
				Topics: []string{"Topic " + lang + fmt.Sprint(i%3)},
			}
			if kind == "news" || kind == "decisions" {
				d.Date = time.Date(2020+i%4, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC)
			}
			if kind == "decisions" {
				d.ActType, d.ActNumber = "Decyzja Rady (WPZiB)", fmt.Sprintf("2023/%d", 1000+i)
			}
			docs = append(docs, d)
		}
	}
	return docs
}

func mapFS(files map[string][]byte) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	return fsys
}

// TestBuildIsDeterministic: the same pages in any order give the same
// bytes.
func TestBuildIsDeterministic(t *testing.T) {
	docs := testDocs(t)
	a, err := Build([]string{"pl", "en"}, docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	rev := slices.Clone(docs)
	slices.Reverse(rev)
	b, err := Build([]string{"pl", "en"}, rev, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs between two builds", name)
		}
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			t.Errorf("%s is not JSON: %v", name, err)
		}
	}
}

// TestPrefixExpansionsAcrossShards: with tiny lexicon shards, so that many
// prefixes run across shards, a prefix looked up the client's way (one
// shard, precomputed expansions where needed) expands exactly as the whole
// lexicon says it should.
func TestPrefixExpansionsAcrossShards(t *testing.T) {
	files, err := Build([]string{"pl"}, testDocs(t), Options{LexiconShardBytes: 300})
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Open(mapFS(files), "search/pl")
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
			if j := shardOf(ix.M.Lexicon, w); j != i {
				t.Errorf("%q is in shard %d, looked up in %d", w, i, j)
			}
		}
	}
	prefixes := map[string]bool{}
	for w := range all {
		rs := []rune(w)
		for n := 1; n <= len(rs); n++ {
			if p := string(rs[:n]); len16(p) >= ix.M.MinPrefix {
				prefixes[p] = true
			}
		}
	}
	checked, spanning := 0, 0
	for p := range prefixes {
		i := shardOf(ix.M.Lexicon, p)
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
		sort.Slice(want, func(a, b int) bool {
			if want[a].df != want[b].df {
				return want[a].df > want[b].df
			}
			return compare16(want[a].stem, want[b].stem) < 0
		})
		if len(want) > ix.M.Expansions {
			want = want[:ix.M.Expansions]
		}
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
	files, err := Build([]string{"pl", "en"}, testDocs(t)[:3], Options{})
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Open(mapFS(files), "search/en")
	if err != nil {
		t.Fatal(err)
	}
	r, err := ix.Search("anything at all")
	if err != nil || len(r.Hits) != 0 || ix.M.Docs != 0 {
		t.Errorf("empty index: %d docs, search gave %v, %v", ix.M.Docs, r, err)
	}
	if _, err := Build([]string{"../x"}, nil, Options{}); err == nil {
		t.Error("a language code with a path in it was accepted")
	}
}

// TestDocumentStoreAndFacets: documents are numbered by kind, then year,
// newest first, and the manifest's ranges and facets.json describe them.
func TestDocumentStoreAndFacets(t *testing.T) {
	docs := testDocs(t)
	files, err := Build([]string{"pl", "en"}, docs, Options{DocsPerShard: 3})
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Open(mapFS(files), "search/pl")
	if err != nil {
		t.Fatal(err)
	}
	var facets struct {
		Width  int
		Topics string
	}
	if err := json.Unmarshal(files["search/pl/facets.json"], &facets); err != nil {
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
			if len(d.Topics) != 1 || digit(facets.Topics[n*facets.Width])&(1<<d.Topics[0]) == 0 {
				t.Errorf("document %d: topics %v, facets %q", n, d.Topics, facets.Topics[n*facets.Width:(n+1)*facets.Width])
			}
			n++
		}
	}
	if n != ix.M.Docs {
		t.Errorf("kinds cover %d documents of %d", n, ix.M.Docs)
	}
}
