package search

import (
	"testing"

	"hubgen/generator/search/internal/format"
)

func TestFreqs(t *testing.T) {
	tests := []struct {
		tf     [format.NumFields]uint16
		packed bool // fits in 32 bits
	}{
		{[format.NumFields]uint16{}, true},
		{[format.NumFields]uint16{0, 0, 1, 0, 0}, true},
		{[format.NumFields]uint16{31, 31, 2047, 31, 31}, true},
		{[format.NumFields]uint16{1, 2, 3, 4, 5}, true},
		{[format.NumFields]uint16{32, 0, 0, 0, 0}, false},
		{[format.NumFields]uint16{0, 32, 0, 0, 0}, false},
		{[format.NumFields]uint16{0, 0, 2048, 0, 0}, false},
		{[format.NumFields]uint16{0, 0, 0, 32, 0}, false},
		{[format.NumFields]uint16{0, 0, 0, 0, 32}, false},
		{[format.NumFields]uint16{0xffff, 0xffff, 0xffff, 0xffff, 0xffff}, false},
	}
	var big [][format.NumFields]uint16
	var packed []freqs
	for _, tc := range tests {
		p := packFreqs(&tc.tf, &big)
		if got := p&freqsBig == 0; got != tc.packed {
			t.Errorf("packFreqs(%v) = %#x: packed %v, want %v", tc.tf, uint32(p), got, tc.packed)
		}
		packed = append(packed, p)
	}
	// Unpacked once all are packed: the big counts stay where they were.
	for i, tc := range tests {
		if got := packed[i].unpack(big); got != tc.tf {
			t.Errorf("unpack(packFreqs(%v)) = %v", tc.tf, got)
		}
	}
	if len(big) != 6 {
		t.Errorf("%d big counts, want 6", len(big))
	}
}

// TestFreqsLayout: the fields' bits do not overlap and leave the highest
// bit free.
func TestFreqsLayout(t *testing.T) {
	used := uint32(freqsBig)
	for f := range format.NumFields {
		shift, mask := freqsLayout(f)
		if bits := mask << shift; used&bits != 0 || bits>>shift != mask {
			t.Errorf("field %d: bits %#x overlap %#x", f, bits, used)
		} else {
			used |= bits
		}
	}
}
