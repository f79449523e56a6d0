package ranker

import (
	"fmt"

	"hubgen/generator/search/internal/format"
)

// scored is a posting read for scoring: the document and its BM25F
// pseudo-frequency, the value its impact code stands for (format.Impacts).
type scored struct {
	doc int
	tf  float64
}

// decode reads a postings list as the writer lays it out (see package
// search: the count, the gaps between document numbers, the tail's code
// where the list has a tail, then each posting's impact code, 0 for the
// tail's) and looks up each posting's pseudo-frequency.
func (ix *Index) decode(s string) ([]scored, error) {
	bad := fmt.Errorf("malformed postings")
	n, i := format.ReadVint(s, 0)
	if i < 0 || n > len(s) {
		return nil, bad
	}
	out := make([]scored, n)
	doc := 0
	for k := range out {
		var gap int
		if gap, i = format.ReadVint(s, i); i < 0 {
			return nil, bad
		}
		if k == 0 {
			doc = gap
		} else {
			doc += gap
		}
		out[k].doc = doc
	}
	tail := -1 // the code of the tail's postings, where the list has one
	switch len(s) - i {
	case n:
	case n + 1:
		tail = format.Digit(s[i])
		i++
	default:
		return nil, bad
	}
	for k := range out {
		q := format.Digit(s[i+k])
		if q == 0 {
			q = tail
		}
		if q < 0 {
			return nil, bad
		}
		out[k].tf = float64(ix.impacts[q]) / 256
	}
	return out, nil
}
