package config

import (
	"strings"
	"testing"
)

const good = `
baseURL = "https://example.org/portal"
[languages.pl]
title = "Portal"
[languages.en]
title = "Portal EN"
[languages.en.sections]
news = "updates"
[topics.cbrn]
pl = "CBRN pl"
en = "CBRN en"
`

func TestParseGood(t *testing.T) {
	c, err := Parse("config.toml", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if c.Languages[0].Code != "pl" || c.Languages[1].Code != "en" {
		t.Errorf("default language must come first: %v %v", c.Languages[0].Code, c.Languages[1].Code)
	}
	tests := []struct{ got, want string }{
		{c.BaseURL, "https://example.org/portal/"},
		{c.BasePath(), "/portal"},
		{c.HomePath("pl"), "/"},
		{c.HomePath("en"), "/en/"},
		{c.SectionPath("pl", "news"), "/aktualnosci/"},
		{c.SectionPath("en", "news"), "/en/updates/"},
		{c.SectionPath("en", "decisions"), "/en/decisions/"},
		{c.SectionPath("pl", "organisations"), "/organizacje/"},
		{c.AbsURL("/en/"), "https://example.org/portal/en/"},
		{c.Topic("cbrn").Names["en"], "CBRN en"},
	}
	for i, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%d: got %q, want %q", i, tc.got, tc.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"syntax", "baseURL = \"https://x/\"\n[languages.pl\n", "config.toml:2:"},
		{"relative base URL", "baseURL = \"/portal/\"\n[languages.pl]\ntitle = \"P\"\n", "config.toml:1:1: base URL"},
		{"topic without a name", good + "[topics.x]\npl = \"X\"\n", `config.toml:12:1: topic "x" has no name in en`},
		{"unknown key", "colour = \"blue\"\n" + good, `unknown configuration key "colour"`},
		{"default language missing", "defaultLanguage = \"de\"\n[languages.pl]\ntitle = \"P\"\n", `default language "de"`},
		{"segment with slash", "[languages.pl]\ntitle = \"P\"\n[languages.pl.sections]\nnews = \"a/b\"\n", "one non-empty URL segment"},
		{"segment dot", "[languages.pl]\ntitle = \"P\"\n[languages.pl.sections]\nnews = \".\"\n", "one non-empty URL segment"},
		{"segment dot dot", "[languages.pl]\ntitle = \"P\"\n[languages.pl.sections]\nnews = \"..\"\n", "one non-empty URL segment"},
		{"javascript base URL", strings.Replace(good, "https://example.org/portal", "javascript://x/", 1), "config.toml:2:1: base URL \"javascript://x/\" must start with http"},
		{"negative file size", "maxFileSizeMB = -1\n" + good, "config.toml:1:1: maxFileSizeMB must be between"},
		{"redirect not from the root", good + "[redirects]\n\"blog/\" = \"/aktualnosci/\"\n", `[redirects]: redirect "blog/" must be a path from the site's root`},
		{"redirect to another site", good + "[redirects]\n\"/blog/\" = \"https://example.com/\"\n", `[redirects]: redirect target "https://example.com/" must be a path`},
		{"redirect with ..", good + "[redirects]\n\"/a/../../b/\" = \"/\"\n", "must not contain .. parts"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("config.toml", []byte(tc.text))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

func TestBundledConfig(t *testing.T) {
	c, err := Load("../../config.toml")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Languages) != 2 || len(c.Topics) == 0 {
		t.Errorf("languages %d topics %d", len(c.Languages), len(c.Topics))
	}
}

// TestBaseURLs: only http(s) URLs with a host and a clean path are base
// URLs; every link and asset of the site starts with one.
func TestBaseURLs(t *testing.T) {
	tests := []struct {
		raw, want string // want "" means refused
	}{
		{"https://example.org", "https://example.org/"},
		{"https://example.org/portal", "https://example.org/portal/"},
		{"http://127.0.0.1:1313/", "http://127.0.0.1:1313/"},
		{"https://[::1]:8080/a/b/", "https://[::1]:8080/a/b/"},
		{"javascript://x/", ""},
		{"ftp://example.org/", ""},
		{"https://ex.org//evil.example/", ""},
		{"https://ex.org/a/../b/", ""},
		{"https://ex.org/./", ""},
		{"//example.org/", ""},
		{"/portal/", ""},
		{"https:///path/", ""},
		{"https://user:pw@example.org/", ""},
		{"https://example.org/?q=1", ""},
		{"https://example.org/#top", ""},
		{"https://example.org/a\\b/", ""},
		{"", ""},
	}
	for _, tc := range tests {
		got, err := ParseBaseURL(tc.raw)
		switch {
		case tc.want == "" && err == nil:
			t.Errorf("ParseBaseURL(%q) = %q, want an error", tc.raw, got)
		case tc.want != "" && (err != nil || got != tc.want):
			t.Errorf("ParseBaseURL(%q) = %q, %v; want %q", tc.raw, got, err, tc.want)
		}
	}
}

func TestMaxFileSize(t *testing.T) {
	c, err := Parse("config.toml", []byte("maxFileSizeMB = 50\n"+good))
	if err != nil || c.MaxFileSize != 50_000_000 {
		t.Errorf("maxFileSizeMB = 50: %d, %v", c.MaxFileSize, err)
	}
	if c, _ := Parse("config.toml", []byte(good)); c.MaxFileSize != 0 {
		t.Errorf("default MaxFileSize %d, want 0 (the reader's default)", c.MaxFileSize)
	}
}

// TestTypography: [typography] turns each language's conventions off;
// both are on without it; a value that is not true or false, or an
// unknown key, is an error at its line.
func TestTypography(t *testing.T) {
	tests := []struct {
		name, text      string
		polish, english bool
		err             string
	}{
		{"default", good, true, true, ""},
		{"polish off", good + "[typography]\npolish = false\n", false, true, ""},
		{"english off", good + "[typography]\nenglish = false\n", true, false, ""},
		{"both on", good + "[typography]\npolish = true\nenglish = true\n", true, true, ""},
		{"not a boolean", good + "[typography]\npolish = \"no\"\n", false, false, "config.toml"},
		{"unknown key", good + "[typography]\ngerman = true\n", false, false, `config.toml:13:1: unknown configuration key "typography.german"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Parse("config.toml", []byte(tc.text))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("got %v, want an error containing %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.Typography.Polish != tc.polish || c.Typography.English != tc.english {
				t.Errorf("typography %+v, want polish %v, english %v", c.Typography, tc.polish, tc.english)
			}
		})
	}
}
