package markdown

import (
	"strings"
	"testing"

	"hubgen/generator/content"
	"hubgen/generator/diag"
)

// TestLangSpans: `[phrase]{lang=TAG}` and `[link](url){lang=TAG}` mark a
// phrase's language with a valid BCP 47 tag; anything else stays text.
func TestLangSpans(t *testing.T) {
	tests := []struct {
		name, md, want string
	}{
		{"phrase", "Portal [Knowledge Hub]{lang=en} działa.", `<p>Portal <span lang="en">Knowledge Hub</span> działa.</p>`},
		{"at the start", "[Knowledge Hub]{lang=en} działa.", `<p><span lang="en">Knowledge Hub</span> działa.</p>`},
		{"emphasis inside", "Projekt [*Prevent and Protect* Through Support]{lang=en}.", `<p>Projekt <span lang="en"><em>Prevent and Protect</em> Through Support</span>.</p>`},
		{"two phrases", "[a]{lang=en} i [b]{lang=de-AT}", `<p><span lang="en">a</span> i <span lang="de-AT">b</span></p>`},
		{"region and script", "[x]{lang=sr-Latn}", `<p><span lang="sr-Latn">x</span></p>`},
		{"link", "[EUR-Lex](https://eur-lex.europa.eu/){lang=en}", `<p><a href="https://eur-lex.europa.eu/" lang="en">EUR-Lex</a></p>`},
		{"not a tag", "[x]{lang=notalanguage1}", `<p>[x]{lang=notalanguage1}</p>`},
		{"one letter", "[x]{lang=e}", `<p>[x]{lang=e}</p>`},
		{"ill-formed", "[x]{lang=en-}", `<p>[x]{lang=en-}</p>`},
		{"script attribute", `[x]{onclick=alert(1)}`, `<p>[x]{onclick=alert(1)}</p>`},
		{"quote in tag", `[x]{lang="en" onclick=alert(1)}`, `<p>[x]{lang=&quot;en&quot; onclick=alert(1)}</p>`},
		{"two attributes", `[x]{lang=en onclick=alert(1)}`, `<p>[x]{lang=en onclick=alert(1)}</p>`},
		{"code span", "`[x]{lang=en}`", `<p><code>[x]{lang=en}</code></p>`},
		{"code block", "```\n[x]{lang=en}\n```", "<pre><code>[x]{lang=en}\n</code></pre>"},
		{"no bracket", "x]{lang=en}", `<p>x]{lang=en}</p>`},
	}
	conv := New(Config{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &content.Page{Path: "content/news/x.pl.md", Lang: "pl", Body: []byte(tt.md)}
			var ds diag.List
			res := conv.Convert(p, stubResolver{}, &ds)
			if got := strings.TrimSpace(res.HTML); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}
