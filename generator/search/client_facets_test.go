package search_test

import (
	"fmt"
	"reflect"
	"slices"
	"testing"
)

// TestClientFacetCounts holds the client's facetCounts to what the search
// page promises: the results shown pass every selected filter, in rank
// order, and each filter's values count the results that pass the other
// filters (so that a reader sees what ticking one more box would give).
// The expected figures are worked out here, result by result.
func TestClientFacetCounts(t *testing.T) {
	type seg struct {
		Kind string `json:"kind"`
		Year int    `json:"year"`
	}
	type sel struct {
		Kind  []string `json:"kind"`
		Topic []int    `json:"topic"`
		Year  []int    `json:"year"`
	}
	type input struct {
		Segs   []seg   `json:"segs"`
		Seg    []int   `json:"seg"`
		Topics [][]int `json:"topics"`
		Hits   []int   `json:"hits"`
		Sel    sel     `json:"sel"`
	}
	type output struct {
		Shown []int          `json:"shown"`
		Kind  map[string]int `json:"kind"`
		Year  map[string]int `json:"year"`
		Topic map[string]int `json:"topic"`
	}
	segs := []seg{{"news", 2025}, {"news", 2024}, {"decisions", 2023}, {"decisions", 0}}
	docSeg := []int{0, 0, 0, 1, 1, 1, 2, 2, 3, 3, 3, 3}
	topics := [][]int{{1}, {2}, {}, {1, 2}, {3}, {1}, {2, 3}, {}, {1}, {3}, {2}, {1, 3}}
	hits := []int{5, 0, 9, 3, 11, 7, 1, 8, 6}
	cases := []struct {
		name   string
		topics bool
		sel    sel
	}{
		{"nothing selected", false, sel{}},
		{"nothing selected, topics loaded", true, sel{}},
		{"a kind", false, sel{Kind: []string{"decisions"}}},
		{"a year", false, sel{Year: []int{2024}}},
		{"undated", false, sel{Year: []int{0}}},
		{"a topic", true, sel{Topic: []int{3}}},
		{"two kinds and a year", true, sel{Kind: []string{"news", "decisions"}, Year: []int{2025, 2023}}},
		{"kind, year and topics", true, sel{Kind: []string{"news"}, Year: []int{2024}, Topic: []int{1, 3}}},
	}
	var in []input
	var want []output
	for _, c := range cases {
		x := input{Segs: segs, Seg: docSeg, Hits: hits, Sel: c.sel}
		if c.topics {
			x.Topics = topics
		}
		in = append(in, x)
		w := output{Shown: []int{}, Kind: map[string]int{}, Year: map[string]int{}, Topic: map[string]int{}}
		for _, d := range hits {
			g := segs[docSeg[d]]
			var ts []int
			if c.topics {
				ts = topics[d]
			}
			pk := len(c.sel.Kind) == 0 || slices.Contains(c.sel.Kind, g.Kind)
			py := len(c.sel.Year) == 0 || slices.Contains(c.sel.Year, g.Year)
			pt := len(c.sel.Topic) == 0 || slices.ContainsFunc(ts, func(v int) bool { return slices.Contains(c.sel.Topic, v) })
			if pk && py && pt {
				w.Shown = append(w.Shown, d)
			}
			if py && pt {
				w.Kind[g.Kind]++
			}
			if pk && pt {
				w.Year[fmt.Sprint(g.Year)]++
			}
			if pk && py {
				for _, v := range ts {
					w.Topic[fmt.Sprint(v)]++
				}
			}
		}
		want = append(want, w)
	}
	var got []output
	runClient(t, "testdata/facets.mjs", in, &got)
	if len(got) != len(cases) {
		t.Fatalf("node gave %d answers for %d cases", len(got), len(cases))
	}
	for i, c := range cases {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("%s: client gave %+v, want %+v", c.name, got[i], want[i])
		}
	}
}
