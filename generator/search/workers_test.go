package search

import (
	"sync"
	"testing"
)

// TestForChunks: every item is covered once, in ranges of at most chunk,
// by goroutines numbered below workers(n, chunk).
func TestForChunks(t *testing.T) {
	tests := []struct{ n, chunk int }{
		{0, 1}, {1, 1}, {1, 16}, {15, 16}, {16, 16}, {17, 16}, {1000, 1}, {1000, 7}, {100000, 256},
	}
	for _, tc := range tests {
		nw := workers(tc.n, tc.chunk)
		if nw < 1 {
			t.Errorf("workers(%d, %d) = %d", tc.n, tc.chunk, nw)
		}
		var mu sync.Mutex
		seen := make([]int, tc.n)
		forChunks(tc.n, tc.chunk, func(w, lo, hi int) {
			if w < 0 || w >= nw || lo < 0 || hi > tc.n || lo >= hi || hi-lo > tc.chunk || lo%tc.chunk != 0 {
				t.Errorf("n %d, chunk %d: call (%d, %d, %d)", tc.n, tc.chunk, w, lo, hi)
				return
			}
			mu.Lock()
			defer mu.Unlock()
			for i := lo; i < hi; i++ {
				seen[i]++
			}
		})
		for i, c := range seen {
			if c != 1 {
				t.Errorf("n %d, chunk %d: item %d covered %d times", tc.n, tc.chunk, i, c)
				break
			}
		}
	}
}
