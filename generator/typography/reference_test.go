package typography

// The implementation of Apply before it was made faster (commit fec72c9),
// kept unchanged but for its names (ref…) as the reference the
// differential test and FuzzApplyMatchesReference compare Apply with,
// and BenchmarkApplyReference measures.

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// refNbsp is the non-breaking space.
const refNbsp = '\u00a0'

// refSkipped are the elements whose text is left as it is.
var refSkipped = map[string]bool{"code": true, "pre": true, "kbd": true, "samp": true, "script": true, "style": true}

// refBlocks are the elements that start a new run of text: a quotation mark
// after one opens.
var refBlocks = map[string]bool{"p": true, "li": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"td": true, "th": true, "div": true, "blockquote": true, "br": true, "dt": true, "dd": true, "section": true, "figcaption": true}

// refApply returns html with the text set by r.
func refApply(r Rules, html string) string {
	var b strings.Builder
	b.Grow(len(html) + len(html)/16)
	depth := 0  // inside skipped elements
	prev := ' ' // the last character of text before this one, in the block
	changed := false
	var words []string // scratch for text
	for i := 0; i < len(html); {
		if html[i] == '<' {
			end := strings.IndexByte(html[i:], '>')
			if end < 0 {
				b.WriteString(html[i:])
				break
			}
			tag := html[i : i+end+1]
			name, closing := refTagName(tag)
			switch {
			case refSkipped[name] && closing:
				if depth > 0 {
					depth--
				}
			case refSkipped[name] && !strings.HasSuffix(tag, "/>"):
				depth++
			}
			if refBlocks[name] {
				prev = ' '
			}
			b.WriteString(tag)
			i += end + 1
			continue
		}
		end := strings.IndexByte(html[i:], '<')
		if end < 0 {
			end = len(html) - i
		}
		text := html[i : i+end]
		i += end
		if depth > 0 || text == "" {
			b.WriteString(text)
			continue
		}
		mark := b.Len()
		var last rune
		last, words = refText(r, &b, text, prev, words)
		prev = last
		if !changed && b.String()[mark:] != text {
			changed = true
		}
	}
	if !changed {
		return html
	}
	return b.String()
}

// refTagName returns the lower-case name of a tag ("<a href…>" → "a") and
// whether it closes an element.
func refTagName(tag string) (string, bool) {
	s := tag[1:]
	closing := strings.HasPrefix(s, "/")
	s = strings.TrimPrefix(s, "/")
	n, upper := 0, false
	for n < len(s) && (s[n] >= 'a' && s[n] <= 'z' || s[n] >= 'A' && s[n] <= 'Z' || s[n] >= '0' && s[n] <= '9') {
		upper = upper || s[n] >= 'A' && s[n] <= 'Z'
		n++
	}
	if upper {
		return strings.ToLower(s[:n]), closing
	}
	return s[:n], closing
}

// text sets one run of text (HTML-escaped, as goldmark writes it: a
// quotation mark is &quot;), prev being the character before it, and
// writes it to b; it returns its last character, and words (scratch
// space) for reuse.
func refText(r Rules, b *strings.Builder, s string, prev rune, words []string) (rune, []string) {
	words = refSplitWords(s, words[:0])
	mark := b.Len()
	for wi, w := range words {
		switch {
		case w == "":
			continue // a space made non-breaking below
		case refIsSpace(w):
			b.WriteString(w)
			prev = ' '
			continue
		case refLooksLikeAddress(w):
			b.WriteString(w)
			prev, _ = utf8.DecodeLastRuneInString(w)
			continue
		case w == "-" && wi > 0 && wi+1 < len(words) && refIsSpace(words[wi-1]) && refIsSpace(words[wi+1]):
			w = "–" // a hyphen between spaces is a dash
		}
		w = refDashRange(refQuotes(r, w, &prev))
		b.WriteString(w)
		// One space (or line break) after this word, and a word after it.
		if wi+1 < len(words) && (words[wi+1] == " " || words[wi+1] == "\n") {
			// The next word, or the start of an element after a
			// one-letter word ("i <a…>"): "" binds only those.
			next := ""
			if wi+2 < len(words) {
				next = words[wi+2]
			}
			if refBindsNext(r, w, next) {
				b.WriteRune(refNbsp)
				words[wi+1] = ""
				prev = refNbsp
			}
		}
	}
	out := b.String()[mark:]
	if out == "" {
		return prev, words
	}
	last, _ := utf8.DecodeLastRuneInString(out)
	return last, words
}

