package search

import (
	"strings"
	"unicode/utf8"
)

// FormatVersion is written to every manifest; the client refuses an index
// of another version.
const FormatVersion = 1

// alphabet holds the 64 characters compact numbers are written in: each is
// safe inside a JSON string without escaping and survives any transport.
const alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"

// digit maps a character of alphabet back to its value, -1 for others.
func digit(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'z':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'Z':
		return int(c-'A') + 36
	case c == '-':
		return 62
	case c == '_':
		return 63
	}
	return -1
}

// appendVint writes n ≥ 0 in base 32, most significant digit first: every
// digit but the last is written as alphabet[32+d], the last as alphabet[d].
func appendVint(b []byte, n int) []byte {
	var tmp [8]byte
	i := len(tmp) - 1
	tmp[i] = alphabet[n&31]
	n >>= 5
	for n > 0 {
		i--
		tmp[i] = alphabet[32+n&31]
		n >>= 5
	}
	return append(b, tmp[i:]...)
}

// readVint reads a number written by appendVint at s[i:]; it returns the
// number and the index after it, or -1 when s is malformed.
func readVint(s string, i int) (int, int) {
	n := 0
	for i < len(s) {
		d := digit(s[i])
		i++
		if d < 0 || n > 1<<40 {
			return 0, -1
		}
		if d < 32 {
			return n<<5 | d, i
		}
		n = n<<5 | (d - 32)
	}
	return 0, -1
}

// normLengths is the table of document lengths a one-character length code
// stands for: 0, 1, 2, 3, 4, then each 25% (rounded down) above the last.
// The client builds the same table with the same integer steps.
func normLengths() [64]int {
	var t [64]int
	for q := 1; q < 64; q++ {
		step := t[q-1] >> 2
		if step < 1 {
			step = 1
		}
		t[q] = t[q-1] + step
	}
	return t
}

// normCode is the largest code whose length does not exceed n.
func normCode(table *[64]int, n int) int {
	q := 0
	for q+1 < 64 && table[q+1] <= n {
		q++
	}
	return q
}

// ln2 is the natural logarithm of 2, written the same way in the client.
const ln2 = 0.6931471805599453

// ln is the natural logarithm of x ≥ 1 computed with the four basic
// operations only, in the same order as the client does it, so that Go and
// JavaScript get bit-identical results (their math libraries may differ in
// the last bit). Each product is converted explicitly so that the compiler
// does not fuse it into a multiply-add.
func ln(x float64) float64 {
	if !(x >= 1) {
		return 0
	}
	k := 0.0
	for x >= 2 {
		x = x / 2
		k = k + 1
	}
	t := (x - 1) / (x + 1)
	t2 := float64(t * t)
	term := t
	sum := 0.0
	for i := 0; i < 30; i++ {
		sum = sum + term/float64(2*i+1)
		term = float64(term * t2)
	}
	return float64(k*ln2) + float64(2*sum)
}

// compare16 orders strings by UTF-16 code units, the order of JavaScript's
// < on strings, so that shard boundaries mean the same on both sides.
func compare16(a, b string) int {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb {
			ua, ub := unit16(ra), unit16(rb)
			if ua != ub {
				if ua < ub {
					return -1
				}
				return 1
			}
			// Same high surrogate: the low surrogates decide.
			if ra < rb {
				return -1
			}
			return 1
		}
		a, b = a[na:], b[nb:]
	}
	switch {
	case a == "" && b == "":
		return 0
	case a == "":
		return -1
	}
	return 1
}

// unit16 is the first UTF-16 code unit of r.
func unit16(r rune) rune {
	if r < 0x10000 {
		return r
	}
	return 0xD800 + (r-0x10000)>>10
}

// hash16 is the 32-bit FNV-1a hash of s's UTF-16 code units, which the
// client computes the same way (Math.imul).
func hash16(s string) uint32 {
	h := uint32(2166136261)
	for _, r := range s {
		if r >= 0x10000 {
			r -= 0x10000
			h = (h ^ uint32(0xD800+r>>10)) * 16777619
			r = 0xDC00 + r&0x3FF
		}
		h = (h ^ uint32(r)) * 16777619
	}
	return h
}

// len16 is the length of s in UTF-16 code units (JavaScript's s.length).
func len16(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}

// maskChars writes a set of small numbers (< 6·width) as width characters of
// alphabet, six bits each, lowest bits first.
func appendMask(b []byte, set []int, width int) []byte {
	bits := make([]int, width)
	for _, n := range set {
		bits[n/6] |= 1 << (n % 6)
	}
	for _, v := range bits {
		b = append(b, alphabet[v])
	}
	return b
}

// truncateWords cuts s to at most n bytes at a word boundary, adding "…"
// when it cut anything.
func truncateWords(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut < n/2 {
		cut = n
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
	}
	return strings.TrimRight(s[:cut], " ,;:–-") + "…"
}
