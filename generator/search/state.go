package search

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"unsafe"

	"hubgen/generator/search/internal/format"
)

// The state of a language's index: what Update needs to make the index
// again after a few documents changed without analysing the others.
//
//	"hubgen-search-state" version fingerprint
//	avglen (5 × float64 bits) postingShards
//	docs:   n, each: URL, 5 lengths, big counts (n, each 5 counts)
//	stems:  n, each: stem, df, its postings list as written, its
//	        postings (df × document gap, df × freqs)
//	words:  n, each: word, folded, stem id + 1 (0: a stop word), df
//	alt:    n, each: folded surface form, its own stem (addUnaccented)
//	plain:  n, each document without a Bag (the index's own lists):
//	        URL, title, summary, body, topics, act type and number
//
// Every number is a uvarint, every string its length then its bytes.

const stateMagic = "hubgen-search-state"

// stateVersion changes with the state's layout or with anything that
// changes what Build writes from the same state.
const stateVersion = 1

// fingerprint is what a state is valid for: the options and parameters
// the index is written with and the language's analysis.
func fingerprint(lang string, opts Options) string {
	return fmt.Sprintf("%d %s %s %d %d %d %d %d %q %+v", format.Version, lang, AnalyzerName(lang), opts.LexiconShardBytes, opts.PostingsShardBytes, opts.DocsPerShard, opts.DocsPerPassageFile, opts.ImpactHead, opts.Kinds, DefaultParams())
}

// State is the state of one language's index, which the next build's
// Update starts from (see the layout above).
type State struct {
	ld     *langData
	lang   string
	opts   Options
	layout postingsLayout
}

// WriteTo writes the state to w, encoded, a piece at a time (at 100,000
// pages a language's state is hundreds of megabytes).
func (st *State) WriteTo(w io.Writer) (int64, error) {
	e := stateEncoder{w: w, b: make([]byte, 0, 2*stateFlush)}
	st.ld.encodeState(&e, st.lang, st.opts, st.layout)
	e.flush(0)
	return e.n, e.err
}

// Bytes returns the state encoded.
func (st *State) Bytes() []byte {
	var b bytes.Buffer
	st.WriteTo(&b)
	return b.Bytes()
}

// stateFlush is how many encoded bytes stateEncoder holds before it
// writes them.
const stateFlush = 256 << 10

// encodeState encodes ld, whose index was written with opts and layout,
// for the next build's Update.
func (ld *langData) encodeState(e *stateEncoder, lang string, opts Options, layout postingsLayout) {
	e.str(stateMagic)
	e.uint(stateVersion)
	e.str(fingerprint(lang, opts))
	for _, f := range ld.avglen {
		e.uint(math.Float64bits(f))
	}
	e.uint(uint64(layout.shards))
	e.uint(uint64(len(ld.docs)))
	for n, d := range ld.docs {
		e.flush(stateFlush)
		e.str(d.URL)
		for _, l := range ld.lengths[n] {
			e.uint(uint64(l))
		}
		e.uint(uint64(len(ld.big[n])))
		for _, tf := range ld.big[n] {
			for _, c := range tf {
				e.uint(uint64(c))
			}
		}
	}
	e.uint(uint64(len(ld.stems)))
	for s, stem := range ld.stems {
		e.flush(stateFlush)
		e.str(stem)
		e.uint(uint64(ld.df[s]))
		e.bytes(ld.encoded[s])
		if ld.postings[s] == nil && ld.kept != nil {
			e.b = append(e.b, ld.kept[s]...) // as the last state had them
		} else {
			e.postings(ld.postings[s])
		}
	}
	e.uint(uint64(len(ld.words)))
	for i, w := range ld.words {
		e.flush(stateFlush)
		e.str(w.word)
		e.str(w.surface)
		e.uint(uint64(w.stem + 1))
		e.uint(uint64(ld.wordDF[i]))
	}
	alt := make([]string, 0, len(ld.alt))
	for f := range ld.alt {
		alt = append(alt, f)
	}
	slices.Sort(alt)
	e.uint(uint64(len(alt)))
	for _, f := range alt {
		e.flush(stateFlush)
		e.str(f)
		e.str(ld.alt[f])
	}
	var plain []*Doc
	for n, d := range ld.docs {
		if ld.plain != nil && ld.plain[n] || ld.plain == nil && d.Bag.Words == nil {
			plain = append(plain, d)
		}
	}
	e.uint(uint64(len(plain)))
	for _, d := range plain {
		e.flush(stateFlush)
		e.str(d.URL)
		e.str(d.Title)
		e.str(d.Summary)
		e.str(d.Body)
		e.uint(uint64(len(d.Topics)))
		for _, t := range d.Topics {
			e.str(t)
		}
		e.str(d.ActType)
		e.str(d.ActNumber)
	}
}

// stateEncoder appends a state's values to b, which it writes to w once
// it holds enough (flush).
type stateEncoder struct {
	w   io.Writer
	b   []byte
	n   int64
	err error
}

// flush writes the bytes held when they are more than at.
func (e *stateEncoder) flush(at int) {
	if len(e.b) <= at {
		return
	}
	if e.err == nil {
		var n int
		n, e.err = e.w.Write(e.b)
		e.n += int64(n)
	}
	e.b = e.b[:0]
}

