package i18n

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// loadValid loads the bundle in testdata/valid or stops the test.
func loadValid(t *testing.T) *Bundle {
	t.Helper()
	b, err := LoadBundle(filepath.Join("testdata", "valid"), []string{"pl", "en"})
	if err != nil {
		t.Fatalf("LoadBundle(testdata/valid): %v", err)
	}
	return b
}

func TestBundleN(t *testing.T) {
	b := loadValid(t)
	tests := []struct {
		lang, key string
		n         int
		want      string
	}{
		{"pl", "results", 0, "0 wyników"},
		{"pl", "results", 1, "1 wynik"},
		{"pl", "results", 2, "2 wyniki"},
		{"pl", "results", 4, "4 wyniki"},
		{"pl", "results", 5, "5 wyników"},
		{"pl", "results", 12, "12 wyników"},
		{"pl", "results", 21, "21 wyników"},
		{"pl", "results", 22, "22 wyniki"},
		{"pl", "results", 25, "25 wyników"},
		{"pl", "results", 102, "102 wyniki"},
		{"pl", "results", 112, "112 wyników"},
		{"pl", "results", 12345, "12345 wyników"}, // no thousands separator
		{"pl", "pages", 3, "3 strony"},
		{"pl", "pages", 13, "13 stron"},
		{"en", "results", 0, "0 results"},
		{"en", "results", 1, "1 result"},
		{"en", "results", 2, "2 results"},
		{"en", "pages", 0, "0 pages"},
		{"en", "pages", 1, "1 page"},
		{"en", "pages", 2, "2 pages"},
		{"en", "footer.copyright", 2024, "© 2024 Portal"}, // plain string: same for every count
		{"en", "nosuch", 3, "[nosuch]"},
		{"de", "results", 3, "[results]"},
	}
	for _, tt := range tests {
		if got := b.N(tt.lang, tt.key, tt.n); got != tt.want {
			t.Errorf("N(%q, %q, %d) = %q, want %q", tt.lang, tt.key, tt.n, got, tt.want)
		}
	}
}

func TestBundleT(t *testing.T) {
	b := loadValid(t)
	tests := []struct {
		lang, key, want string
	}{
		{"pl", "skip", "Przejdź do treści"},
		{"en", "skip", "Skip to content"},
		{"pl", "nav.search", "Szukaj"},
		{"en", "nav.lang.switch", "Wersja polska"},
		{"pl", "nav", "[nav]"},
		{"pl", "nav.missing", "[nav.missing]"},
		{"pl", "results", "[results]"}, // plural entries need N
		{"fr", "skip", "[skip]"},
	}
	for _, tt := range tests {
		if got := b.T(tt.lang, tt.key); got != tt.want {
			t.Errorf("T(%q, %q) = %q, want %q", tt.lang, tt.key, got, tt.want)
		}
	}
}

func TestBundleKeys(t *testing.T) {
	b := loadValid(t)
	want := []string{"footer.copyright", "nav.lang.switch", "nav.menu", "nav.search", "pages", "results", "skip"}
	for _, lang := range []string{"pl", "en"} {
		if got := b.Keys(lang); !slices.Equal(got, want) {
			t.Errorf("Keys(%q) = %q, want %q", lang, got, want)
		}
	}
	if got := b.Keys("de"); got != nil {
		t.Errorf("Keys(\"de\") = %q, want nil", got)
	}
}

func TestLoadBundleErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string // file name -> contents
		langs []string
		// wantErrs are substrings that must each appear in the error, with
		// "DIR" standing for the bundle directory.
		wantErrs []string
		// wantSyntax, if set, is "<file>:<line>:..." that must start one line of
		// the error once prefixed with the bundle directory.
		wantSyntax string
	}{
		{
			name: "syntax error reports path line and column",
			files: map[string]string{
				"pl.toml": "skip = \"Przejdź\"\n\n[nav]\nmenu = \"Menu\n",
				"en.toml": "skip = \"Skip\"\n[nav]\nmenu = \"Menu\"\n",
			},
			langs:      []string{"pl", "en"},
			wantSyntax: "pl.toml:4:",
		},
		{
			name: "syntax error on a later line",
			files: map[string]string{
				"pl.toml": "a = \"1\"\nb = \"2\"\nc = \"3\"\nd = \"4\"\ne = \"5\"\nf = = \"6\"\n",
				"en.toml": "a = \"1\"\n",
			},
			langs:      []string{"pl", "en"},
			wantSyntax: "pl.toml:6:5: ",
		},
		{
			name: "key missing in English",
			files: map[string]string{
				"pl.toml": "skip = \"Przejdź\"\n[results]\none = \"{count} wynik\"\nfew = \"{count} wyniki\"\nmany = \"{count} wyników\"\n",
				"en.toml": "skip = \"Skip\"\n",
			},
			langs:    []string{"pl", "en"},
			wantErrs: []string{`DIR/en.toml: missing key "results" (present in DIR/pl.toml)`},
		},
		{
			name: "keys missing on both sides are all reported",
			files: map[string]string{
				"pl.toml": "[nav]\nmenu = \"Menu\"\n",
				"en.toml": "[nav]\nskip = \"Skip\"\n",
			},
			langs: []string{"pl", "en"},
			wantErrs: []string{
				`DIR/en.toml: missing key "nav.menu" (present in DIR/pl.toml)`,
				`DIR/pl.toml: missing key "nav.skip" (present in DIR/en.toml)`,
			},
		},
		{
			name: "plural in one language, string in the other",
			files: map[string]string{
				"pl.toml": "[results]\none = \"wynik\"\nmany = \"wyników\"\n",
				"en.toml": "results = \"results\"\n",
			},
			langs:    []string{"pl", "en"},
			wantErrs: []string{`DIR/en.toml: key "results" is a string here but a plural entry in DIR/pl.toml`},
		},
		{
			name: "plural entry without a usable form",
			files: map[string]string{
				"pl.toml": "[results]\none = \"wynik\"\nfew = \"wyniki\"\n",
			},
			langs:    []string{"pl"},
			wantErrs: []string{`DIR/pl.toml: plural key "results" has no "many" form (needed for 0)`},
		},
		{
			name:     "value that is not a string",
			files:    map[string]string{"pl.toml": "count = 5\n"},
			langs:    []string{"pl"},
			wantErrs: []string{`DIR/pl.toml: key "count": value of type int64 is not a string or table`},
		},
		{
			name:     "missing file",
			files:    map[string]string{"pl.toml": "a = \"1\"\n"},
			langs:    []string{"pl", "en"},
			wantErrs: []string{"DIR/en.toml"},
		},
		{
			name: "several problems are joined",
			files: map[string]string{
				"pl.toml": "a = \"1\"\nb = \"2\"\n",
				"en.toml": "a = \"1\"\n",
				"de.toml": "a = \"1\n",
			},
			langs:      []string{"pl", "en", "de"},
			wantErrs:   []string{`DIR/en.toml: missing key "b" (present in DIR/pl.toml)`},
			wantSyntax: "de.toml:1:",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, body := range tt.files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			b, err := LoadBundle(dir, tt.langs)
			if err == nil {
				t.Fatalf("LoadBundle: no error, want one")
			}
			if b != nil {
				t.Errorf("LoadBundle returned a non-nil Bundle with an error")
			}
			msg := err.Error()
			for _, want := range tt.wantErrs {
				want = strings.ReplaceAll(want, "DIR", dir)
				if !strings.Contains(msg, want) {
					t.Errorf("error %q\ndoes not contain %q", msg, want)
				}
			}
			if tt.wantSyntax != "" {
				prefix := filepath.Join(dir, tt.wantSyntax)
				found := false
				for _, line := range strings.Split(msg, "\n") {
					found = found || strings.HasPrefix(line, prefix)
				}
				if !found {
					t.Errorf("error %q\nhas no line starting %q", msg, prefix)
				}
				var pe toml.ParseError
				if !errors.As(err, &pe) {
					t.Errorf("errors.As(err, *toml.ParseError) = false, want true")
				}
			}
		})
	}
}

func TestNilBundle(t *testing.T) {
	var b *Bundle
	if got := b.T("pl", "skip"); got != "[skip]" {
		t.Errorf("nil T = %q", got)
	}
	if got := b.N("pl", "results", 2); got != "[results]" {
		t.Errorf("nil N = %q", got)
	}
	if got := b.Keys("pl"); got != nil {
		t.Errorf("nil Keys = %q", got)
	}
}
