package search

import "hubgen/generator/search/internal/format"

// freqs are the counts of one word or stem in each field of one document
// (each at most 0xffff), packed in 32 bits, which halves the memory the
// analysis writes and reads: the counts themselves when they are small
// (title, summary, topics and act below 32, body below 2048: nearly
// always), else, with the highest bit set, the index of the counts in a
// list the document keeps aside (its "big" counts).
type freqs uint32

// freqsBig marks freqs that hold an index in the document's big counts.
const freqsBig = 1 << 31

// freqsLayout gives each field's shift and mask in packed freqs: five bits
// for each field but the body, eleven for the body.
func freqsLayout(f int) (shift, mask uint32) {
	switch f {
	case format.FieldTitle:
		return 0, 31
	case format.FieldSummary:
		return 5, 31
	case format.FieldBody:
		return 10, 2047
	case format.FieldTopics:
		return 21, 31
	}
	return 26, 31 // format.FieldAct
}

// packFreqs packs tf, appending it to big if it does not fit.
func packFreqs(tf *[format.NumFields]uint16, big *[][format.NumFields]uint16) freqs {
	var p uint32
	for f, n := range tf {
		shift, mask := freqsLayout(f)
		if uint32(n) > mask {
			*big = append(*big, *tf)
			return freqs(freqsBig | uint32(len(*big)-1))
		}
		p |= uint32(n) << shift
	}
	return freqs(p)
}

// unpack returns the counts p stands for, given the document's big counts.
func (p freqs) unpack(big [][format.NumFields]uint16) (tf [format.NumFields]uint16) {
	if p&freqsBig != 0 {
		return big[p&^freqsBig]
	}
	// freqsLayout written out: this runs for every posting encoded.
	v := uint32(p)
	tf[format.FieldTitle] = uint16(v & 31)
	tf[format.FieldSummary] = uint16(v >> 5 & 31)
	tf[format.FieldBody] = uint16(v >> 10 & 2047)
	tf[format.FieldTopics] = uint16(v >> 21 & 31)
	tf[format.FieldAct] = uint16(v >> 26 & 31)
	return tf
}
