package search

import (
	"math"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"
)

func TestVintRoundTrip(t *testing.T) {
	for _, n := range []int{0, 1, 31, 32, 33, 1023, 1024, 32767, 32768, 1 << 20, 123456789} {
		s := string(appendVint(nil, n))
		got, next := readVint(s+"x", 0)
		if got != n || next != len(s) {
			t.Errorf("vint %d: wrote %q, read %d (next %d)", n, s, got, next)
		}
		if n < 32 && len(s) != 1 || n >= 32 && n < 1024 && len(s) != 2 {
			t.Errorf("vint %d takes %d characters", n, len(s))
		}
	}
	for _, bad := range []string{"", "W", "!", "WWW"} {
		if _, next := readVint(bad, 0); next >= 0 {
			t.Errorf("readVint(%q) did not fail", bad)
		}
	}
}

func TestLnIsTheNaturalLogarithm(t *testing.T) {
	for _, x := range []float64{1, 1.0000001, 1.5, 2, 2.2, 10, 1234.5, 20001, 1e9} {
		got, want := ln(x), math.Log(x)
		if math.Abs(got-want) > 1e-14*math.Max(1, want) {
			t.Errorf("ln(%v) = %v, want %v", x, got, want)
		}
	}
}

func TestCompare16OrdersLikeJavaScript(t *testing.T) {
	words := []string{"", "a", "ab", "b", "z", "é", "ł", "ż", "\uffee", "\U0001F600", "\U00010000x", "prz", "przez", "Zb", "2023"}
	units := func(s string) []uint16 { return utf16.Encode([]rune(s)) }
	for _, a := range words {
		for _, b := range words {
			want := slices.Compare(units(a), units(b))
			if got := compare16(a, b); got != want {
				t.Errorf("compare16(%q, %q) = %d, want %d", a, b, got, want)
			}
		}
	}
	if len16("a\U0001F600ł") != 4 {
		t.Errorf("len16 counts code points, not UTF-16 units")
	}
}

func TestNormLengths(t *testing.T) {
	table := normLengths()
	for q := 1; q < 64; q++ {
		if table[q] <= table[q-1] {
			t.Fatalf("length table not increasing at %d: %v", q, table)
		}
		if got := normCode(&table, table[q]); got != q {
			t.Errorf("normCode(%d) = %d, want %d", table[q], got, q)
		}
		if got := normCode(&table, table[q]-1); got != q-1 {
			t.Errorf("normCode(%d) = %d, want %d", table[q]-1, got, q-1)
		}
	}
	if table[63] < 100000 {
		t.Errorf("longest length code %d: long documents would all look alike", table[63])
	}
}

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

func TestAppendStringIsJSON(t *testing.T) {
	for in, want := range map[string]string{
		`a"b\c`:         `"a\"b\\c"`,
		"tab\tnl\n\x01": `"tab\tnl\n\u0001"`,
		"ł\u2028":       `"ł\u2028"`,
		"<b>&":          `"<b>&"`,
	} {
		if got := string(appendString(nil, in)); got != want {
			t.Errorf("appendString(%q) = %s, want %s", in, got, want)
		}
	}
}
