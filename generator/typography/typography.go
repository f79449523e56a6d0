// Package typography sets the text of a page's HTML (as package markdown
// writes it) in the conventions of its language:
//
//   - Polish: „…” quotation marks, a non-breaking space after a one-letter
//     word (w, z, i, a, o, u and their capitals), between a number and
//     its unit, month or "r." ("2023 r.", "10 km", "19 czerwca"), and after the
//     abbreviations that come before a number ("art. 5", "nr 3");
//   - English: “…” quotation marks and ’ for apostrophes;
//   - both: an en dash in number ranges ("10-20" → "10–20") and for a
//     hyphen between spaces ("Europol - agencja" → "Europol – agencja").
//
// Only text changes: never a tag or its attributes (links, ids, alt
// text), nor the text of code, pre, kbd, samp, script and style elements,
// nor a word that looks like an address (with "://", "www." or "@", or a
// path: "/x", "../x").
//
// Apply is a pure function of its input: the same HTML gives the same
// bytes.
//
// Apply reads the page once, a byte at a time, and copies nothing until
// the first change: a page the rules leave alone comes back as it is,
// without an allocation, and a changed one is written into one builder
// sized at the first change (the page and a sixteenth more). Text is cut
// into words and runs of spaces in place (no slice of words), and a word
// is looked at closely only when its bytes say a rule may apply
// (words.go). The implementation this one replaced is kept in
// reference_test.go, and FuzzApplyMatchesReference checks that both give
// the same bytes.
package typography

import (
	"strings"
	"unicode/utf8"
)

// Rules says which conventions apply.
type Rules struct {
	// Polish: „…”, non-breaking spaces after one-letter words and in
	// numbers with units. Without it: English “…” and ’.
	Polish bool
}

// For returns the rules of a language ("pl", "en"), and false when the
// language has none.
func For(lang string) (Rules, bool) {
	switch lang {
	case "pl":
		return Rules{Polish: true}, true
	case "en":
		return Rules{}, true
	}
	return Rules{}, false
}

// nbsp is the non-breaking space, U+00A0.
const nbsp = "\u00a0"

// Apply returns html with the text set by r: html itself when nothing
// changes.
func Apply(r Rules, html string) string {
	o := output{src: html}
	depth := 0   // inside skipped elements
	open := true // a quotation mark here opens (after the text so far in the block)
	for i := 0; i < len(html); {
		if html[i] == '<' {
			end := strings.IndexByte(html[i+1:], '>')
			if end < 0 {
				break // a broken tag: the rest stays as it is
			}
			tag := html[i : i+end+2]
			skip, block, closing := element(tag)
			switch {
			case skip && closing:
				if depth > 0 {
					depth--
				}
			case skip && !strings.HasSuffix(tag, "/>"):
				depth++
			}
			if block {
				open = true
			}
			i += len(tag)
			continue
		}
		end := strings.IndexByte(html[i:], '<')
		if end < 0 {
			end = len(html) - i
		}
		if depth == 0 {
			open = r.text(&o, i, i+end, open)
		}
		i += end
	}
	return o.String()
}

// element tells, for a tag ("<a href…>", "</P>"), whether its element is
// one whose text is left as it is (code, pre, kbd, samp, script, style),
// whether it starts a new run of text (p, li, h1–h6, td, th, div,
// blockquote, br, dt, dd, section, figcaption: a quotation mark after it
// opens), and whether the tag closes the element. Names are compared
// without regard to case.
func element(tag string) (skip, block, closing bool) {
	s := tag[1:]
	if len(s) > 0 && s[0] == '/' {
		closing = true
		s = s[1:]
	}
	var name [len("blockquote")]byte // the longest name of either kind
	n := 0
	for n < len(s) {
		c := s[n]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		} else if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			break
		}
		if n == len(name) {
			return false, false, closing // longer than any
		}
		name[n] = c
		n++
	}
	switch string(name[:n]) {
	case "code", "pre", "kbd", "samp", "script", "style":
		return true, false, closing
	case "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "div",
		"blockquote", "br", "dt", "dd", "section", "figcaption":
		return false, true, closing
	}
	return false, false, closing
}

// output is a copy of src with some of its parts replaced. It copies
// nothing until the first replacement, and then into a builder sized for
// the whole page.
type output struct {
	src     string
	b       strings.Builder
	done    int  // src[:done] is accounted for: written to b, or unchanged while !copying
	copying bool // b holds the result so far
}

// copyTo writes what of src comes before i and is not yet written, so
// that the next write to o.b replaces src from i.
func (o *output) copyTo(i int) {
	if !o.copying {
		o.copying = true
		// Changes add at most a few bytes to a word: a page grows by a
		// few percent.
		o.b.Grow(len(o.src) + len(o.src)/16)
	}
	o.b.WriteString(o.src[o.done:i])
	o.done = i
}

// replace writes s in place of src[i:j].
func (o *output) replace(i, j int, s string) {
	o.copyTo(i)
	o.b.WriteString(s)
	o.done = j
}

// String returns the result: src itself when nothing was replaced.
func (o *output) String() string {
	if !o.copying {
		return o.src
	}
	o.b.WriteString(o.src[o.done:])
	o.done = len(o.src)
	return o.b.String()
}

// opens tells whether a quotation mark after c opens a quotation.
func opens(c rune) bool {
	switch c {
	case ' ', '\u00a0', '(', '[', '{', '„', '“', '‘', '–', '—', '-', '/', '\n', '\t':
		return true
	}
	return false
}

// lastOpens tells whether a quotation mark after s opens one: s is not
// empty.
func lastOpens(s string) bool {
	c, _ := utf8.DecodeLastRuneInString(s)
	return opens(c)
}
