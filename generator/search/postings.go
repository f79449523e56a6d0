package search

import (
	"slices"

	"hubgen/generator/search/internal/format"
	"hubgen/internal/parallel"
)

// posting is one document's frequencies of one stem, with the length codes
// of the fields it occurs in.
type posting struct {
	doc  int32
	tf   [format.NumFields]uint16
	norm [format.NumFields]uint8
}

// postingsLayout is how the postings are spread over files (see
// format.PostingsFile); the manifest tells the client.
type postingsLayout struct {
	shards int // the shared files p/<n>.json
	bigDF  int // a stem found in this many documents or more has a file of its own
}

// writePostings encodes every stem's postings on all cores and writes the
// postings files p/…json, each {stem: list, …} with the stems in UTF-16
// order. Stems found in fewer than bigDF documents share about one file
// per PostingsShardBytes of their lists; bigDF is the number of postings
// that make about PostingsShardBytes (eight bytes a posting).
func writePostings(files map[string][]byte, ld *langData, opts Options) postingsLayout {
	order := make([]int32, len(ld.stems))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return format.Compare16(ld.stems[a], ld.stems[b]) })
	encoded := make([]string, len(ld.stems))
	parallel.For(len(order), func(i int) { encoded[order[i]] = encodePostings(ld.postings[order[i]]) })
	bigDF := max(1, opts.PostingsShardBytes/8)
	small := 0
	for s, e := range encoded {
		if len(ld.postings[s]) < bigDF {
			small += len(e) + len(ld.stems[s]) + 6
		}
	}
	shards := max(1, (small+opts.PostingsShardBytes/2)/opts.PostingsShardBytes)
	groups := map[string][]int32{}
	for _, s := range order {
		name := format.PostingsFile(ld.stems[s], len(ld.postings[s]), bigDF, shards)
		groups[name] = append(groups[name], s)
	}
	for name, list := range groups {
		b := []byte{'{'}
		for i, s := range list {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, ld.stems[s])
			b = append(b, ':')
			b = appendString(b, encoded[s])
		}
		files[name] = append(b, '}')
	}
	return postingsLayout{shards: shards, bigDF: bigDF}
}

// encodePostings writes a stem's postings column by column, which
// compresses better than posting by posting: the number of postings; each
// posting's gap from the previous document number (the first: the number
// itself); each posting's character of bits for the fields the stem occurs
// in; for each posting and each such field the frequency minus one; then,
// field by field, the length code (one character) of that field in each
// posting that has it. Documents of like length being numbered together,
// the body's length codes come in long runs.
func encodePostings(list []posting) string {
	b := make([]byte, 0, len(list)*4+2)
	b = format.AppendVint(b, len(list))
	prev := int32(0)
	for i, p := range list {
		gap := p.doc - prev
		if i == 0 {
			gap = p.doc
		}
		prev = p.doc
		b = format.AppendVint(b, int(gap))
	}
	for _, p := range list {
		mask := 0
		for f, n := range p.tf {
			if n > 0 {
				mask |= 1 << f
			}
		}
		b = append(b, format.Alphabet[mask])
	}
	for _, p := range list {
		for _, n := range p.tf {
			if n > 0 {
				b = format.AppendVint(b, int(n)-1)
			}
		}
	}
	for f := 0; f < format.NumFields; f++ {
		for _, p := range list {
			if p.tf[f] > 0 {
				b = append(b, format.Alphabet[p.norm[f]])
			}
		}
	}
	return string(b)
}
