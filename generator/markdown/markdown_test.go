package markdown

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"

	"hubgen/generator/content"
	"hubgen/generator/diag"
)

// stubResolver knows two files.
type stubResolver map[string]*content.Page

func (s stubResolver) ResolveFile(from *content.Page, target string) (*content.Page, string) {
	if p := s[target]; p != nil {
		return p, ""
	}
	return nil, "link to missing file " + target
}

func (s stubResolver) ResolveAct(lang, number string) *content.Page { return s["act:"+lang+":"+number] }

func convert(t *testing.T, body string, base string) (Result, *diag.List) {
	t.Helper()
	page := &content.Page{Path: "content/news/a.pl.md", Lang: "pl", Body: []byte(body), BodyLine: 5}
	r := stubResolver{
		"../organisations/europol.md":  {URL: "/organizacje/europol/"},
		"../decisions/2023-1187.en.md": {URL: "/en/decisions/2023-1187/"},
	}
	ds := &diag.List{}
	return New(Config{BasePath: base}).Convert(page, r, ds), ds
}

func TestConvert(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string // substrings of the HTML
		notWant    []string
	}{
		{"polish heading id", "## Współpraca z Łodzią\n", []string{`<h2 id="wspolpraca-z-lodzia">`}, nil},
		{"duplicate heading ids", "## Cel\n\n## Cel\n", []string{`id="cel"`, `id="cel-1"`}, nil},
		{"raw html dropped", "<script>alert(1)</script>\n\nText <b onclick=x>bold</b>\n", nil, []string{"<script", "<b", "onclick"}},
		{"javascript url not linked", "[x](javascript:alert(1))\n", nil, []string{`href="javascript`}},
		{"table", "| a | b |\n|---|---|\n| 1 | 2 |\n", []string{"<table>", "<td>1</td>"}, nil},
		{"strikethrough", "~~stare~~\n", []string{"<del>stare</del>"}, nil},
		{"autolink", "Zobacz https://europa.eu/ teraz\n", []string{`<a href="https://europa.eu/">https://europa.eu/</a>`}, nil},
		{"footnote both ways", "Tekst[^1].\n\n[^1]: Przypis.\n", []string{`href="#fn:1"`, `id="fnref:1"`, `id="fn:1"`, `href="#fnref:1"`}, nil},
		{"content link rewritten", "[Europol](../organisations/europol.md)\n", []string{`<a href="/organizacje/europol/">Europol</a>`}, []string{".md"}},
		{"content link with fragment and language", "[art. 1](../decisions/2023-1187.en.md#art_1)\n", []string{`href="/en/decisions/2023-1187/#art_1"`}, nil},
		{"external link untouched", "[EUR-Lex](https://eur-lex.europa.eu/x.md)\n", []string{`href="https://eur-lex.europa.eu/x.md"`}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, ds := convert(t, tc.body, "")
			if ds.HasErrors() {
				t.Fatalf("errors: %v", ds.Items())
			}
			html := string(res.HTML)
			for _, w := range tc.want {
				if !strings.Contains(html, w) {
					t.Errorf("missing %q in\n%s", w, html)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(html, w) {
					t.Errorf("unexpected %q in\n%s", w, html)
				}
			}
		})
	}
}

func TestMissingLinkReportsLine(t *testing.T) {
	body := "Pierwszy akapit.\n\nDrugi z [linkiem](../organisations/brak.md) w środku.\n"
	_, ds := convert(t, body, "")
	items := ds.Items()
	// Body starts at line 5 of the file; the link is on the body's third line, after "Drugi z ".
	if len(items) != 1 || items[0].String() != "content/news/a.pl.md:7:9: link to missing file ../organisations/brak.md" {
		t.Errorf("got %v", items)
	}
}

