package ranker

import (
	"fmt"

	"hubgen/generator/search/internal/format"
)

// scored is a posting read for scoring: the document and its BM25F
// pseudo-frequency Σ weight·tf / ((1-b) + b·length/average length), over
// the fields, in field order.
type scored struct {
	doc int
	tf  float64
}

// decode reads a postings list as the writer lays it out (see package
// search: the count, the gaps between document numbers, the field masks,
// the frequencies minus one, then field by field the length codes) and
// computes each posting's pseudo-frequency.
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
	fields := min(len(ix.M.Weights), len(ix.M.AvgLen), format.NumFields)
	if i+n > len(s) {
		return nil, bad
	}
	masks := s[i : i+n]
	i += n
	var tfs [][format.NumFields]int
	for k := 0; k < n; k++ {
		var tf [format.NumFields]int
		m := format.Digit(masks[k])
		for f := 0; f < fields; f++ {
			if m&(1<<f) != 0 {
				var v int
				if v, i = format.ReadVint(s, i); i < 0 {
					return nil, bad
				}
				tf[f] = v + 1
			}
		}
		tfs = append(tfs, tf)
	}
	lens := make([][format.NumFields]int, n)
	for f := 0; f < fields; f++ {
		for k := 0; k < n; k++ {
			if tfs[k][f] > 0 {
				if i >= len(s) {
					return nil, bad
				}
				lens[k][f] = ix.norms[format.Digit(s[i])&63]
				i++
			}
		}
	}
	b := ix.M.B
	for k := range out {
		t := 0.0
		for f := 0; f < fields; f++ {
			if tfs[k][f] > 0 {
				norm := (1 - b) + float64(b*float64(lens[k][f]))/ix.M.AvgLen[f]
				t = t + float64(ix.M.Weights[f]*tfs[k][f])/norm
			}
		}
		out[k].tf = t
	}
	return out, nil
}
