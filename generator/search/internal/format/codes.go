package format

import "sort"

// Alphabet holds the 64 characters compact numbers are written in: each is
// safe inside a JSON string without escaping and survives any transport.
const Alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"

// Digit maps a character of Alphabet back to its value, -1 for others.
func Digit(c byte) int {
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

// AppendVint writes n ≥ 0 in base 32, most significant digit first: every
// digit but the last is written as Alphabet[32+d], the last as Alphabet[d].
func AppendVint(b []byte, n int) []byte {
	if n < 32 {
		return append(b, Alphabet[n&31])
	}
	var tmp [8]byte
	i := len(tmp) - 1
	tmp[i] = Alphabet[n&31]
	n >>= 5
	for n > 0 {
		i--
		tmp[i] = Alphabet[32+n&31]
		n >>= 5
	}
	return append(b, tmp[i:]...)
}

// ReadVint reads a number written by AppendVint at s[i:]; it returns the
// number and the index after it, or -1 when s is malformed.
func ReadVint(s string, i int) (int, int) {
	n := 0
	for i < len(s) {
		d := Digit(s[i])
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

// Impacts is the table of BM25F pseudo-frequencies an impact code (one
// character of a postings list) stands for, in 256ths: 8 (1/32), then
// each 12.5 % (rounded down, at least 1) above the last, up to about 34.
// A posting's pseudo-frequency Σ weight·tf / ((1-b) + b·length/average
// length) over the fields is worked out at build time and stored as the
// code nearest it (ImpactCode), within about 6 %; above 34 the score is
// within 1 % of saturation (k1 = 1.2). The client builds the same table
// with the same integer steps, so that both rank alike.
func Impacts() [64]int {
	t := [64]int{8}
	for q := 1; q < 64; q++ {
		t[q] = t[q-1] + max(1, t[q-1]>>3)
	}
	return t
}

// ImpactCode is the code whose pseudo-frequency is nearest tf in ratio.
func ImpactCode(table *[64]int, tf float64) int {
	v := tf * 256
	q := sort.Search(64, func(i int) bool { return float64(table[i]) >= v })
	switch {
	case q == 0:
		return 0
	case q == 64:
		return 63
	}
	// table[q-1] < v <= table[q]: the nearer in ratio.
	if v*v < float64(table[q-1])*float64(table[q]) {
		return q - 1
	}
	return q
}
