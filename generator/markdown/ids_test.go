package markdown

import (
	"fmt"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"

	"hubgen/generator/content"
	"hubgen/generator/diag"
)

// TestHeadingIDsUnique: ids stay the ones pages have always had (the
// first heading "x", then "x-1", "x-2", …), skip ids taken by an explicit
// id or by a heading whose text looks like a numbered one, and many
// identical headings still get distinct ids.
func TestHeadingIDsUnique(t *testing.T) {
	tests := []struct {
		name string
		put  []string // ids taken first (Put)
		gen  []string // heading texts, in order
		want []string // their ids
	}{
		{"repeats", nil, []string{"Cel", "Cel", "Cel"}, []string{"cel", "cel-1", "cel-2"}},
		{"numbered heading first", nil, []string{"x-1", "x", "x", "x"}, []string{"x-1", "x", "x-2", "x-3"}},
		{"numbered heading between", nil, []string{"x", "x", "x-2", "x", "x"}, []string{"x", "x-1", "x-2", "x-3", "x-4"}},
		{"numbered heading taken", nil, []string{"x", "x", "x-1", "x-1"}, []string{"x", "x-1", "x-1-1", "x-1-2"}},
		{"explicit ids", []string{"x", "x-2"}, []string{"x", "x", "x"}, []string{"x-1", "x-3", "x-4"}},
		{"empty and digits", nil, []string{"", "!!", "2023", "2023"}, []string{"section", "section-1", "h-2023", "h-2023-1"}},
		{"polish", nil, []string{"Współpraca z Łodzią", "Wspolpraca z Lodzia"}, []string{"wspolpraca-z-lodzia", "wspolpraca-z-lodzia-1"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newIDs()
			for _, p := range tc.put {
				s.Put([]byte(p))
			}
			var got []string
			for _, g := range tc.gen {
				got = append(got, string(s.Generate([]byte(g), ast.KindHeading)))
			}
			if strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}

	t.Run("50000 identical", func(t *testing.T) {
		const n = 50000
		s := newIDs()
		seen := make(map[string]bool, n)
		for i := 0; i < n; i++ {
			id := string(s.Generate([]byte("Cel"), ast.KindHeading))
			want := "cel"
			if i > 0 {
				want = fmt.Sprintf("cel-%d", i)
			}
			if id != want || seen[id] {
				t.Fatalf("heading %d: id %q (want %q, seen before: %v)", i, id, want, seen[id])
			}
			seen[id] = true
		}
	})
}

// BenchmarkHeadingIDs converts a page of 10,000 identical headings.
func BenchmarkHeadingIDs(b *testing.B) {
	const n = 10000
	page := &content.Page{Path: "content/news/a.pl.md", Lang: "pl", Body: []byte(strings.Repeat("## Cel\n\n", n)), BodyLine: 5}
	c := New(Config{})
	for b.Loop() {
		res := c.Convert(page, stubResolver{}, &diag.List{})
		if len(res.Headings) != n || res.Headings[n-1].ID != fmt.Sprintf("cel-%d", n-1) {
			b.Fatalf("%d headings, the last %+v", len(res.Headings), res.Headings[len(res.Headings)-1])
		}
	}
}
