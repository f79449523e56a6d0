package search

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// workers is how many goroutines forChunks runs to cover n items in
// ranges of chunk: GOMAXPROCS, or fewer when there are fewer ranges.
func workers(n, chunk int) int {
	return max(1, min(runtime.GOMAXPROCS(0), (n+chunk-1)/chunk))
}

// forChunks cuts 0…n-1 into consecutive ranges of chunk items (the last
// may be shorter) and calls f(w, lo, hi) for each range [lo, hi) on
// workers(n, chunk) goroutines, which take the ranges in turn; w numbers
// the goroutine (0 ≤ w < workers(n, chunk)), so that f can keep state per
// goroutine without locks. It returns when every call has returned. Calls
// must not depend on which goroutine makes them or in what order.
func forChunks(n, chunk int, f func(w, lo, hi int)) {
	nw := workers(n, chunk)
	if nw == 1 {
		for lo := 0; lo < n; lo += chunk {
			f(0, lo, min(lo+chunk, n))
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range nw {
		wg.Go(func() {
			for {
				lo := int(next.Add(int64(chunk))) - chunk
				if lo >= n {
					return
				}
				f(w, lo, min(lo+chunk, n))
			}
		})
	}
	wg.Wait()
}
