package search

import (
	"strconv"

	"hubgen/generator/search/internal/format"
)

// The passage store, passages/<n>.jsonl: one line per document with
// passages, in document order, a fixed number of documents a file
// (Options.DocsPerPassageFile), which the client fetches alone with an
// HTTP range request (the document store says where the line is), and
// only for the results it shows:
//
//	[[[anchor, label], …], [a, gap, length, "bits", …]]
//
// The first array is the document's anchors: ids its passages link to
// (#anchor; "" for the page's top) with their labels. Then four values per
// passage: its anchor's index in the first array; where it starts in the
// published page, as the gap from the end of the passage before (from 0
// for the first); its length in bytes; and a Bloom filter of its stems,
// base-64 digits of six bits each (format.Alphabet), bit i in digit i/6 at
// i%6. A stem with hash h (format.Hash16 of the folded stem) sets bits
// h mod m and rot16(h) mod m, m the filter's bits; the client then fetches
// the bytes of the best passages from the page itself, with range requests.

// passageBits sizes the filters of a page with n passages, in bits per
// stem: 4 (about 15 % false positives with two bits per stem) for up to
// 16 passages, 5 (11 %) for up to 48, 8 (5 %) beyond. The client reads a
// promised passage's text before it shows it, so that a false positive
// costs a read, not a wrong result; but among an act's hundred passages,
// where "referred" is in twenty-five, 15 % or even 8 % promised both
// words of "reference amount" falsely in several paragraphs before
// Article 3(1). 6 bits throughout made the store 40 % larger.
func passageBits(n int) int {
	switch {
	case n <= 16:
		return 4
	case n <= 48:
		return 5
	}
	return 8
}

// writePassages writes the passage store, passages/<n>.jsonl with the
// lines of docs documents each, and returns, by document number, where
// each document's line is in its file: [offset, length], {0, 0} for none.
// Files of a fixed number of documents, rather than one file, keep a
// rebuild after one page's edit to its own file and to the document-store
// shards of the documents after it in that file, whose offsets move. The
// files are written on all cores.
func writePassages(files map[string][]byte, ld *langData, docs int) [][2]int {
	at := make([][2]int, len(ld.docs))
	out := make([][]byte, (len(ld.docs)+docs-1)/docs)
	forChunks(len(ld.docs), docs, func(_, lo, hi int) {
		size := 0
		for _, d := range ld.docs[lo:hi] {
			for _, p := range d.Passages {
				size += len(p.Bits) + len(p.Anchor) + len(p.Label) + 24
			}
		}
		b := make([]byte, 0, size)
		index := map[string]int{}
		for i := lo; i < hi; i++ {
			d := ld.docs[i]
			if len(d.Passages) == 0 {
				continue
			}
			start := len(b)
			clear(index)
			b = appendPassages(b, d.Passages, index)
			at[i] = [2]int{start, len(b) - start}
			b = append(b, '\n')
		}
		out[lo/docs] = b
	})
	for n, b := range out {
		if len(b) > 0 {
			files[format.PassagesFile(n)] = b
		}
	}
	return at
}

// appendPassages appends one document's line (without its newline);
// index is an empty map it may use.
func appendPassages(b []byte, ps []Passage, index map[string]int) []byte {
	var anchors []int // index in ps of the first passage of each anchor
	for i, p := range ps {
		if _, ok := index[p.Anchor]; !ok {
			index[p.Anchor] = len(anchors)
			anchors = append(anchors, i)
		}
	}
	b = append(b, "[["...)
	for k, i := range anchors {
		if k > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = appendString(b, ps[i].Anchor)
		b = append(b, ',')
		b = appendString(b, ps[i].Label)
		b = append(b, ']')
	}
	b = append(b, "],["...)
	end := 0
	for i, p := range ps {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(index[p.Anchor]), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(p.Start-end), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(p.End-p.Start), 10)
		b = append(b, ',', '"')
		b = append(b, p.Bits...)
		b = append(b, '"')
		end = p.End
	}
	return append(b, "]]"...)
}

// bloom returns the filter of the stem hashes, perStem bits each, as
// base-64 digits.
func bloom(hashes []uint32, perStem int) string {
	m := max(6, (len(hashes)*perStem+5)/6*6)
	bits := make([]byte, m/6)
	for _, h := range hashes {
		for _, k := range PassageBits(h, m) {
			bits[k/6] |= 1 << (k % 6)
		}
	}
	for i, d := range bits {
		bits[i] = format.Alphabet[d]
	}
	return string(bits)
}

// PassageBits are the two bits of a passage filter of m bits that a stem
// with hash h sets.
func PassageBits(h uint32, m int) [2]int {
	return [2]int{int(h % uint32(m)), int((h>>16 | h<<16) % uint32(m))}
}
