// Package parallel runs independent pieces of a build on all cores.
package parallel

import (
	"runtime"
	"sync"
)

// For calls f(0), …, f(n-1) on GOMAXPROCS goroutines and returns when all
// calls have returned. Calls must not depend on each other's order.
func For(n int, f func(i int)) {
	workers := runtime.GOMAXPROCS(0)
	if workers > n {
		workers = n
	}
	var wg sync.WaitGroup
	next := make(chan int, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}
