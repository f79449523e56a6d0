package format

import "unicode/utf8"

// Compare16 orders strings by UTF-16 code units, the order of JavaScript's
// < on strings, so that shard boundaries mean the same on both sides.
func Compare16(a, b string) int {
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

// Hash16 is the 32-bit FNV-1a hash of s's UTF-16 code units, which the
// client computes the same way (Math.imul).
func Hash16(s string) uint32 {
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

// Len16 is the length of s in UTF-16 code units (JavaScript's s.length).
func Len16(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}
