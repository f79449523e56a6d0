package markdown

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"hubgen/generator/content"
	"hubgen/generator/diag"
)

func TestNeedsLinkify(t *testing.T) {
	tests := []struct {
		body string
		want bool
	}{
		{"Zwykły tekst, art. 1 ust. 2.\n\nDrugi akapit.\n", false},
		{"W imieniu Rady  \nPrzewodnicząca\n", false}, // a hard line break: two spaces
		{"jedna spacja \nna końcu\t\n", false},
		{"koniec bez nowej linii", false},
		{"CRLF\r\nlines\r\n", false},
		{"dwie na końcu  ", true},
		{"kontakt: a@b.eu\n", true},
		{"https://europa.eu/\n", true},
		{"zob. www.europa.eu\n", true},
		{"a tylko @\n", true},
		{"a \t \nb\n", true}, // Linkify keeps " \t" here
		{"a    \nb\n", true}, // and " " before the hard break here
		{"a\r \nb\n", true},
		{"a \t\nb\n", true},
		{"a\t\t\nb\n", true},
		{"a  \r\nb\n", true},
		{"a  \n| b |\n|---|\n===\n", true}, // a table in a setext heading: the newline after "a  " goes
		{"> a  \n> | b |\n> | :-: |\n> -\n", true},
		{"a  \nb\n:--\n", true},
		{"a  \nb\nc\n|---|\n", false},
		{"a  \nb\n| c |\n", false},
		{"a\\  \n\\](x)\n", true}, // the backslash escapes the next line's first character
		{"a\\\\\\\n\\*b*\n", true},
		{"a\\\nb\n", true},
		{"a\\b  \nc\n", false},
	}
	for _, tc := range tests {
		if got := needsLinkify([]byte(tc.body)); got != tc.want {
			t.Errorf("needsLinkify(%q) = %v, want %v", tc.body, got, tc.want)
		}
	}
}

// linkifyPieces are the bits random bodies are made of: block and inline
// syntax, white space at the ends of lines, and now and then what Linkify
// links.
var linkifyPieces = []string{
	"tekst", "słowo", "art. 1", "ust. 2", "Article 2(1)", "paragraph 1", "decyzji (WPZiB) 2018/1939",
	" ", " ", " ", "  ", "\t", "\r", "\v", "\f", "\n", "\n", "  \n", "\\\n", "\n\n", "\n\n",
	"*", "**", "_", "~", "~~", "(", ")", "[", "]", "](../organisations/europol.md)", "](x.md)", "`", "\\", "<", ">", "&",
	"# ", "## Artykuł 2\n", "## Article 2\n", "- ", "1. ", "2. ", "   - a) ", "> ", "| a | b |\n|---|---|\n| ", " |", "[^1]", "\n\n[^1]: ",
	"\n| x |\n|:-|\n", "\n===\n", "\n-\n", "\n---\n", "  \n| y |\n| --: |\n=\n", "\\", "\\\\\\\n", "\\  \n", "&amp;", "&#x41;",
	"(1) ", "ą", "\u00a0", "www", ".", "http", ":", "/", "@", "://", "www.", "e",
}

// TestPlainParseMatchesLinkify: for random bodies where needsLinkify says
// Linkify makes no difference, converting without it gives what
// converting with it gives, for news items and acts alike.
func TestPlainParseMatchesLinkify(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	n := 12000
	if testing.Short() {
		n = 600
	}
	conv := New(Config{BasePath: "/portal"})
	r := newFuzzResolver()
	compared := 0
	for i := range n {
		var b strings.Builder
		for range rng.IntN(40) {
			b.WriteString(linkifyPieces[rng.IntN(len(linkifyPieces))])
		}
		body := b.String()
		if needsLinkify([]byte(body)) {
			continue
		}
		compared++
		section, lang := []string{"news", "decisions"}[i%2], []string{"pl", "en"}[i/2%2]
		page := func() *content.Page {
			return &content.Page{Path: "content/" + section + "/a." + lang + ".md", Section: section, Kind: kindOf(section), Lang: lang, Body: []byte(body), BodyLine: 3}
		}
		var dsA, dsB diag.List
		with := resultString(conv.convert(page(), r, &dsA, conv.md.Parser()), &dsA)
		without := resultString(conv.convert(page(), r, &dsB, conv.noLinkify), &dsB)
		if with != without {
			t.Fatalf("%s %s body %q:\nwith Linkify    %s\nwithout Linkify %s", section, lang, body, with, without)
		}
	}
	if compared < n/8 {
		t.Errorf("only %d of %d bodies compared", compared, n)
	}
}

// resultString is everything a conversion gives, as text.
func resultString(res Result, ds *diag.List) string {
	var b strings.Builder
	fmt.Fprintf(&b, "HTML %q\nText %q\nHeadings %+v\n", res.HTML, res.Text, res.Headings)
	for _, l := range res.Links {
		fmt.Fprintf(&b, "Link %s\n", l.URL)
	}
	if a := res.Act; a != nil {
		for _, u := range a.Units {
			fmt.Fprintf(&b, "Unit %q %q %q\n", u.Key, u.Label, u.HTML)
		}
		fmt.Fprintf(&b, "Act %q %q %+v %v %+v %q\n", a.Citations, a.Recitals, a.Articles, a.Final, a.Annexes, a.IDs())
	}
	for _, d := range ds.Items() {
		fmt.Fprintf(&b, "Diag %s\n", d)
	}
	return b.String()
}
