package markdown

import (
	"bytes"
	"unicode"
	"unicode/utf8"
)

// The scanners below find the references in an act's text (legal_xref.go)
// without regular expressions. Each finds exactly what regexp's
// FindAllSubmatchIndex finds for the pattern in its comment, in the same
// form (pairs of byte offsets, -1 for a group that took no part): the
// leftmost match, then the leftmost one from its end on, and so on
// (legal_scan_test.go holds them to the expressions). None of the patterns
// needs backtracking: at each step the greedy choice is the only one that
// can lead to a match. They try a match only where one can begin, found
// with bytes.IndexByte or bytes.Index: before a '.' for "art." and "ust.",
// at the words "Article", "paragraph", "Decision" …, and at the stems of
// "decyzja", "rozporządzenie", "dyrektywa"; a text without a '/' has no
// number of another act and is not scanned for one.
//
// In the patterns, as in Go's regexp, \s is [\t\n\f\r ] and \d is [0-9].

// refGroups is the length of a match of a reference to a part of the act
// (scanRefPL, scanRefEN): the whole match and five groups.
const refGroups = 12

// otherGroups is the length of a match of a reference to another act
// (scanOtherPL, scanOtherEN): the whole match and the act's number.
const otherGroups = 4

// isRegexpSpace reports whether c is in regexp's \s.
func isRegexpSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// skipSpace returns the end of the run of \s at i.
func skipSpace(val []byte, i int) int {
	for i < len(val) && isRegexpSpace(val[i]) {
		i++
	}
	return i
}

// skipDigits returns the end of the run of \d at i.
func skipDigits(val []byte, i int) int {
	for i < len(val) && val[i] >= '0' && val[i] <= '9' {
		i++
	}
	return i
}

func isLowerASCII(val []byte, i int) bool { return i < len(val) && val[i] >= 'a' && val[i] <= 'z' }

// spacedWord matches \s+word\s+ at i, returning the end.
func spacedWord(val []byte, i int, word string) (int, bool) {
	j := skipSpace(val, i)
	if j == i || !hasPrefix(val, j, word) {
		return 0, false
	}
	j += len(word)
	k := skipSpace(val, j)
	return k, k > j
}

// litPoint matches \s+lit\.\s+([a-z])\) at i: the letter's offset and the
// end of the match.
func litPoint(val []byte, i int) (letter, end int, ok bool) {
	j, ok := spacedWord(val, i, "lit.")
	if !ok || !isLowerASCII(val, j) || j+1 >= len(val) || val[j+1] != ')' {
		return 0, 0, false
	}
	return j, j + 2, true
}

// parenLetter reports whether \(([a-z])\) matches at i.
func parenLetter(val []byte, i int) bool {
	return i+2 < len(val) && val[i] == '(' && isLowerASCII(val, i+1) && val[i+2] == ')'
}

// scanRefPL calls yield with each Polish reference to a part of the act
// in val ("art. 2 ust. 1 lit. a)", "ust. 3"), a match of
//
//	art\.\s+(\d+[a-z]?)(?:\s+ust\.\s+(\d+))?(?:\s+lit\.\s+([a-z])\))?|ust\.\s+(\d+)(?:\s+lit\.\s+([a-z])\))?
//
// Every match starts with "art." or "ust.": the scan goes from '.' to '.'.
func scanRefPL(val []byte, yield func(m [refGroups]int)) {
	var m [refGroups]int
	for pos := 0; ; {
		from := min(pos+3, len(val)) // a match at pos has its '.' at pos+3
		d := bytes.IndexByte(val[from:], '.')
		if d < 0 {
			return
		}
		i := from + d - 3 // where "art." or "ust." would start
		if matchRefPL(val, i, &m) {
			yield(m)
			pos = m[1]
		} else {
			pos = i + 1
		}
	}
}

