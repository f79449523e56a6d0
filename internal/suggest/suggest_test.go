package suggest

import "testing"

func TestClosest(t *testing.T) {
	keys := []string{"title", "summary", "slug", "date", "lastmod", "tags", "aliases", "draft"}
	topics := []string{"radicalisation", "counter-terrorism", "cbrn", "cybercrime"}
	tests := []struct {
		word       string
		candidates []string
		want       string
		ok         bool
	}{
		{"sumary", keys, "summary", true},
		{"Title", keys, "title", true},
		{"tag", keys, "tags", true},
		{"titel", keys, "title", true},                     // swapped neighbours
		{"alias", keys, "aliases", true},                   // two letters dropped
		{"radicalization", topics, "radicalisation", true}, // US spelling
		{"counterterrorism", topics, "counter-terrorism", true},
		{"coordinator", keys, "", false},
		{"terroryzm", topics, "", false},
		{"x", keys, "", false},
		{"slug", keys, "", false}, // the word itself is no suggestion
	}
	for _, tt := range tests {
		got, ok := Closest(tt.word, tt.candidates)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Closest(%q) = %q, %v; want %q, %v", tt.word, got, ok, tt.want, tt.ok)
		}
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "", 3},
		{"kot", "kto", 1},
		{"źródło", "zrodlo", 3},
		{"summary", "sumary", 1},
		{"kitten", "sitting", 3},
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := Distance(tt.b, tt.a); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.b, tt.a, got, tt.want)
		}
	}
}
