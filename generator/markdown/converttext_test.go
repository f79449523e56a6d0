package markdown

import (
	"reflect"
	"testing"

	"hubgen/generator/content"
	"hubgen/generator/diag"
	"hubgen/generator/search"
)

// TestConvertTextWords: ConvertText's plain text, white space as it is,
// has the words of Convert's Result.Text (what the search index counts),
// and the rest of the result is Convert's.
func TestConvertTextWords(t *testing.T) {
	bodies := map[string]string{
		"paragraphs": "Pierwszy akapit.\n\nDrugi   akapit,\tz tabulatorem.\n",
		"lists":      "- jeden\n- dwa\n  - trzy\n\n1. U.S.A\n2. 1,5 mln\n",
		"hard break": "linia z dwiema spacjami  \nnastępna\\\nkolejna\n",
		"odd spaces": "a\u00a0b\u2003c\u3000d\u2028e\u0085f 1\u00a0000 EU\u202f's\n",
		"heading":    "## Nagłówek\u00a0z twardą spacją\n\nTekst.\n",
		"table":      "| a | b |\n|---|---|\n| x y | z\u00a0w |\n",
		"code":       "```\nkod   z  odstępami\n```\n\n`inline  code`\n",
		"footnote":   "Tekst[^1].\n\n[^1]: Przypis  z   odstępami.\n",
		"link":       "[Europol](../organisations/europol.md) i https://europa.eu/ a@b.eu\n",
		"empty":      "",
	}
	r := stubResolver{"../organisations/europol.md": {URL: "/organizacje/europol/"}}
	conv := New(Config{})
	for name, body := range bodies {
		t.Run(name, func(t *testing.T) {
			page := func() *content.Page {
				return &content.Page{Path: "content/news/a.pl.md", Lang: "pl", Body: []byte(body), BodyLine: 5}
			}
			var dsA, dsB diag.List
			want := conv.Convert(page(), r, &dsA)
			var raw string
			got := conv.ConvertText(page(), r, &dsB, func(b []byte) { raw = string(b) })
			if w, g := search.Tokenize(want.Text), search.Tokenize(raw); !reflect.DeepEqual(w, g) {
				t.Errorf("words of the plain text %q: %q, of Result.Text %q: %q", raw, g, want.Text, w)
			}
			if got.Text != "" {
				t.Errorf("ConvertText's Result.Text = %q, want none", got.Text)
			}
			got.Text = want.Text
			if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(dsA.Items(), dsB.Items()) {
				t.Errorf("ConvertText's result differs from Convert's:\n%+v\n%+v", got, want)
			}
		})
	}
}
