package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hubgen/generator/search/internal/format"
)

// TestEditRewritesFewFiles: a page edited by a few words changes only the
// index files that hold it: the postings lists of its own stems, its
// passage-store file and the document-store shards of the documents after
// it in that file (their offsets move), the lexicon and the manifest. An
// incremental build rewrites only the files whose bytes changed, and every
// file is a write on the destination's disk; before average lengths,
// document numbers and the shard count were made to stand still under an
// edit, one sentence rewrote 4,000 of a 10,000-pair site's 6,000 files.
func TestEditRewritesFewFiles(t *testing.T) {
	docs := editCorpus(t, 700)
	const edited = 333
	cases := []struct {
		name string
		edit func(string) string
	}{
		{"a sentence of known words", func(s string) string { return s + " Współpraca policji w Unii." }},
		{"a new word", func(s string) string { return s + " Zdanie qwertyuiopowe." }},
		{"its first word left out", func(s string) string { return s[strings.IndexByte(s, ' ')+1:] }},
	}
	opts := Options{PostingsShardBytes: 2 << 10, DocsPerPassageFile: 32}.withDefaults()
	before, err := Build([]string{"pl"}, docs, opts)
	if err != nil {
		t.Fatal(err)
	}
	st, err := NewStems("pl")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			changed := make([]Doc, len(docs))
			copy(changed, docs)
			changed[edited].Body = c.edit(docs[edited].Body)
			after, err := Build([]string{"pl"}, changed, opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(after) != len(before) {
				t.Fatalf("%d files, then %d", len(before), len(after))
			}
			// The edited document's number, and so its passage-store file.
			num := docNumber(t, after, docs[edited].URL)
			if old := docNumber(t, before, docs[edited].URL); old != num {
				t.Fatalf("the edit moved the document from number %d to %d", old, num)
			}
			group := num / opts.DocsPerPassageFile
			own := map[string]bool{}
			for _, text := range []string{docs[edited].Body, changed[edited].Body} {
				for _, w := range Tokenize(text) {
					if s, ok := st.a.term(w); ok {
						own[Fold(s)] = true
					}
				}
			}
			rewritten := 0
			for name, old := range before {
				b, ok := after[name]
				if !ok {
					t.Errorf("%s is gone", name)
					continue
				}
				if bytes.Equal(old, b) {
					continue
				}
				rewritten++
				rest := strings.TrimPrefix(name, "search/pl/")
				var n int
				switch {
				case rest == format.ManifestFile, strings.HasPrefix(rest, "l/"), rest == format.RulesFile:
				case rest == format.PassagesFile(group):
				case sscan(rest, "d/%d.json", &n):
					if first := n * opts.DocsPerShard; first+opts.DocsPerShard <= num || first >= (group+1)*opts.DocsPerPassageFile {
						t.Errorf("%s changed: documents %d… are neither the edited one (%d) nor after it in its passage file", name, first, num)
					}
				case strings.HasPrefix(rest, "p/"):
					for stem := range diffLists(t, old, b) {
						if !own[stem] {
							t.Errorf("%s: the list of %q changed, a stem the edited page neither had nor has", name, stem)
						}
					}
				default:
					t.Errorf("%s changed", name)
				}
			}
			t.Logf("%d of %d files changed", rewritten, len(before))
		})
	}
}

// editCorpus makes n Polish news items of 100 to 700 words drawn from the
// bundled content, each with two passages, dated over two years.
func editCorpus(t *testing.T, n int) []Doc {
	files, err := filepath.Glob("../../content/*/*.pl.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no Polish content: %v", err)
	}
	var words []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		words = append(words, strings.Fields(string(b))...)
	}
	r := rand.New(rand.NewPCG(1, 2))
	docs := make([]Doc, n)
	for i := range docs {
		k := 100 + r.IntN(600)
		start := r.IntN(len(words) - k)
		body := strings.Join(words[start:start+k], " ")
		docs[i] = Doc{
			URL: fmt.Sprintf("/aktualnosci/n-%04d/", i), Lang: "pl", Kind: "news",
			Title: strings.Join(words[start+k/2:start+k/2+5], " "), Body: body,
			Date: time.Date(2024+i%2, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC),
			Passages: []Passage{
				{Start: 100, End: 100 + len(body)/2, Bits: "AbCd"},
				{Anchor: "dalej", Label: "Dalej", Start: 200 + len(body)/2, End: 200 + len(body), Bits: "EfGh"},
			},
		}
	}
	return docs
}

// docNumber finds the number of the document at url in an index's
// document store.
func docNumber(t *testing.T, files map[string][]byte, url string) int {
	t.Helper()
	for n := 0; ; n++ {
		b, ok := files["search/pl/"+format.DocsFile(n)]
		if !ok {
			t.Fatalf("no document %s", url)
		}
		var shard [][]any
		if err := json.Unmarshal(b, &shard); err != nil {
			t.Fatal(err)
		}
		for i, d := range shard {
			if d[1] == url {
				return n*DefaultDocsPerShard + i
			}
		}
	}
}

// diffLists returns the stems whose lists differ between two versions of a
// postings file ({stem: list}), those in one only included.
func diffLists(t *testing.T, a, b []byte) map[string]bool {
	t.Helper()
	var x, y map[string]string
	if err := json.Unmarshal(a, &x); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &y); err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for s, l := range x {
		if y[s] != l {
			out[s] = true
		}
	}
	for s := range y {
		if _, ok := x[s]; !ok {
			out[s] = true
		}
	}
	return out
}

// sscan reports whether s is exactly format with one number, put in n.
func sscan(s, format string, n *int) bool {
	k, err := fmt.Sscanf(s, format, n)
	return err == nil && k == 1 && fmt.Sprintf(format, *n) == s
}

// TestLayoutStandsStill: the figures every file depends on, the shard
// count of the postings and the average field lengths, stay as they were
// when one page's edit moves the totals they come from by a little, yet
// keep close to the exact figure.
func TestLayoutStandsStill(t *testing.T) {
	cases := []struct {
		name  string
		f     func(x float64) float64 // the figure from the total x
		exact func(x float64) float64 // what it stands for
		delta float64                 // an edit's move of x, relative
		near  float64                 // the largest relative distance from exact
	}{
		{"postings shards", func(x float64) float64 { return float64(shardCount(int(x), 8<<10)) }, func(x float64) float64 { return x / (8 << 10) }, 1e-4, 0.15},
		{"average length", roundLength, func(x float64) float64 { return x }, 1e-5, 0.011},
	}
	for _, c := range cases {
		moved, n := 0, 0
		for x := 1e5; x < 1e8; x *= 1.0007 {
			n++
			a, b := c.f(x), c.f(x*(1+c.delta))
			if a != b {
				moved++
			}
			if d := a/c.exact(x) - 1; d > c.near || d < -c.near {
				t.Errorf("%s: %.0f gives %g, %.1f %% from %g", c.name, x, a, 100*d, c.exact(x))
			}
		}
		if moved*1000 > n {
			t.Errorf("%s: %d of %d totals give another figure when moved by %g of themselves", c.name, moved, n, c.delta)
		}
	}
}
