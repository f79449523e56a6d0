package ranker

import (
	"math"
	"testing"
)

func TestLnIsTheNaturalLogarithm(t *testing.T) {
	for _, x := range []float64{1, 1.0000001, 1.5, 2, 2.2, 10, 1234.5, 20001, 1e9} {
		got, want := ln(x), math.Log(x)
		if math.Abs(got-want) > 1e-14*math.Max(1, want) {
			t.Errorf("ln(%v) = %v, want %v", x, got, want)
		}
	}
}