func (e *stateEncoder) uint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *stateEncoder) str(s string)  { e.uint(uint64(len(s))); e.b = append(e.b, s...) }
func (e *stateEncoder) bytes(b []byte) {
	e.uint(uint64(len(b)))
	e.b = append(e.b, b...)
}

// postings writes a stem's postings (its df is written before them).
func (e *stateEncoder) postings(list []posting) {
	prev := int32(0)
	for _, p := range list {
		e.uint(uint64(p.doc - prev))
		prev = p.doc
	}
	for _, p := range list {
		e.uint(uint64(p.tf))
	}
}

// prevState is a decoded state; its strings and byte slices point into
// the encoded state, which must stay as it is while they are used.
type prevState struct {
	fingerprint string
	avglen      [format.NumFields]float64
	shards      int
	urls        []string // by document number
	lengths     [][format.NumFields]int32
	big         [][][format.NumFields]uint16
	stems       []string
	df          []int
	encoded     [][]byte
	postings    [][]byte // by stem id, as encoded, decoded on demand (list)
	words       []*vocabWord
	wordDF      []int32
	alt         map[string]string
	plain       map[string]*Doc // by URL
}

// errState reports a state that cannot be read.
var errState = errors.New("search index state: damaged")

// decodeState decodes an encoded state. Its strings share b's memory.
func decodeState(b []byte) (ps *prevState, err error) {
	d := stateDecoder{b: b}
	defer func() {
		if r := recover(); r != nil {
			if r != errState {
				panic(r)
			}
			ps, err = nil, errState
		}
	}()
	if d.str() != stateMagic || d.uint() != stateVersion {
		return nil, errState
	}
	ps = &prevState{fingerprint: d.str()}
	for f := range ps.avglen {
		ps.avglen[f] = math.Float64frombits(d.uint())
	}
	ps.shards = d.count()
	n := d.count()
	ps.urls = make([]string, n)
	ps.lengths = make([][format.NumFields]int32, n)
	ps.big = make([][][format.NumFields]uint16, n)
	for i := range n {
		ps.urls[i] = d.str()
		for f := range ps.lengths[i] {
			ps.lengths[i][f] = int32(d.uint())
		}
		if k := d.count(); k > 0 {
			ps.big[i] = make([][format.NumFields]uint16, k)
			for j := range ps.big[i] {
				for f := range ps.big[i][j] {
					ps.big[i][j][f] = uint16(d.uint())
				}
			}
		}
	}
	n = d.count()
	ps.stems, ps.df, ps.encoded, ps.postings = make([]string, n), make([]int, n), make([][]byte, n), make([][]byte, n)
	for s := range n {
		ps.stems[s] = d.str()
		ps.df[s] = d.count()
		ps.encoded[s] = d.bytes()
		at := d.i
		for range 2 * ps.df[s] {
			d.uint()
		}
		ps.postings[s] = b[at:d.i:d.i]
	}
	n = d.count()
	ps.words, ps.wordDF = make([]*vocabWord, n), make([]int32, n)
	for i := range n {
		w := &vocabWord{index: int32(i), word: d.str(), surface: d.str(), stem: int32(d.uint()) - 1}
		w.once.Do(func() {}) // analysed
		ps.words[i], ps.wordDF[i] = w, int32(d.uint())
	}
	n = d.count()
	ps.alt = make(map[string]string, n)
	for range n {
		f := d.str()
		ps.alt[f] = d.str()
	}
	n = d.count()
	ps.plain = make(map[string]*Doc, n)
	for range n {
		doc := &Doc{URL: d.str(), Title: d.str(), Summary: d.str(), Body: d.str()}
		if k := d.count(); k > 0 {
			doc.Topics = make([]string, k)
			for j := range doc.Topics {
				doc.Topics[j] = d.str()
			}
		}
		doc.ActType, doc.ActNumber = d.str(), d.str()
		ps.plain[doc.URL] = doc
	}
	if d.i != len(b) {
		return nil, errState
	}
	return ps, nil
}

// list decodes the postings of stem s.
func (ps *prevState) list(s int) []posting {
	d := stateDecoder{b: ps.postings[s]}
	out := make([]posting, ps.df[s])
	prev := int32(0)
	for i := range out {
		prev += int32(d.uint())
		out[i].doc = prev
	}
	for i := range out {
		out[i].tf = freqs(d.uint())
	}
	return out
}

// stateDecoder reads a state's values; a value past the end panics with
// errState, which decodeState recovers.
type stateDecoder struct {
	b []byte
	i int
}

func (d *stateDecoder) uint() uint64 {
	v, n := binary.Uvarint(d.b[d.i:])
	if n <= 0 {
		panic(errState)
	}
	d.i += n
	return v
}

// count reads a number of things, each taking at least a byte.
func (d *stateDecoder) count() int {
	v := d.uint()
	if v > uint64(len(d.b)) {
		panic(errState)
	}
	return int(v)
}

func (d *stateDecoder) bytes() []byte {
	n := d.count()
	if n > len(d.b)-d.i {
		panic(errState)
	}
	b := d.b[d.i : d.i+n : d.i+n]
	d.i += n
	return b
}

func (d *stateDecoder) str() string {
	b := d.bytes()
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// sameText reports whether a and b index alike as far as their words go.
func sameText(a, b *Doc) bool {
	return a.Title == b.Title && a.Summary == b.Summary && a.Body == b.Body && slices.Equal(a.Topics, b.Topics) && a.ActType == b.ActType && a.ActNumber == b.ActNumber
}
