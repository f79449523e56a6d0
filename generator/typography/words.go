package typography

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The bytes below '@' that say what a word may need: bit c of a mask
// stands for byte c, and bit 0 for '@' too ('@' & 63 is 0; a NUL in a
// word only has it tested as an address in vain).
const (
	spaceBytes   = 1<<' ' | 1<<'\n' | 1<<'\t'             // between words
	addressBytes = 1<<':' | 1<<'.' | 1<<'/' | 1<<('@'&63) // no address has none
	quoteBytes   = 1<<'&' | 1<<'\''                       // &quot;, &#39; and '
	hyphenByte   = 1 << '-'                               // a range, or a dash between spaces
)

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' }

// text sets html[i:j], a run of text outside skipped elements
// (HTML-escaped as goldmark writes it: a quotation mark is &quot;), by
// writing its changes to o. open tells whether a quotation mark at its
// start opens; text returns whether one after it does.
//
// The text is cut, in place, into words and runs of spaces (' ', '\n',
// '\t'). A word with an address is left as it is; a hyphen alone between
// spaces becomes a dash; the quotation marks, apostrophes and range of a
// word are set (writeWord); and with Polish rules, a single space or line
// break after a word becomes a non-breaking space when the word and the
// next one must not be apart (bindsNext).
func (r Rules) text(o *output, i, j int, open bool) bool {
	s := o.src[i:j]
	if !r.Polish && strings.IndexByte(s, '&') < 0 && strings.IndexByte(s, '\'') < 0 && strings.IndexByte(s, '-') < 0 {
		return lastOpens(s) // nothing English rules change
	}
	afterSpace := false // a run of spaces left as it is comes before the word
	for k := 0; k < len(s); {
		if isSpace(s[k]) {
			for k++; k < len(s) && isSpace(s[k]); k++ {
			}
			open, afterSpace = true, true
			continue
		}
		// The word s[k:e], and which of the bytes of the masks above it has.
		e := k
		var seen uint64
		for ; e < len(s); e++ {
			if c := s[e]; c <= '@' {
				bit := uint64(1) << (c & 63)
				if bit&spaceBytes != 0 {
					break
				}
				seen |= bit
			}
		}
		w := s[k:e]
		out := w // the word as written
		switch {
		case seen&addressBytes != 0 && looksLikeAddress(w, seen):
			// As it is, and nothing binds to it.
			if e == len(s) {
				return lastOpens(w)
			}
			k, afterSpace = e, false
			continue
		case w == "-" && afterSpace && e < len(s):
			o.replace(i+k, i+e, "–") // a hyphen between spaces is a dash
			k, afterSpace = e, false
			continue
		case seen&(quoteBytes|hyphenByte) != 0:
			dash := -1
			if seen&hyphenByte != 0 {
				dash = rangeHyphen(w)
			}
			if dash >= 0 || seen&quoteBytes != 0 && hasQuote(w) {
				o.copyTo(i + k)
				mark := o.b.Len()
				r.writeWord(&o.b, w, dash, open)
				o.done = i + e // w is replaced
				out = o.b.String()[mark:]
			}
		}
		if e == len(s) {
			return lastOpens(out)
		}
		k, afterSpace = e, false
		// One space or line break, and the next word: may they break?
		if r.Polish && (s[e] == ' ' || s[e] == '\n') && (e+1 == len(s) || !isSpace(s[e+1])) && mayBind(out) && bindsNext(out, s[e+1:]) {
			o.replace(i+e, i+e+1, nbsp)
			k, open = e+1, true
		}
	}
	return open
}

// hasQuote tells whether a word has a quotation mark or an apostrophe.
func hasQuote(w string) bool {
	return strings.Contains(w, "&quot;") || strings.IndexByte(w, '\'') >= 0 || strings.Contains(w, "&#39;")
}

// writeWord writes word w to b with its quotation marks (&quot;) and
// apostrophes (' and &#39;) set, and an en dash for the hyphen at byte
// dash (-1: none). A quotation mark opens after a space, an opening
// bracket or dash, or the start of a block (open, at the start of w), and
// closes elsewhere; an apostrophe is ’, or ‘ where an English quotation
// would open.
func (r Rules) writeWord(b *strings.Builder, w string, dash int, open bool) {
	start := 0 // w[start:i] is written as it is
	for i := 0; i < len(w); {
		n, apostrophe := 0, false // a mark of n bytes at i
		switch w[i] {
		case '&':
			if strings.HasPrefix(w[i:], "&quot;") {
				n = len("&quot;")
			} else if strings.HasPrefix(w[i:], "&#39;") {
				n, apostrophe = len("&#39;"), true
			}
		case '\'':
			n, apostrophe = 1, true
		case '-':
			if i == dash {
				b.WriteString(w[start:i])
				b.WriteString("–")
				open = true // after the hyphen it was
				i++
				start = i
				continue
			}
		}
		if n == 0 {
			i++
			continue
		}
		if start < i {
			b.WriteString(w[start:i])
			open = lastOpens(w[start:i])
		}
		switch {
		case apostrophe && open && !r.Polish:
			b.WriteString("‘")
		case apostrophe:
			b.WriteString("’")
		case open && r.Polish:
			b.WriteString("„")
		case open:
			b.WriteString("“")
		default:
			b.WriteString("”")
		}
		// After a quotation mark the next opens if this one did; after
		// an apostrophe, never.
		open = open && !apostrophe
		i += n
		start = i
	}
	b.WriteString(w[start:])
}

