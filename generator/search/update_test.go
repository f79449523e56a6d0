package search

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestUpdateMatchesBuild: a chain of edits, each made by Update from the
// state the edit before left, gives byte for byte the index Build makes
// of the edited documents, and the edits that renumber documents or add
// one are refused (ErrNoUpdate), never answered with a wrong index.
func TestUpdateMatchesBuild(t *testing.T) {
	base := editCorpus(t, 400)
	for i := range base {
		base[i].Topics = []string{[]string{"Terroryzm", "Granice"}[i%2]}
	}
	base = append(base,
		Doc{URL: "/aktualnosci/", Lang: "pl", Kind: "sections", Title: "Aktualności"},
		Doc{URL: "/tematy/terroryzm/", Lang: "pl", Kind: "topics", Title: "Terroryzm", Topics: []string{"Terroryzm"}},
	)
	opts := Options{PostingsShardBytes: 2 << 10, DocsPerPassageFile: 32}
	bag := func(docs []Doc, which ...int) {
		counter := NewWords().Counter() // a new conversion's table
		for _, i := range which {
			if docs[i].Body != "" {
				docs[i].Bag = counter.Count(docs[i].Body)
				docs[i].Body = ""
			}
		}
	}
	all := make([]int, 0, 400)
	for i := 8; i < 400; i++ {
		all = append(all, i) // the first eight indexed from their text
	}
	bodies := make([]string, len(base))
	for i := range base {
		bodies[i] = base[i].Body
	}
	bag(base, all...)
	steps := []struct {
		name string
		edit func(docs []Doc, body []string) []int // edits docs (bodies as text in body), returns the pages changed
		want error
	}{
		{"a sentence of known words", func(d []Doc, b []string) []int {
			b[10] += " Współpraca policji w Unii."
			return []int{10}
		}, nil},
		{"a new word", func(d []Doc, b []string) []int {
			b[12] += " Zdanie qwertyuiopowe."
			return []int{12}
		}, nil},
		{"the new word gone again", func(d []Doc, b []string) []int {
			b[12] = strings.TrimSuffix(b[12], " Zdanie qwertyuiopowe.")
			return []int{12}
		}, nil},
		{"two pages, a title", func(d []Doc, b []string) []int {
			d[20].Title += " Frontexu"
			b[300] = "Granice " + b[300]
			return []int{20, 300}
		}, nil},
		{"a page indexed from its text, now from a bag", func(d []Doc, b []string) []int {
			b[3] += " Granice Unii."
			return []int{3}
		}, nil},
		{"marked changed, unchanged", func(d []Doc, b []string) []int { return []int{5, 6} }, nil},
		{"a list's title", func(d []Doc, b []string) []int {
			d[400].Title = "Aktualności i komunikaty"
			return nil
		}, nil},
		{"a page's date: renumbered", func(d []Doc, b []string) []int {
			d[30].Date = d[30].Date.Add(-400 * 24 * time.Hour)
			return []int{30}
		}, ErrNoUpdate},
		{"after a refusal, a topic's page", func(d []Doc, b []string) []int {
			d[401].Topics = []string{"Migracja"}
			return nil
		}, nil},
		{"a body halved: another length class", func(d []Doc, b []string) []int {
			b[40] = b[40][:len(b[40])/2]
			return []int{40}
		}, ErrNoUpdate},
	}
	docs := slices.Clone(base)
	files, states, err := BuildState([]string{"pl"}, docs, opts)
	if err != nil {
		t.Fatal(err)
	}
	state := states["pl"].Bytes()
	for _, step := range steps {
		t.Run(step.name, func(t *testing.T) {
			next := slices.Clone(docs)
			body := slices.Clone(bodies)
			edited := step.edit(next, body)
			old := map[string]*Doc{}
			changed := map[string]bool{}
			for _, i := range edited {
				old[docs[i].URL] = &docs[i]
				changed[docs[i].URL] = true
				next[i].Body = body[i]
			}
			bag(next, edited...)
			want, wantStates, err := BuildState([]string{"pl"}, next, opts)
			if err != nil {
				t.Fatal(err)
			}
			// As an incremental build reads them: the bags of the
			// changed documents only.
			unread := slices.Clone(next)
			for i := range unread {
				if !changed[unread[i].URL] {
					unread[i].Bag = Bag{}
				}
			}
			got, gotState, err := Update(state, "pl", unread, changed, old, opts)
			// The next step starts from this one's build either way.
			docs, bodies, state = next, body, wantStates["pl"].Bytes()
			if step.want != nil {
				if !errors.Is(err, step.want) {
					t.Fatalf("Update: %v, want %v", err, step.want)
				}
				return
			}
			if err != nil {
				for _, i := range edited {
					if a, b := docNumber(t, files, docs[i].URL), docNumber(t, want, docs[i].URL); a != b {
						t.Fatalf("the edit of document %d moves it from %d to %d: choose another", i, a, b)
					}
				}
				t.Fatal(err)
			}
			state = gotState.Bytes() // the chain goes on from Update's own state
			rewritten := 0
			for name, b := range want {
				if !bytes.Equal(got[name], b) {
					t.Errorf("%s differs from Build's", name)
				}
				if !bytes.Equal(files[name], b) {
					rewritten++
				}
			}
			if len(got) != len(want) {
				t.Errorf("%d files, Build makes %d", len(got), len(want))
			}
			if rewritten == 0 && len(edited) > 0 && step.name != "marked changed, unchanged" {
				t.Errorf("the edit changed no file")
			}
			files = want
		})
	}
}

// TestUpdateRefusesOtherStates: a damaged state, or one made with other
// options, is an error, not an index.
func TestUpdateRefusesOtherStates(t *testing.T) {
	docs := editCorpus(t, 50)
	_, states, err := BuildState([]string{"pl"}, docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	state := states["pl"].Bytes()
	if _, _, err := Update(state, "pl", docs, nil, nil, Options{DocsPerShard: 3}); !errors.Is(err, ErrNoUpdate) {
		t.Errorf("other options: %v, want ErrNoUpdate", err)
	}
	if _, _, err := Update(state[:len(state)/2], "pl", docs, nil, nil, Options{}); err == nil {
		t.Errorf("half a state: no error")
	}
	if _, _, err := Update(state, "pl", docs[1:], nil, nil, Options{}); !errors.Is(err, ErrNoUpdate) {
		t.Errorf("a document fewer: %v, want ErrNoUpdate", err)
	}
}
