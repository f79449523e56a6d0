package typography

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// render converts a fixture as package markdown does (GitHub extensions,
// Linkify, raw HTML off) and applies the rules of its language.
func render(t *testing.T, file string, r Rules) (before, after string) {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(extension.GFM)).Convert(src, &buf); err != nil {
		t.Fatal(err)
	}
	return buf.String(), Apply(r, buf.String())
}

// TestFixture: the rules of each language on a fixture with inline code,
// a code block, URLs, a link title and an image's alternative text, which
// stay as they are.
func TestFixture(t *testing.T) {
	pl, _ := For("pl")
	en, _ := For("en")
	tests := []struct {
		name, file string
		rules      Rules
		want, keep []string // in the result; in both source and result
		not        []string // not in the result
	}{
		{name: "polish quotes", file: "testdata/fixture.pl.md", rules: pl, want: []string{"w\u00a0„Centrum”"}, not: []string{"&quot;Centrum&quot;"}},
		{name: "one-letter words", file: "testdata/fixture.pl.md", rules: pl, want: []string{"z\u00a0Polski i\u00a0Niemiec", "a\u00a0budżet", "Spotkanie w\u00a0Warszawie"}},
		{name: "units and r.", file: "testdata/fixture.pl.md", rules: pl, want: []string{"19\u00a0czerwca 2023\u00a0r.", "10\u00a0km", "5\u00a0mln"}},
		{name: "before numbers", file: "testdata/fixture.pl.md", rules: pl, want: []string{"art.\u00a05 ust.\u00a01"}},
		{name: "ranges and dashes", file: "testdata/fixture.pl.md", rules: pl, want: []string{"2021–2027", "art.\u00a03–5", " – jak"}},
		{name: "dates and act numbers", file: "testdata/fixture.pl.md", rules: pl, keep: []string{"2023-06-19", "2023/1187"}},
		{name: "inline code", file: "testdata/fixture.pl.md", rules: pl, keep: []string{"<code>w &quot;cudzysłowie&quot; 10-20</code>"}},
		{name: "code block", file: "testdata/fixture.pl.md", rules: pl, keep: []string{"w &quot;bloku&quot; 10-20 a i o\n</code></pre>"}},
		{name: "URLs", file: "testdata/fixture.pl.md", rules: pl, want: []string{"i\u00a0<a href=\"http://www.example.org"}, keep: []string{`href="https://example.org/a-b/1-2">https://example.org/a-b/1-2</a>`, "www.example.org/o-u"}},
		{name: "attributes", file: "testdata/fixture.pl.md", rules: pl, keep: []string{`title="Tytuł w &quot;cudzysłowie&quot;"`, `alt="Obraz &quot;alt&quot; w tekście"`}, want: []string{"Link z\u00a0„tekstem”"}},
		{name: "english quotes", file: "testdata/fixture.en.md", rules: en, want: []string{"agency’s “first”", "2021–2027 – as"}},
		{name: "slashes", file: "testdata/fixture.en.md", rules: en, want: []string{"“and/or”"}, keep: []string{"../docs/a-1.md"}},
		{name: "english keeps spaces", file: "testdata/fixture.en.md", rules: en, want: []string{"in a hall of 10 m."}},
		{name: "english code and URLs", file: "testdata/fixture.en.md", rules: en, keep: []string{"<code>don't &quot;touch&quot; 1-2</code>", "https://example.org/don't-1-2", "&quot;quoted&quot; it's 3-4"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, after := render(t, tt.file, tt.rules)
			for _, w := range tt.want {
				if !strings.Contains(after, w) {
					t.Errorf("no %q in\n%s", w, after)
				}
			}
			for _, k := range tt.keep {
				if !strings.Contains(before, k) {
					t.Fatalf("fixture: no %q in goldmark's\n%s", k, before)
				}
				if !strings.Contains(after, k) {
					t.Errorf("%q changed:\n%s", k, after)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(after, n) {
					t.Errorf("%q left in\n%s", n, after)
				}
			}
		})
	}
}

// TestTagsUntouched: every tag of the result is one of the input, in the
// same order: only text changes.
func TestTagsUntouched(t *testing.T) {
	for _, f := range []string{"testdata/fixture.pl.md", "testdata/fixture.en.md"} {
		for _, r := range []Rules{{Polish: true}, {}} {
			before, after := render(t, f, r)
			if a, b := tags(before), tags(after); strings.Join(a, "") != strings.Join(b, "") {
				t.Errorf("%s: tags changed:\n%v\n%v", f, a, b)
			}
		}
	}
}

func tags(html string) []string {
	var out []string
	for {
		i := strings.IndexByte(html, '<')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(html[i:], '>')
		out = append(out, html[i:i+j+1])
		html = html[i+j+1:]
	}
}
