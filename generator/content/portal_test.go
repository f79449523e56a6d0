package content

import (
	"slices"
	"strings"
	"testing"

	"hubgen/generator/diag"
)

// TestSortTitle: sortTitle is what A–Z lists sort a page under, the title
// without it; an empty, multi-line or over-long one is an error at its
// line, and the page sorts under its title.
func TestSortTitle(t *testing.T) {
	cfg := testCfg(t)
	tests := []struct {
		name, matter, want, err string
	}{
		{"absent", "", "Agencja Unii Europejskiej (CEPOL)", ""},
		{"set", "sortTitle: CEPOL\n", "CEPOL", ""},
		{"spaces trimmed", "sortTitle: \"  CEPOL \"\n", "CEPOL", ""},
		{"empty", "sortTitle: \"\"\n", "Agencja Unii Europejskiej (CEPOL)", "content/organisations/cepol.pl.md:3:1: sortTitle is empty"},
		{"not text", "sortTitle: [a, b]\n", "Agencja Unii Europejskiej (CEPOL)", `"sortTitle" must be text`},
		{"two lines", "sortTitle: \"CE\\nPOL\"\n", "Agencja Unii Europejskiej (CEPOL)", "sortTitle must be one line"},
		{"too long", "sortTitle: " + strings.Repeat("x", 121) + "\n", "Agencja Unii Europejskiej (CEPOL)", "sortTitle is 121 characters long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "---\ntitle: Agencja Unii Europejskiej (CEPOL)\n" + tt.matter + "---\nTekst.\n"
			ds := &diag.List{}
			p := parsePage("content/organisations/cepol.pl.md", []byte(src), cfg, ds)
			if p == nil {
				t.Fatalf("no page: %v", ds.Items())
			}
			if p.SortTitle != tt.want {
				t.Errorf("SortTitle %q, want %q", p.SortTitle, tt.want)
			}
			var msgs []string
			for _, d := range ds.Items() {
				msgs = append(msgs, d.String())
			}
			got := strings.Join(msgs, "\n")
			if tt.err == "" && got != "" || tt.err != "" && (!strings.Contains(got, tt.err) || len(msgs) != 1) {
				t.Errorf("problems %q, want %q alone", got, tt.err)
			}
		})
	}
}

// TestBodyLinks: the content files a body links to, as the converter
// rewrites them, outside code.
func TestBodyLinks(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string
	}{
		{"none", "Tekst bez linków.", nil},
		{"inline", "Zob. [Europol](../organisations/europol.md) i [akt](../decisions/2023-1187.pl.md#art_3).", []string{"../organisations/europol.md", "../decisions/2023-1187.pl.md"}},
		{"repeated once", "[a](x.md) [b](x.md)", []string{"x.md"}},
		{"angle brackets", "[a](<../news/a b.md>)", []string{"../news/a b.md"}},
		{"escaped", "[a](../news/a%20b.md)", []string{"../news/a b.md"}},
		{"reference definition", "[a][r]\n\n[r]: ../projects/2ps.md \"Tytuł\"\n", []string{"../projects/2ps.md"}},
		{"not a file", "[a](https://example.org/x.md) [b](/aktualnosci/x.md) [c](#x.md) [d](x.html)", nil},
		{"code span", "`[a](x.md)` i [b](y.md)", []string{"y.md"}},
		{"code block", "```\n[a](x.md)\n```\n\n~~~~\n[b](z.md)\n~~~~\n[c](y.md)", []string{"y.md"}},
		{"image", "![Zdjęcie](../news/x.md) [a](y.md)", []string{"y.md"}},
		{"image in a link", "[![Logo](logo.md)](../organisations/europol.md)", []string{"../organisations/europol.md"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := BodyLinks([]byte(tt.body)); !slices.Equal(got, tt.want) {
				t.Errorf("BodyLinks = %q, want %q", got, tt.want)
			}
		})
	}
}