// refSplitWords cuts s into words and runs of spaces (" " alone when a
// single space), keeping every byte.
func refSplitWords(s string, out []string) []string {
	start := 0
	space := false
	for i, c := range s {
		sp := c == ' ' || c == '\n' || c == '\t'
		if i > start && sp != space {
			out = append(out, s[start:i])
			start = i
		}
		space = sp
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

func refIsSpace(w string) bool {
	return w != "" && (w[0] == ' ' || w[0] == '\n' || w[0] == '\t')
}

// refLooksLikeAddress tells a word that may be a URL, an e-mail address or
// a path, which stays as it is ("and/or" and "2023/1187" are words).
func refLooksLikeAddress(w string) bool {
	if !strings.ContainsAny(w, ":./@") {
		return false // no address has none of these
	}
	w = strings.TrimLeft(strings.TrimPrefix(strings.TrimLeft(w, "(["), "&quot;"), "„“")
	return strings.Contains(w, "://") || strings.Contains(w, "www.") || strings.Contains(w, "@") || strings.HasPrefix(w, "/") || strings.HasPrefix(w, "./") || strings.HasPrefix(w, "../")
}

// refOneLetter are the Polish one-letter words that must not end a line.
const refOneLetter = "aiouwzAIOUWZ"

// refUnits are what follows a number with a non-breaking space before it.
var refUnits = map[string]bool{"r.": true, "r": true, "rr.": true, "w.": true, "km": true, "m": true, "cm": true, "mm": true, "kg": true, "g": true, "t": true,
	"ha": true, "l": true, "h": true, "min": true, "s": true, "%": true, "proc.": true, "tys.": true, "mln": true, "mld": true, "zł": true,
	"euro": true, "EUR": true, "USD": true, "PLN": true, "os.": true, "°C": true,
	// a day and its month: "19 czerwca"
	"stycznia": true, "lutego": true, "marca": true, "kwietnia": true, "maja": true, "czerwca": true,
	"lipca": true, "sierpnia": true, "września": true, "października": true, "listopada": true, "grudnia": true}

// refBeforeNumber are abbreviations written before a number.
var refBeforeNumber = map[string]bool{"art.": true, "ust.": true, "pkt": true, "nr": true, "§": true, "poz.": true, "s.": true, "lit.": true, "Art.": true, "Nr": true}

// bindsNext tells whether the space between word w and the next must not
// break (Polish rules only).
func refBindsNext(r Rules, w, next string) bool {
	if !r.Polish {
		return false
	}
	core := strings.TrimLeft(w, "(„[")
	if len(core) == 1 && strings.Contains(refOneLetter, core) {
		return true
	}
	if refIsNumber(core) && next != "" {
		unit := strings.TrimRight(next, ",;:)”")
		if refUnits[unit] || refUnits[strings.TrimSuffix(unit, ".")] {
			return true
		}
	}
	if refBeforeNumber[core] && next != "" {
		r, _ := utf8.DecodeRuneInString(next)
		return unicode.IsDigit(r)
	}
	return false
}

// refIsNumber tells a word of digits, with spaces of thousands or a decimal
// comma or point inside.
func refIsNumber(w string) bool {
	if w == "" {
		return false
	}
	for i, c := range w {
		if c >= '0' && c <= '9' {
			continue
		}
		if (c == ',' || c == '.') && i > 0 && i < len(w)-1 {
			continue
		}
		return false
	}
	return true
}

// quotes sets the quotation marks and apostrophes of a word: an opening
// mark after a space, an opening bracket or the start of a block, a
// closing one elsewhere. prev is the character before the word, and is
// left at the word's last.
func refQuotes(r Rules, w string, prev *rune) string {
	if strings.IndexByte(w, '&') < 0 && strings.IndexByte(w, '\'') < 0 || !strings.Contains(w, "&quot;") && !strings.Contains(w, "'") && !strings.Contains(w, "&#39;") {
		if last, _ := utf8.DecodeLastRuneInString(w); last != utf8.RuneError {
			*prev = last
		}
		return w
	}
	open, closeQ := "“", "”"
	if r.Polish {
		open, closeQ = "„", "”"
	}
	var b strings.Builder
	for i := 0; i < len(w); {
		switch {
		case strings.HasPrefix(w[i:], "&quot;"):
			if refOpens(*prev) {
				b.WriteString(open)
				*prev = '„'
			} else {
				b.WriteString(closeQ)
				*prev = '”'
			}
			i += len("&quot;")
			continue
		case w[i] == '\'' || strings.HasPrefix(w[i:], "&#39;"):
			n := 1
			if w[i] == '&' {
				n = len("&#39;")
			}
			if refOpens(*prev) && !r.Polish {
				b.WriteString("‘")
			} else {
				b.WriteString("’")
			}
			*prev = '’'
			i += n
			continue
		}
		c, size := utf8.DecodeRuneInString(w[i:])
		b.WriteString(w[i : i+size])
		*prev = c
		i += size
	}
	return b.String()
}

// refOpens tells whether a quotation mark after c opens a quotation.
func refOpens(c rune) bool {
	return c == ' ' || c == refNbsp || strings.ContainsRune("([{„“‘–—-/\n\t", c)
}

// refDashRange writes an en dash in a range of numbers ("10-20", "2021-2027",
// "art. 3-5"): two runs of one to four digits joined by one hyphen, with
// no other hyphen or digit run joined to them (a date such as 2023-06-19
// stays as it is).
func refDashRange(w string) string {
	i := strings.IndexByte(w, '-')
	if i <= 0 || strings.Count(w, "-") != 1 {
		return w
	}
	left, right := w[:i], w[i+1:]
	ld := refTrailingDigits(left)
	rd := refLeadingDigits(right)
	if ld == 0 || rd == 0 || ld > 4 || rd > 4 {
		return w
	}
	// What comes before the number and after it must not be a letter or digit.
	if before := left[:len(left)-ld]; before != "" {
		c, _ := utf8.DecodeLastRuneInString(before)
		if unicode.IsLetter(c) || c == '.' || c == ',' {
			return w
		}
	}
	if after := right[rd:]; after != "" {
		c, _ := utf8.DecodeRuneInString(after)
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			return w
		}
	}
	return left + "–" + right
}

func refTrailingDigits(s string) int {
	n := 0
	for n < len(s) && s[len(s)-1-n] >= '0' && s[len(s)-1-n] <= '9' {
		n++
	}
	return n
}

func refLeadingDigits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}