func TestBasePathAndLinksAndText(t *testing.T) {
	res, _ := convert(t, "## Tytuł\n\nZ [Europolem](../organisations/europol.md) i *kursywą*.\n", "/portal")
	if !strings.Contains(string(res.HTML), `href="/portal/organizacje/europol/"`) {
		t.Errorf("base path not applied: %s", res.HTML)
	}
	if len(res.Links) != 1 || res.Links[0].URL != "/organizacje/europol/" {
		t.Errorf("links = %v", res.Links)
	}
	if res.Text != "Tytuł Z Europolem i kursywą." {
		t.Errorf("text = %q", res.Text)
	}
	if len(res.Headings) != 1 || res.Headings[0].ID != "tytul" || res.Headings[0].Text != "Tytuł" {
		t.Errorf("headings = %+v", res.Headings)
	}
}

// TestCollapseSpace: the page text keeps its words with single spaces
// between them, as strings.Fields splits them (Unicode spaces included).
func TestCollapseSpace(t *testing.T) {
	for _, s := range []string{"", " ", "a", "  a  b\t\nc ", "zażółć\u00a0gęślą\u2003jaźń", "x\r\n\r\ny", "\u3000lead and trail\u3000", "a\x85b", "a\u0085b", "bad \xff utf8",
		"\v\fwords, ASCII only; and more\n\n", "ą ę\tł", "x\xc2 \xa0y", "trail \u00a0", "a\u2028\u2029b"} {
		if got, want := string(collapseSpace([]byte(s))), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	}
	// Random bytes around white space and UTF-8, broken or whole.
	pieces := []string{" ", "\t", "\n", "a", "zz", "ą", "\u00a0", "\u0085", "\u2003", "\u3000", "\u1680", "\u2060", "–", "\xc2", "\xe2", "\xe2\x80", "\x80", "\xa0", "\xff", "\xe3\x80"}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := string(collapseSpace([]byte(s))), strings.Join(strings.Fields(s), " "); got != want {
			t.Fatalf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestWordByte: every white space character's UTF-8 starts with a byte
// that wordByte excludes, so that collapseSpace may pass over the others.
func TestWordByte(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if unicode.IsSpace(r) {
			if b := []byte(string(r)); wordByte(b[0]) {
				t.Errorf("%U is white space, and wordByte(%#x)", r, b[0])
			}
		}
	}
}

// TestLinkSources: the links and images the link check follows come with
// their destination in the HTML and their place in the file (the body
// starts at line 5); a site path gets the base path before it, as in
// layouts; links with a scheme or host are left out.
func TestLinkSources(t *testing.T) {
	body := "Z [Europolem](../organisations/europol.md#cele) i [listą](/aktualnosci/).\n\n" +
		"Łódź: ![mapa](/img/mapa.png), [dalej](<b c>) [tu](#przypis) [EU](https://europa.eu/) [list](mailto:a@b.pl) [cdn](//cdn.example/x)\n"
	tests := []struct {
		base string
		want []LinkSource
	}{
		{"", []LinkSource{
			{"../organisations/europol.md#cele", "/organizacje/europol/#cele", 5, 3},
			{"/aktualnosci/", "/aktualnosci/", 5, 51},
			{"/img/mapa.png", "/img/mapa.png", 7, 7},
			{"b c", "b%20c", 7, 31},
			{"#przypis", "#przypis", 7, 46},
		}},
		{"/portal", []LinkSource{
			{"../organisations/europol.md#cele", "/portal/organizacje/europol/#cele", 5, 3},
			{"/aktualnosci/", "/portal/aktualnosci/", 5, 51},
			{"/img/mapa.png", "/portal/img/mapa.png", 7, 7},
			{"b c", "b%20c", 7, 31},
			{"#przypis", "#przypis", 7, 46},
		}},
	}
	for _, tc := range tests {
		res, ds := convert(t, body, tc.base)
		if ds.HasErrors() {
			t.Fatalf("errors: %v", ds.Items())
		}
		if len(res.Sources) != len(tc.want) {
			t.Fatalf("base %q: sources %+v, want %+v", tc.base, res.Sources, tc.want)
		}
		for i, w := range tc.want {
			if res.Sources[i] != w {
				t.Errorf("base %q: source %d = %+v, want %+v", tc.base, i, res.Sources[i], w)
			}
			if !strings.Contains(res.HTML, `="`+w.Dest+`"`) {
				t.Errorf("base %q: the HTML has no %q:\n%s", tc.base, w.Dest, res.HTML)
			}
		}
	}
}
