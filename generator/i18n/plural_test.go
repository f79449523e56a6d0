package i18n

import "testing"

func TestPluralCategory(t *testing.T) {
	tests := []struct {
		lang string
		n    int
		want string
	}{
		{"pl", 0, "many"},
		{"pl", 1, "one"},
		{"pl", 2, "few"},
		{"pl", 3, "few"},
		{"pl", 4, "few"},
		{"pl", 5, "many"},
		{"pl", 11, "many"},
		{"pl", 12, "many"},
		{"pl", 13, "many"},
		{"pl", 14, "many"},
		{"pl", 21, "many"},
		{"pl", 22, "few"},
		{"pl", 24, "few"},
		{"pl", 25, "many"},
		{"pl", 32, "few"},
		{"pl", 101, "many"},
		{"pl", 102, "few"},
		{"pl", 112, "many"},
		{"pl", -2, "few"},
		{"pl-PL", 3, "few"},
		{"en", 0, "other"},
		{"en", 1, "one"},
		{"en", 2, "other"},
		{"en", 21, "other"},
		{"en-GB", 1, "one"},
		{"not a tag!", 1, "other"},
	}
	for _, tt := range tests {
		if got := PluralCategory(tt.lang, tt.n); got != tt.want {
			t.Errorf("PluralCategory(%q, %d) = %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
}