// looksLikeAddress tells a word that may be a URL, an e-mail address or
// a path, which stays as it is ("and/or" and "2023/1187" are words);
// seen has the bits of addressBytes of the bytes the word has.
func looksLikeAddress(w string, seen uint64) bool {
	if seen&(1<<('@'&63)) != 0 && strings.IndexByte(w, '@') >= 0 ||
		seen&(1<<':') != 0 && strings.Contains(w, "://") ||
		seen&(1<<'.') != 0 && strings.Contains(w, "www.") {
		return true
	}
	// A path: "/x", "./x", "../x", also after an opening bracket or
	// quotation mark.
	for w != "" && (w[0] == '(' || w[0] == '[') {
		w = w[1:]
	}
	w = strings.TrimPrefix(w, "&quot;")
	for strings.HasPrefix(w, "„") || strings.HasPrefix(w, "“") {
		w = w[len("„"):]
	}
	return strings.HasPrefix(w, "/") || strings.HasPrefix(w, "./") || strings.HasPrefix(w, "../")
}

// oneLetter are the Polish one-letter words that must not end a line.
const oneLetter = "aiouwzAIOUWZ"

// mayBind tells whether bindsNext may be true of word w: whether it is
// short or starts with a digit or an opening mark.
func mayBind(w string) bool {
	c := w[0]
	return len(w) <= len("art.") || c >= '0' && c <= '9' || c == '(' || c == '[' || c == "„"[0]
}

// bindsNext tells whether the space between word w (as written) and the
// next must not break, rest being the text after the space (Polish rules):
// after a one-letter word (also before the start of an element, when w
// ends the text: "i <a…>"), between a number and its unit, and between
// an abbreviation and the number after it.
func bindsNext(w, rest string) bool {
	for w != "" && (w[0] == '(' || w[0] == '[' || strings.HasPrefix(w, "„")) {
		if w[0] == '(' || w[0] == '[' {
			w = w[1:]
		} else {
			w = w[len("„"):]
		}
	}
	if w == "" {
		return false
	}
	if len(w) == 1 && strings.IndexByte(oneLetter, w[0]) >= 0 {
		return true
	}
	number := isNumber(w)
	if !number && !beforeNumber(w) {
		return false
	}
	next := rest // the next word
	for n := 0; n < len(rest); n++ {
		if isSpace(rest[n]) {
			next = rest[:n]
			break
		}
	}
	if next == "" {
		return false
	}
	if !number {
		c, _ := utf8.DecodeRuneInString(next)
		return unicode.IsDigit(c)
	}
	unit := next
	for {
		if n := len(unit); n > 0 && (unit[n-1] == ',' || unit[n-1] == ';' || unit[n-1] == ':' || unit[n-1] == ')') {
			unit = unit[:n-1]
		} else if strings.HasSuffix(unit, "”") {
			unit = unit[:len(unit)-len("”")]
		} else {
			break
		}
	}
	return isUnit(unit) || isUnit(strings.TrimSuffix(unit, "."))
}

// isUnit tells what follows a number with a non-breaking space before it.
func isUnit(w string) bool {
	switch w {
	case "r.", "r", "rr.", "w.", "km", "m", "cm", "mm", "kg", "g", "t",
		"ha", "l", "h", "min", "s", "%", "proc.", "tys.", "mln", "mld", "zł",
		"euro", "EUR", "USD", "PLN", "os.", "°C",
		// a day and its month: "19 czerwca"
		"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca",
		"lipca", "sierpnia", "września", "października", "listopada", "grudnia":
		return true
	}
	return false
}

// beforeNumber tells an abbreviation written before a number.
func beforeNumber(w string) bool {
	switch w {
	case "art.", "ust.", "pkt", "nr", "§", "poz.", "s.", "lit.", "Art.", "Nr":
		return true
	}
	return false
}

// isNumber tells a word of digits, with spaces of thousands or a decimal
// comma or point inside.
func isNumber(w string) bool {
	if w == "" {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= '0' && c <= '9' || (c == ',' || c == '.') && i > 0 && i < len(w)-1 {
			continue
		}
		return false
	}
	return true
}

// rangeHyphen returns where the hyphen of a range of numbers is in a word
// ("10-20", "2021-2027", "art. 3-5"), or -1: two runs of one to four
// digits joined by one hyphen, with no other hyphen or digit run joined
// to them (a date such as 2023-06-19 stays as it is). The quotation
// marks and apostrophes writeWord sets around a range do not change what
// it is: neither the entities nor the marks are letters or digits.
func rangeHyphen(w string) int {
	i := strings.IndexByte(w, '-')
	if i <= 0 || strings.IndexByte(w[i+1:], '-') >= 0 {
		return -1
	}
	left, right := w[:i], w[i+1:]
	ld := trailingDigits(left)
	rd := leadingDigits(right)
	if ld == 0 || rd == 0 || ld > 4 || rd > 4 {
		return -1
	}
	// What comes before the number and after it must not be a letter or digit.
	if before := left[:len(left)-ld]; before != "" {
		c, _ := utf8.DecodeLastRuneInString(before)
		if unicode.IsLetter(c) || c == '.' || c == ',' {
			return -1
		}
	}
	if after := right[rd:]; after != "" {
		c, _ := utf8.DecodeRuneInString(after)
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			return -1
		}
	}
	return i
}

func trailingDigits(s string) int {
	n := 0
	for n < len(s) && s[len(s)-1-n] >= '0' && s[len(s)-1-n] <= '9' {
		n++
	}
	return n
}

func leadingDigits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}