// matchRefPL matches scanRefPL's pattern at i.
func matchRefPL(val []byte, i int, m *[refGroups]int) bool {
	for k := range m {
		m[k] = -1
	}
	m[0] = i
	switch string(val[i : i+4]) {
	case "art.":
		j := skipSpace(val, i+4)
		d := skipDigits(val, j)
		if j == i+4 || d == j {
			return false
		}
		if isLowerASCII(val, d) {
			d++
		}
		m[2], m[3] = j, d
		end := d
		if k, ok := spacedWord(val, end, "ust."); ok {
			if e := skipDigits(val, k); e > k {
				m[4], m[5] = k, e
				end = e
			}
		}
		if l, e, ok := litPoint(val, end); ok {
			m[6], m[7] = l, l+1
			end = e
		}
		m[1] = end
		return true
	case "ust.":
		j := skipSpace(val, i+4)
		d := skipDigits(val, j)
		if j == i+4 || d == j {
			return false
		}
		m[8], m[9] = j, d
		end := d
		if l, e, ok := litPoint(val, end); ok {
			m[10], m[11] = l, l+1
			end = e
		}
		m[1] = end
		return true
	}
	return false
}

// scanRefEN calls yield with each English reference to a part of the act
// in val ("Article 2(1)(a)", "paragraph 3", the first of "Articles 2 and
// 3"), a match of
//
//	Articles?\s+(\d+[a-z]?)(?:\((\d+)\))?(?:\(([a-z])\))?|paragraphs?\s+(\d+)(?:\(([a-z])\))?
func scanRefEN(val []byte, yield func(m [refGroups]int)) {
	var m [refGroups]int
	s := stems{words: [3]string{"Article", "paragraph"}, n: 2}
	for pos := 0; ; {
		i, w := s.next(val, pos)
		if i < 0 {
			return
		}
		if matchRefEN(val, i, w, &m) {
			yield(m)
			pos = m[1]
		} else {
			pos = i + 1
		}
	}
}

// matchRefEN matches scanRefEN's pattern at i, where the stem w (0 "Article", 1
// "paragraph") is.
func matchRefEN(val []byte, i, w int, m *[refGroups]int) bool {
	for k := range m {
		m[k] = -1
	}
	m[0] = i
	if w == 0 {
		k := i + len("Article")
		if k < len(val) && val[k] == 's' {
			k++
		}
		j := skipSpace(val, k)
		d := skipDigits(val, j)
		if j == k || d == j {
			return false
		}
		if isLowerASCII(val, d) {
			d++
		}
		m[2], m[3] = j, d
		end := d
		if end < len(val) && val[end] == '(' {
			if e := skipDigits(val, end+1); e > end+1 && e < len(val) && val[e] == ')' {
				m[4], m[5] = end+1, e
				end = e + 1
			}
		}
		if parenLetter(val, end) {
			m[6], m[7] = end+1, end+2
			end += 3
		}
		m[1] = end
		return true
	}
	k := i + len("paragraph")
	if k < len(val) && val[k] == 's' {
		k++
	}
	j := skipSpace(val, k)
	d := skipDigits(val, j)
	if j == k || d == j {
		return false
	}
	m[8], m[9] = j, d
	end := d
	if parenLetter(val, end) {
		m[10], m[11] = end+1, end+2
		end += 3
	}
	m[1] = end
	return true
}

// scanOtherPL calls yield with each Polish reference to another act in
// val ("decyzji (WPZiB) 2018/1939", "Decyzja Rady (WPZiB) 2018/1939"), a
// match of
//
//	(?:[Dd]ecyzj|[Rr]ozporządze|[Dd]yrektyw)\p{L}*\s+(?:(?:Rady|Komisji)\s+)?(?:\((?:WPZiB|UE|EU|Euratom|WSiSW)\)\s+)?(?:nr\s+)?(\d{4}/\d{1,5})
//
// The stems are searched without their first letter, which may be either
// case.
func scanOtherPL(val []byte, yield func(m [otherGroups]int)) {
	if bytes.IndexByte(val, '/') < 0 {
		return
	}
	var m [otherGroups]int
	s := stems{words: [3]string{"ecyzj", "ozporządze", "yrektyw"}, n: 3}
	for pos := 0; ; {
		i, w := s.next(val, pos+1)
		if i < 0 {
			return
		}
		i-- // the first letter
		if first := val[i]; (first == "DRD"[w] || first == "drd"[w]) && matchOther(val, i, i+1+len(s.words[w]), true, &m) {
			yield(m)
			pos = m[1]
		} else {
			pos = i + 1
		}
	}
}

