package main

import (
	"fmt"
	"math"
	"sort"
)

// median is the middle value of xs (the mean of the two middle ones for
// an even count); NaN for none.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// minMax is the smallest and largest of xs; NaN, NaN for none.
func minMax(xs []float64) (lo, hi float64) {
	if len(xs) == 0 {
		return math.NaN(), math.NaN()
	}
	lo, hi = xs[0], xs[0]
	for _, x := range xs[1:] {
		lo, hi = math.Min(lo, x), math.Max(hi, x)
	}
	return lo, hi
}

// ratios divides a run by run: a[i] / b[i] for the runs both have (the
// same run i of an interleaved benchmark: the same conditions of a noisy
// machine). Runs where b is zero are left out.
func ratios(a, b []float64) []float64 {
	var out []float64
	for i := 0; i < len(a) && i < len(b); i++ {
		if b[i] != 0 && !math.IsNaN(a[i]) && !math.IsNaN(b[i]) {
			out = append(out, a[i]/b[i])
		}
	}
	return out
}

// Target is an upper bound on a ratio, from issue 12.
type Target struct {
	Max float64 // the ratio must be at most this; 0 means no target
}

// verdict says whether a ratio meets its target: "✓" (met), "✗" (missed)
// or "" (no target, or no figure).
func (t Target) verdict(r float64) string {
	switch {
	case t.Max == 0 || math.IsNaN(r):
		return ""
	case r <= t.Max:
		return "✓"
	default:
		return "✗"
	}
}

// String is the target as the report writes it: "≤ 0.30", or "–".
func (t Target) String() string {
	if t.Max == 0 {
		return "–"
	}
	return fmt.Sprintf("≤ %.2f", t.Max)
}

// stat writes a figure's median with its range over the runs: "12.3
// (11.9–13.0)", or just the median for one run, or "–" for none. dec is
// the number of decimals.
func stat(xs []float64, dec int) string {
	if len(xs) == 0 {
		return "–"
	}
	m := median(xs)
	if len(xs) == 1 {
		return fmt.Sprintf("%.*f", dec, m)
	}
	lo, hi := minMax(xs)
	return fmt.Sprintf("%.*f (%.*f–%.*f)", dec, m, dec, lo, dec, hi)
}

// rotate returns the order of the units for run i (from 0): the list
// turned left by i, so that each unit takes each place in turn and none
// always runs first, on a cold cache, or after the same neighbour.
func rotate[T any](units []T, i int) []T {
	n := len(units)
	if n == 0 {
		return nil
	}
	out := make([]T, 0, n)
	for k := 0; k < n; k++ {
		out = append(out, units[(i+k)%n])
	}
	return out
}
