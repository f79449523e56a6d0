package search

import "testing"

func TestHeadCut(t *testing.T) {
	counts := func(pairs ...int) *[64]int {
		var c [64]int
		for i := 0; i+1 < len(pairs); i += 2 {
			c[pairs[i]] = pairs[i+1]
		}
		return &c
	}
	cases := []struct {
		name      string
		count     *[64]int
		n, head   int
		cut, tail int
	}{
		{"short list keeps every code", counts(5, 3, 9, 2), 5, 200, 1, 0},
		{"exactly head keeps every code", counts(5, 100, 9, 100), 200, 200, 1, 0},
		{"head of the highest codes", counts(40, 2, 30, 3, 10, 50, 4, 45), 100, 5, 30, 10},
		{"a tie at the cut joins the head", counts(40, 2, 30, 6, 10, 50, 4, 42), 100, 5, 30, 10},
		{"a tie that would more than double it stays out", counts(40, 2, 30, 30, 10, 38, 4, 30), 100, 5, 31, 10},
		{"one code everywhere: no tail", counts(12, 500), 500, 5, 1, 0},
		{"the tail's code is its median", counts(50, 5, 20, 10, 8, 10, 2, 11), 36, 5, 50, 8},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cut, tail := headCut(c.count, c.n, c.head)
			if cut != c.cut || tail != c.tail {
				t.Errorf("headCut = %d, %d; want %d, %d", cut, tail, c.cut, c.tail)
			}
		})
	}
}
