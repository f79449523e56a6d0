package main

import (
	"math"
	"reflect"
	"testing"
)

func TestMedian(t *testing.T) {
	for _, c := range []struct {
		in   []float64
		want float64
	}{
		{[]float64{3}, 3},
		{[]float64{3, 1, 2}, 2},
		{[]float64{4, 1, 3, 2}, 2.5},
		{[]float64{10, 10, 1}, 10},
		{[]float64{-1, 5}, 2},
	} {
		in := append([]float64(nil), c.in...)
		if got := median(c.in); got != c.want {
			t.Errorf("median(%v) = %v, want %v", c.in, got, c.want)
		}
		if !reflect.DeepEqual(in, c.in) {
			t.Errorf("median reordered its argument: %v", c.in)
		}
	}
	if !math.IsNaN(median(nil)) {
		t.Error("median(nil) is not NaN")
	}
}

func TestMinMax(t *testing.T) {
	for _, c := range []struct {
		in     []float64
		lo, hi float64
	}{
		{[]float64{2}, 2, 2},
		{[]float64{3, 1, 2}, 1, 3},
		{[]float64{-4, 9, 0}, -4, 9},
	} {
		if lo, hi := minMax(c.in); lo != c.lo || hi != c.hi {
			t.Errorf("minMax(%v) = %v, %v, want %v, %v", c.in, lo, hi, c.lo, c.hi)
		}
	}
	if lo, hi := minMax(nil); !math.IsNaN(lo) || !math.IsNaN(hi) {
		t.Error("minMax(nil) is not NaN, NaN")
	}
}

func TestRatios(t *testing.T) {
	for _, c := range []struct {
		name string
		a, b []float64
		want []float64
	}{
		{"run by run", []float64{1, 2, 3}, []float64{2, 4, 6}, []float64{0.5, 0.5, 0.5}},
		{"shorter denominator", []float64{1, 2, 3}, []float64{4, 8}, []float64{0.25, 0.25}},
		{"zero left out", []float64{1, 2}, []float64{0, 4}, []float64{0.5}},
		{"NaN left out", []float64{math.NaN(), 3}, []float64{1, 3}, []float64{1}},
		{"none", nil, []float64{1}, nil},
	} {
		if got := ratios(c.a, c.b); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: ratios(%v, %v) = %v, want %v", c.name, c.a, c.b, got, c.want)
		}
	}
}

func TestTargetVerdict(t *testing.T) {
	for _, c := range []struct {
		target Target
		r      float64
		want   string
	}{
		{Target{0.30}, 0.29, "✓"},
		{Target{0.30}, 0.30, "✓"},
		{Target{0.30}, 0.31, "✗"},
		{Target{0.05}, 1.2, "✗"},
		{Target{}, 0.1, ""},
		{Target{0.5}, math.NaN(), ""},
	} {
		if got := c.target.verdict(c.r); got != c.want {
			t.Errorf("%v.verdict(%v) = %q, want %q", c.target, c.r, got, c.want)
		}
	}
	if got := (Target{0.3}).String(); got != "≤ 0.30" {
		t.Errorf("Target{0.3} = %q", got)
	}
	if got := (Target{}).String(); got != "–" {
		t.Errorf("Target{} = %q", got)
	}
}

func TestStat(t *testing.T) {
	for _, c := range []struct {
		xs   []float64
		dec  int
		want string
	}{
		{nil, 2, "–"},
		{[]float64{1.234}, 2, "1.23"},
		{[]float64{3, 1, 2}, 1, "2.0 (1.0–3.0)"},
		{[]float64{1024, 2048}, 0, "1536 (1024–2048)"},
	} {
		if got := stat(c.xs, c.dec); got != c.want {
			t.Errorf("stat(%v, %d) = %q, want %q", c.xs, c.dec, got, c.want)
		}
	}
}

func TestRotate(t *testing.T) {
	units := []string{"a", "b", "c"}
	for _, c := range []struct {
		run  int
		want []string
	}{
		{0, []string{"a", "b", "c"}},
		{1, []string{"b", "c", "a"}},
		{2, []string{"c", "a", "b"}},
		{3, []string{"a", "b", "c"}},
	} {
		if got := rotate(units, c.run); !reflect.DeepEqual(got, c.want) {
			t.Errorf("rotate(%v, %d) = %v, want %v", units, c.run, got, c.want)
		}
	}
	if got := rotate([]string(nil), 1); got != nil {
		t.Errorf("rotate(nil) = %v", got)
	}
	// Over as many runs as units, each unit takes each place once.
	seen := map[string]map[int]bool{}
	for run := 0; run < len(units); run++ {
		for place, u := range rotate(units, run) {
			if seen[u] == nil {
				seen[u] = map[int]bool{}
			}
			seen[u][place] = true
		}
	}
	for _, u := range units {
		if len(seen[u]) != len(units) {
			t.Errorf("%s took places %v", u, seen[u])
		}
	}
}
