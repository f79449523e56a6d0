package search

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestWordIDs(t *testing.T) {
	long := strings.Repeat("x", maxPacked+1)
	tests := []struct {
		name  string
		words []string
		want  []int32 // each word's number
		added []bool
	}{
		{"repeats", []string{"a", "b", "a", "b", "c"}, []int32{0, 1, 0, 1, 2}, []bool{true, true, false, false, true}},
		{"case and diacritics differ", []string{"Unii", "unii", "UNII", "żądanie", "zadanie"}, []int32{0, 1, 2, 3, 4}, []bool{true, true, true, true, true}},
		{"prefixes are other words", []string{"ab", "abc", "a", "ab", "abcdefgh", "abcdefghi", "abcdefgh"}, []int32{0, 1, 2, 0, 3, 4, 3}, []bool{true, true, true, false, true, true, false}},
		{"NUL bytes are kept apart", []string{"a", "a\x00", "\x00a", "a"}, []int32{0, 1, 2, 0}, []bool{true, true, true, false}},
		{"15 and 16 bytes", []string{long[1:], long, long[1:], long}, []int32{0, 1, 0, 1}, []bool{true, true, false, false}},
		{"long and short share the numbering", []string{long + "a", "a", long + "a", long + "b", "a"}, []int32{0, 1, 0, 2, 1}, []bool{true, true, false, true, false}},
		{"the empty word", []string{"", "a", ""}, []int32{0, 1, 0}, []bool{true, true, false}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var ids wordIDs
			for i, w := range tc.words {
				id, added := ids.id(w)
				if id != tc.want[i] || added != tc.added[i] {
					t.Errorf("word %d, id(%q) = %d, %v; want %d, %v", i, w, id, added, tc.want[i], tc.added[i])
				}
				if ids.words[id] != w {
					t.Errorf("words[%d] = %q, want %q", id, ids.words[id], w)
				}
			}
		})
	}
}

// TestWordIDsLikeMap: through growth, wordIDs numbers words as a map
// would.
func TestWordIDsLikeMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var ids wordIDs
	want := map[string]int32{}
	for i := 0; i < 200000; i++ {
		w := fmt.Sprintf("%05x", rng.Uint64N(50000))[:1+rng.IntN(5)]
		if rng.IntN(20) == 0 {
			w += strings.Repeat("ż", rng.IntN(10))
		}
		id, added := ids.id(w)
		n, ok := want[w]
		if !ok {
			n = int32(len(want))
			want[w] = n
		}
		if id != n || added == ok {
			t.Fatalf("id(%q) = %d, %v; want %d, %v", w, id, added, n, !ok)
		}
	}
	if len(ids.words) != len(want) {
		t.Errorf("%d words, want %d", len(ids.words), len(want))
	}
}
