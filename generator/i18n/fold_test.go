package i18n

import "testing"

func TestFold(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"polish lower", "ąćęłńóśźż", "acelnoszz"},
		{"polish upper", "ĄĆĘŁŃÓŚŹŻ", "acelnoszz"},
		{"pangram", "Zażółć gęślą jaźń", "zazolc gesla jazn"},
		{"keeps punctuation and digits", "Łódź – 2023/1187!", "lodz – 2023/1187!"},
		{"keeps spaces", "  Gdańsk   Śródmieście  ", "  gdansk   srodmiescie  "},
		{"other languages", "Đakovo Ørsted Straße Æsir Œuvre Café naïve", "dakovo orsted strasse aesir oeuvre cafe naive"},
		{"precomposed and decomposed agree", "Ło\u0301dz\u0301", "lodz"},
		{"ascii unchanged apart from case", "Hello, World 42", "hello, world 42"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSlugify(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"only junk", " – ?! ", ""},
		{"en dash and slash", "Łódź – 2023/1187", "lodz-2023-1187"},
		{"pangram", "Zażółć gęślą jaźń", "zazolc-gesla-jazn"},
		{"every polish letter", "ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ", "acelnoszz-acelnoszz"},
		{"multiple spaces", "Rada   Unii    Europejskiej", "rada-unii-europejskiej"},
		{"leading and trailing junk", "  --«Decyzja (WPZiB) 2024/123»--  ", "decyzja-wpzib-2024-123"},
		{"punctuation runs", "Art. 5, ust. 2: „tekst”…", "art-5-ust-2-tekst"},
		{"digits", "2023", "2023"},
		{"non-latin dropped", "Ελλάδα Kraków", "krakow"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Slugify(tt.in); got != tt.want {
				t.Errorf("Slugify(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestTopicSlug: topics whose names differ only in "#" or "+" get
// distinct URLs; a name without letters or digits gets none.
func TestTopicSlug(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"c", "c"}, {"C#", "c-sharp"}, {"c++", "c-plus-plus"}, {"F# i .NET", "f-sharp-i-net"},
		{"Bezpieczeństwo", "bezpieczenstwo"}, {"#", ""}, {"++", ""}, {"", ""},
	} {
		if got := TopicSlug(tc.in); got != tc.want {
			t.Errorf("TopicSlug(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
