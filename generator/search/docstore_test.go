package search

import (
	"strings"
	"testing"
)

func TestTruncateWords(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"krótki tekst", 100, "krótki tekst"},
		{"Rada przyjęła decyzję w sprawie konwencji", 20, "Rada przyjęła…"},
		{"jednosłowowyciągdalszydalszy", 10, "jednosłow…"},
	}
	for _, tc := range tests {
		if got := truncateWords(tc.in, tc.n); got != tc.want {
			t.Errorf("truncateWords(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
		if !strings.HasSuffix(tc.want, "…") && len(tc.in) > tc.n {
			t.Errorf("case %q: a cut must end in …", tc.in)
		}
	}
}
