package search

import (
	"bytes"
	"testing"
)

// TestBagsIndexAsText: an index of bodies counted into bags, some in one
// table and some in another (the cache's and this build's), on one or
// many goroutines, is byte for byte the index of the same bodies as text.
func TestBagsIndexAsText(t *testing.T) {
	docs := append(editCorpus(t, 300), Doc{URL: "/aktualnosci/pusta/", Lang: "pl", Kind: "news", Title: "Pusta strona"})
	docs[7].Body = "Słowo " + docs[7].Body + " " + docs[7].Body // counts above one
	want, err := Build([]string{"pl"}, docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		tables int  // tables the bags are spread over
		every  int  // every how many documents has a bag
		shared bool // one counter per table, else one per document
	}{
		{"every body, one table", 1, 1, true},
		{"every other body, two tables", 2, 2, true},
		{"every body, a counter each", 1, 1, false},
		{"every third body, three tables", 3, 3, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tables := make([]*Words, c.tables)
			counters := make([]*BagCounter, c.tables)
			for i := range tables {
				tables[i] = NewWords()
				counters[i] = tables[i].Counter()
			}
			bagged := make([]Doc, len(docs))
			copy(bagged, docs)
			for i := range bagged {
				if i%c.every != 0 {
					continue
				}
				k := i % c.tables
				if !c.shared {
					counters[k] = tables[k].Counter()
				}
				bagged[i].Bag = counters[k].Count(bagged[i].Body)
				bagged[i].Body = ""
			}
			got, err := Build([]string{"pl"}, bagged, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("%d files, want %d", len(got), len(want))
			}
			for name, b := range want {
				if !bytes.Equal(got[name], b) {
					t.Errorf("%s differs from the index of the texts", name)
				}
			}
		})
	}
}
