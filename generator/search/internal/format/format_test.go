package format

import (
	"slices"
	"testing"
	"unicode/utf16"
)

func TestVintRoundTrip(t *testing.T) {
	for _, n := range []int{0, 1, 31, 32, 33, 1023, 1024, 32767, 32768, 1 << 20, 123456789} {
		s := string(AppendVint(nil, n))
		got, next := ReadVint(s+"x", 0)
		if got != n || next != len(s) {
			t.Errorf("vint %d: wrote %q, read %d (next %d)", n, s, got, next)
		}
		if n < 32 && len(s) != 1 || n >= 32 && n < 1024 && len(s) != 2 {
			t.Errorf("vint %d takes %d characters", n, len(s))
		}
	}
	for _, bad := range []string{"", "W", "!", "WWW"} {
		if _, next := ReadVint(bad, 0); next >= 0 {
			t.Errorf("ReadVint(%q) did not fail", bad)
		}
	}
}

func TestCompare16OrdersLikeJavaScript(t *testing.T) {
	words := []string{"", "a", "ab", "b", "z", "é", "ł", "ż", "\uffee", "\U0001F600", "\U00010000x", "prz", "przez", "Zb", "2023"}
	units := func(s string) []uint16 { return utf16.Encode([]rune(s)) }
	for _, a := range words {
		for _, b := range words {
			want := slices.Compare(units(a), units(b))
			if got := Compare16(a, b); got != want {
				t.Errorf("Compare16(%q, %q) = %d, want %d", a, b, got, want)
			}
		}
	}
	if Len16("a\U0001F600ł") != 4 {
		t.Errorf("Len16 counts code points, not UTF-16 units")
	}
}

func TestImpacts(t *testing.T) {
	table := Impacts()
	for q := 1; q < 64; q++ {
		if table[q] <= table[q-1] {
			t.Fatalf("impact table not increasing at %d: %v", q, table)
		}
		// Each code must come back from its own value, and a value between
		// two codes must go to the nearer in ratio, within 6.5 %.
		if got := ImpactCode(&table, float64(table[q])/256); got != q {
			t.Errorf("ImpactCode(table[%d]) = %d", q, got)
		}
	}
	for _, tf := range []float64{0.04, 0.1, 0.3, 0.47, 1, 1.9, 2.5, 6, 13.7, 30} {
		q := ImpactCode(&table, tf)
		if got := float64(table[q]) / 256; got < tf/1.065 || got > tf*1.065 {
			t.Errorf("ImpactCode(%g) = %d, standing for %g: more than 6.5 %% off", tf, q, got)
		}
	}
	cases := []struct {
		tf   float64
		want int
	}{{0, 0}, {0.001, 0}, {1e6, 63}}
	for _, c := range cases {
		if got := ImpactCode(&table, c.tf); got != c.want {
			t.Errorf("ImpactCode(%g) = %d, want %d", c.tf, got, c.want)
		}
	}
	if top := float64(table[63]) / 256; top < 30 {
		t.Errorf("largest impact %g: documents that repeat a word in title and body would look alike", top)
	}
}
