package markdown

import (
	"strings"
	"testing"

	"hubgen/generator/diag"
)

// TestDroppedContent: what a page would not show as written is reported at
// its line and column (the body starts on line 5 of the file): a Hugo
// shortcode is an error, HTML a warning; code and comments are fine.
func TestDroppedContent(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string // diagnostics, in order; none when empty
	}{
		{"shortcode", "Film:\n\n{{< youtube abc >}}\n",
			[]string{"content/news/a.pl.md:7:1: Hugo shortcode {{< youtube abc >}} would show on the page as text"}},
		{"shortcode-percent-in-text", "Zob. {{% ref \"x.md\" %}} tutaj.\n",
			[]string{"content/news/a.pl.md:5:6: Hugo shortcode {{% ref \"x.md\" %}} would show"}},
		{"shortcode-in-table", "| a | b |\n|---|---|\n| x | {{< figure src=\"a.jpg\" >}} |\n",
			[]string{"content/news/a.pl.md:7:7: Hugo shortcode {{< figure src=\"a.jpg\" >}}"}},
		{"shortcode-in-heading", "## Tytuł {{< x >}}\n", []string{"content/news/a.pl.md:5:10: Hugo shortcode {{< x >}}"}},
		{"shortcode-in-code-span", "Pisz `{{< youtube id >}}` w Hugo.\n", nil},
		{"shortcode-in-fenced-code", "```\n{{< youtube id >}}\n```\n", nil},
		{"shortcode-in-indented-code", "Kod:\n\n    {{< youtube id >}}\n", nil},
		{"braces-alone", "Zbiór {{a}} i {x}.\n", nil},
		{"html-block", "Tekst.\n\n<div class=\"x\">treść</div>\n",
			[]string{"content/news/a.pl.md:7:1: warning: HTML is not published", "[raw-html]"}},
		{"inline-html", "To jest <b>ważne</b>.\n",
			[]string{"content/news/a.pl.md:5:9: warning: HTML tag <b> is not published", "content/news/a.pl.md:5:17: warning: HTML tag </b> is not published"}},
		{"comment-block", "Tekst.\n\n<!--more-->\n\nDalej.\n", nil},
		{"inline-comment", "Tekst <!-- uwaga --> dalej.\n", nil},
		{"autolink-is-not-html", "Zob. <https://europa.eu/>.\n", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, ds := convert(t, tc.body, "")
			var got []string
			for _, d := range ds.Items() {
				got = append(got, d.String())
			}
			if len(tc.want) == 0 {
				if len(got) > 0 {
					t.Errorf("want no problems, got %q", got)
				}
				return
			}
			all := strings.Join(got, "\n")
			for _, w := range tc.want {
				if !strings.Contains(all, w) {
					t.Errorf("want %q in %q", w, got)
				}
			}
			if strings.Contains(tc.name, "shortcode") && ds.Count(diag.Error) == 0 {
				t.Error("a shortcode must be an error")
			}
		})
	}
}
