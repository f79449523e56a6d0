package render

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"hubgen/generator/markdown"
)

// alignKeysByInsertion is alignKeys as it was first written, inserting into
// a slice: what alignKeys must keep doing.
func alignKeysByInsertion(acts []*markdown.Act) []string {
	var keys []string
	seen := map[string]bool{}
	for _, a := range acts {
		prev := ""
		for _, u := range a.Units {
			if seen[u.Key] {
				prev = u.Key
				continue
			}
			seen[u.Key] = true
			at := len(keys)
			if prev == "" {
				at = 0
			} else {
				for i, k := range keys {
					if k == prev {
						at = i + 1
					}
				}
			}
			keys = append(keys[:at], append([]string{u.Key}, keys[at:]...)...)
			prev = u.Key
		}
	}
	return keys
}

func actOf(keys string) *markdown.Act {
	a := &markdown.Act{}
	for _, k := range strings.Fields(keys) {
		if k == "_" {
			k = ""
		}
		a.Units = append(a.Units, markdown.Unit{Key: k})
	}
	return a
}

// TestAlignKeys: the parts of several versions of an act are merged in the
// first version's order, each part only another version has placed after
// the part before it there, or first.
func TestAlignKeys(t *testing.T) {
	tests := []struct {
		name string
		acts []string // each version's unit keys; "_" is an empty key
		want string
	}{
		{"none", nil, ""},
		{"one version", []string{"pbl cit_1 rct_1 art_1 fnp"}, "pbl cit_1 rct_1 art_1 fnp"},
		{"same parts", []string{"pbl rct_1 art_1", "pbl rct_1 art_1"}, "pbl rct_1 art_1"},
		{"a part only the second has", []string{"pbl art_1 art_3", "pbl art_1 art_2 art_3"}, "pbl art_1 art_2 art_3"},
		{"the second starts with a part of its own", []string{"art_1 art_2", "pbl art_1 art_2"}, "pbl art_1 art_2"},
		{"a repeated key", []string{"fn art_1 fn", "fn art_1 art_2 fn"}, "fn art_1 art_2"},
		{"three versions", []string{"a c", "a b c", "a c d x"}, "a b c d x"},
		{"an empty key", []string{"a _ b", "a _ c b"}, "c b a "},
	}
	for _, tc := range tests {
		var acts []*markdown.Act
		for _, keys := range tc.acts {
			acts = append(acts, actOf(keys))
		}
		got := alignKeys(acts)
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, strings.Join(got, " "), tc.want)
		}
		if want := alignKeysByInsertion(acts); !slices.Equal(got, want) {
			t.Errorf("%s: %q, by insertion %q", tc.name, got, want)
		}
	}
	// Random versions drawn from a few keys, in any order, with repeats.
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 2000 {
		var acts []*markdown.Act
		for range 1 + r.IntN(3) {
			var keys []string
			for range r.IntN(10) {
				keys = append(keys, fmt.Sprint("k", r.IntN(8)))
			}
			if r.IntN(10) == 0 {
				keys = append(keys, "_")
			}
			r.Shuffle(len(keys), func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
			acts = append(acts, actOf(strings.Join(keys, " ")))
		}
		if got, want := alignKeys(acts), alignKeysByInsertion(acts); !slices.Equal(got, want) {
			t.Fatalf("case %d: %q, by insertion %q", i, got, want)
		}
	}
}
