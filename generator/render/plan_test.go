package render

import (
	"fmt"
	"testing"
)

func TestPagerWindow(t *testing.T) {
	tests := []struct {
		current, total int
		want           string
	}{
		{1, 1, "[1]"},
		{1, 3, "[1 2 3]"},
		{1, 10, "[1 2 3 0 10]"},
		{5, 10, "[1 0 3 4 5 6 7 0 10]"},
		{4, 10, "[1 2 3 4 5 6 0 10]"},
		{10, 10, "[1 0 8 9 10]"},
		{500, 1000, "[1 0 498 499 500 501 502 0 1000]"},
	}
	for _, tc := range tests {
		if got := fmt.Sprint(pagerWindow(tc.current, tc.total)); got != tc.want {
			t.Errorf("pagerWindow(%d, %d) = %s, want %s", tc.current, tc.total, got, tc.want)
		}
	}
}