// scanOtherEN calls yield with each English reference to another act in
// val ("Decision (CFSP) 2018/1939"), a match of
//
//	(?:Decision|Regulation|Directive)\s+(?:\((?:CFSP|EU|Euratom|JHA)\)\s+)?(?:No\s+)?(\d{4}/\d{1,5})
func scanOtherEN(val []byte, yield func(m [otherGroups]int)) {
	if bytes.IndexByte(val, '/') < 0 {
		return
	}
	var m [otherGroups]int
	s := stems{words: [3]string{"Decision", "Regulation", "Directive"}, n: 3}
	for pos := 0; ; {
		i, w := s.next(val, pos)
		if i < 0 {
			return
		}
		if matchOther(val, i, i+len(s.words[w]), false, &m) {
			yield(m)
			pos = m[1]
		} else {
			pos = i + 1
		}
	}
}

// matchOther matches the rest of scanOtherPL's pattern (pl) or of
// scanOtherEN's after the stem, which starts at i and ends at j.
func matchOther(val []byte, i, j int, pl bool, m *[otherGroups]int) bool {
	if pl { // \p{L}*
		for j < len(val) {
			r, n := utf8.DecodeRune(val[j:])
			if !unicode.IsLetter(r) {
				break
			}
			j += n
		}
	}
	k := skipSpace(val, j)
	if k == j {
		return false
	}
	if pl { // (?:(?:Rady|Komisji)\s+)?
		for _, w := range []string{"Rady", "Komisji"} {
			if hasPrefix(val, k, w) {
				if e := skipSpace(val, k+len(w)); e > k+len(w) {
					k = e
				}
				break
			}
		}
	}
	if k < len(val) && val[k] == '(' {
		abbrevs := []string{"CFSP)", "EU)", "Euratom)", "JHA)"}
		if pl {
			abbrevs = []string{"WPZiB)", "UE)", "EU)", "Euratom)", "WSiSW)"}
		}
		for _, a := range abbrevs {
			if hasPrefix(val, k+1, a) {
				if e := skipSpace(val, k+1+len(a)); e > k+1+len(a) {
					k = e
				}
				break
			}
		}
	}
	no := "No"
	if pl {
		no = "nr"
	}
	if hasPrefix(val, k, no) {
		if e := skipSpace(val, k+2); e > k+2 {
			k = e
		}
	}
	// \d{4}/\d{1,5}
	if k+6 > len(val) || skipDigits(val[:k+4], k) != k+4 || val[k+4] != '/' {
		return false
	}
	e := skipDigits(val[:min(len(val), k+10)], k+5)
	if e == k+5 {
		return false
	}
	m[0], m[1], m[2], m[3] = i, e, k, e
	return true
}

// stems finds the next occurrence of any of up to three words, keeping
// where each was last found so that a text is searched once per word.
type stems struct {
	words    [3]string
	n        int     // how many words
	at       [3]int  // where words[w] next occurs, or -1 for nowhere
	searched [3]bool // whether at[w] holds a search's result
}

// next returns the first occurrence at or after pos of any word and which
// word it is, or -1. pos never decreases from one call to the next.
func (s *stems) next(val []byte, pos int) (int, int) {
	best, which := -1, -1
	for w := 0; w < s.n; w++ {
		if !s.searched[w] || s.at[w] >= 0 && s.at[w] < pos {
			s.searched[w] = true
			s.at[w] = indexString(val, pos, s.words[w])
		}
		if a := s.at[w]; a >= 0 && (best < 0 || a < best) {
			best, which = a, w
		}
	}
	return best, which
}

// indexString returns the first occurrence of word in val at or after pos,
// or -1.
func indexString(val []byte, pos int, word string) int {
	if pos > len(val) {
		return -1
	}
	if k := bytes.Index(val[pos:], []byte(word)); k >= 0 {
		return pos + k
	}
	return -1
}

// hasPrefix reports whether val has the prefix s at i.
func hasPrefix(val []byte, i int, s string) bool {
	return i <= len(val) && len(val)-i >= len(s) && string(val[i:i+len(s)]) == s
}
