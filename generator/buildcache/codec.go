package buildcache

import (
	"bufio"
	"encoding/binary"
	"errors"
	"time"
	"unsafe"

	"hubgen/generator/diag"
	"hubgen/generator/render"
	"hubgen/generator/search"
)

// The cache's files are written in a compact binary form of their own:
// encoding/gob took 1.5 s to read and 1.8 s to write the 73 MB of a
// language's documents at 10,000 translation pairs, this form about a
// tenth of that. Every value is a uvarint, a varint, or a length followed
// by bytes; TestCodecCoversEveryField fails when a field is added to a
// type written here without being written.

// encoder writes values to w through a buffer; the file is streamed, not
// built in memory first (appending 150 MB of documents to one slice cost
// 3 s of CPU in copies and page faults). Write errors stay in w and are
// reported by its Flush.
type encoder struct {
	w   *bufio.Writer
	tmp [binary.MaxVarintLen64]byte
	tab *bagTable // the words of the file's bags; nil: bags write their words
	// scratch is where a bag is encoded before it is written.
	scratch []byte
}

func (e *encoder) uint(v uint64) { e.w.Write(binary.AppendUvarint(e.tmp[:0], v)) }
func (e *encoder) int(v int64)   { e.w.Write(binary.AppendVarint(e.tmp[:0], v)) }
func (e *encoder) str(s string)  { e.uint(uint64(len(s))); e.w.WriteString(s) }
func (e *encoder) bytes(b []byte) {
	e.uint(uint64(len(b)))
	e.w.Write(b)
}

func (e *encoder) bool(v bool) {
	if v {
		e.uint(1)
	} else {
		e.uint(0)
	}
}

func (e *encoder) time(t time.Time) {
	b, _ := t.MarshalBinary() // fails only for zones with seconds, which dates here never have
	e.bytes(b)
}

// putList writes the length of items, then each with put; getList reads
// it back.
func putList[T any](e *encoder, items []T, put func(*T)) {
	e.uint(uint64(len(items)))
	for i := range items {
		put(&items[i])
	}
}

func (e *encoder) strs(list []string) { putList(e, list, func(s *string) { e.str(*s) }) }

func (e *encoder) diags(list []diag.Diagnostic) {
	putList(e, list, func(d *diag.Diagnostic) {
		e.str(d.Path)
		e.int(int64(d.Line))
		e.int(int64(d.Col))
		e.int(int64(d.Severity))
		e.str(d.Msg)
		e.str(d.Kind)
	})
}

func (e *encoder) doc(d *Doc) {
	e.str(d.Path)
	s := &d.Doc
	for _, v := range []string{s.URL, s.Lang, s.Kind, s.Title, s.Shown, s.Summary, s.Body, s.ActType, s.ActNumber} {
		e.str(v)
	}
	e.strs(s.Topics)
	e.time(s.Date)
	e.bag(&s.Bag)
	putList(e, s.Passages, func(p *search.Passage) {
		e.str(p.Anchor)
		e.str(p.Label)
		e.int(int64(p.Start))
		e.int(int64(p.End))
		e.str(p.Bits)
	})
}

// bag writes whether there is a bag, then its words (their numbers in
// e.tab, or themselves) and counts.
//
// The bag is written as bytes, its length first, so that a reader that
// does not want it (ReadDocs) skips it at once.
func (e *encoder) bag(b *search.Bag) {
	if b.Words == nil {
		e.bool(false)
		return
	}
	e.bool(true)
	buf := binary.AppendUvarint(e.scratch[:0], uint64(len(b.IDs)))
	if e.tab != nil {
		remap := e.tab.ids[b.Words]
		for k, id := range b.IDs {
			buf = binary.AppendUvarint(buf, uint64(remap[id]))
			buf = binary.AppendUvarint(buf, uint64(b.Counts[k]))
		}
	} else {
		words := b.Words.List()
		for k, id := range b.IDs {
			buf = binary.AppendUvarint(buf, uint64(len(words[id])))
			buf = append(buf, words[id]...)
			buf = binary.AppendUvarint(buf, uint64(b.Counts[k]))
		}
	}
	e.bytes(buf)
	e.scratch = buf
}

// bagTable is the words of a file's bags, numbered once for the file:
// list, and by the bags' own tables, each word's number in list.
type bagTable struct {
	ids  map[*search.Words][]int32
	list []string
}

// newBagTable numbers the words of docs' bags, in the order they first
// occur.
func newBagTable(docs []Doc) *bagTable {
	t := &bagTable{ids: map[*search.Words][]int32{}}
	index := map[string]int32{}
	for i := range docs {
		b := &docs[i].Doc.Bag
		if b.Words == nil {
			continue
		}
		words := b.Words.List()
		remap := t.ids[b.Words]
		for len(remap) < len(words) {
			remap = append(remap, -1)
		}
		t.ids[b.Words] = remap
		for _, id := range b.IDs {
			if remap[id] >= 0 {
				continue
			}
			n, ok := index[words[id]]
			if !ok {
				n = int32(len(t.list))
				index[words[id]] = n
				t.list = append(t.list, words[id])
			}
			remap[id] = n
		}
	}
	return t
}

func (e *encoder) file(f *File) {
	e.str(f.Path)
	e.int(f.Size)
	e.int(f.ModTime)
	e.bytes(f.Head)
	e.str(f.Teaser)
	e.uint(f.SourceHash)
	e.bool(f.Published)
	e.time(f.Lastmod)
	e.diags(f.Diags)
	e.strs(f.Deps)
	e.uint(f.DocHash)
	e.uint(f.PassHash)
	e.uint(f.Sig)
	e.strs(f.Links)
	e.str(f.SortName)
	e.bytes(f.SortKey)
	e.bytes(f.Parsed)
}

func (e *encoder) kept(k *render.Kept) {
	for _, v := range []string{k.Path, k.Layout, k.Cluster, k.Origin, k.Title, k.Canonical} {
		e.str(v)
	}
	e.bool(k.NoIndex)
	e.bool(k.Raw)
	e.uint(uint64(k.Group))
	e.str(k.GroupKey)
	e.bytes(k.Sitemap)
	e.uint(k.Cross)
}

func (e *encoder) state(st *State) {
	e.int(int64(st.Format))
	e.str(st.Key)
	e.str(st.Dest)
	e.str(st.Manifest)
	e.time(st.Settled)
	e.time(st.Horizon)
	e.time(st.ReadAt)
	e.bool(st.Dirs != nil)
	putList(e, st.Dirs, func(x *Dir) { e.str(x.Path); e.int(x.ModTime) })
	putList(e, st.Assets, func(x *Asset) { e.str(x.Path); e.int(x.Size); e.int(x.ModTime); e.uint(x.Hash) })
	putList(e, st.Files, e.file)
	putList(e, st.Outputs, e.kept)
	e.uint(st.Site)
	langs := sortedKeys(st.Docs)
	e.uint(uint64(len(langs)))
	for _, l := range langs {
		e.str(l)
		e.str(st.Docs[l])
	}
	putList(e, st.Delta, e.doc)
}

// errDamaged is a file that ends early or holds impossible lengths.
var errDamaged = errors.New("damaged")

// decoder reads values from b; after the first error every value is zero
// and err tells.
type decoder struct {
	b      []byte
	err    error
	tab    *search.Words // the words the file's bags are numbered in; nil: bags hold their words
	inline *search.Words // the words of bags that hold their words
	// bags tells, by a document's content file, whether to read its bag
	// (nil: every bag); a bag not read is left empty.
	bags func(path string) bool
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = errDamaged
	}
	d.b = nil
}

func (d *decoder) uint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) int() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

// length reads a count of items of at least min bytes each, refusing one
// the rest of the file cannot hold.
func (d *decoder) length(min int) int {
	n := d.uint()
	if n > uint64(len(d.b)/max(min, 1)) {
		d.fail()
		return 0
	}
	return int(n)
}

func (d *decoder) raw() []byte {
	n := d.length(1)
	b := d.b[:n:n]
	d.b = d.b[n:]
	return b
}

// str and bytes share the file's buffer, which nothing writes to after it
// is read: copying the 73 MB of a language's documents took longer than
// reading them.
func (d *decoder) str() string {
	b := d.raw()
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

func (d *decoder) bytes() []byte { return d.raw() }
func (d *decoder) bool() bool    { return d.uint() == 1 }

func (d *decoder) time() time.Time {
	var t time.Time
	if err := t.UnmarshalBinary(d.raw()); err != nil {
		d.fail()
	}
	return t
}

// getList reads what putList wrote: items of at least min bytes each, nil
// when there are none.
func getList[T any](d *decoder, min int, get func() T) []T {
	n := d.length(min)
	if n == 0 {
		return nil
	}
	out := make([]T, n)
	for i := range out {
		out[i] = get()
	}
	return out
}

func (d *decoder) strs() []string { return getList(d, 1, d.str) }

func (d *decoder) diags() []diag.Diagnostic {
	return getList(d, 6, func() diag.Diagnostic {
		return diag.Diagnostic{Path: d.str(), Line: int(d.int()), Col: int(d.int()), Severity: diag.Severity(d.int()), Msg: d.str(), Kind: d.str()}
	})
}

func (d *decoder) doc() Doc {
	var out Doc
	out.Path = d.str()
	s := &out.Doc
	for _, p := range []*string{&s.URL, &s.Lang, &s.Kind, &s.Title, &s.Shown, &s.Summary, &s.Body, &s.ActType, &s.ActNumber} {
		*p = d.str()
	}
	s.Topics = d.strs()
	s.Date = d.time()
	s.Bag = d.bag(d.bags == nil || d.bags(out.Path))
	s.Passages = getList(d, 5, func() search.Passage {
		return search.Passage{Anchor: d.str(), Label: d.str(), Start: int(d.int()), End: int(d.int()), Bits: d.str()}
	})
	return out
}

func (d *decoder) docs() []Doc { return getList(d, 12, d.doc) }

// bag reads what encoder.bag wrote: with d.tab, numbers in it; without,
// the words themselves, numbered in d.inline.
func (d *decoder) bag(read bool) search.Bag {
	if !d.bool() {
		return search.Bag{}
	}
	blob := d.raw()
	if !read || d.err != nil {
		return search.Bag{}
	}
	outer := d.b
	d.b = blob
	defer func() {
		if d.err == nil && len(d.b) != 0 {
			d.fail()
		}
		if d.err == nil {
			d.b = outer
		}
	}()
	n := d.length(2)
	b := search.Bag{Words: d.tab, IDs: make([]int32, n), Counts: make([]uint16, n)}
	if d.tab == nil {
		if d.inline == nil {
			d.inline = search.NewWords()
		}
		b.Words = d.inline
	}
	size := 0
	if d.tab != nil {
		size = len(d.tab.List())
	}
	for k := range n {
		if d.tab != nil {
			id := d.uint()
			if id >= uint64(size) {
				d.fail()
				return search.Bag{}
			}
			b.IDs[k] = int32(id)
		} else {
			b.IDs[k] = b.Words.Add(d.str())
		}
		c := d.uint()
		if c > 0xffff {
			d.fail()
			return search.Bag{}
		}
		b.Counts[k] = uint16(c)
	}
	return b
}

func (d *decoder) file() File {
	var f File
	f.Path = d.str()
	f.Size = d.int()
	f.ModTime = d.int()
	f.Head = d.bytes()
	f.Teaser = d.str()
	f.SourceHash = d.uint()
	f.Published = d.bool()
	f.Lastmod = d.time()
	f.Diags = d.diags()
	f.Deps = d.strs()
	f.DocHash = d.uint()
	f.PassHash = d.uint()
	f.Sig = d.uint()
	f.Links = d.strs()
	f.SortName = d.str()
	f.SortKey = d.bytes()
	if len(f.SortKey) == 0 {
		f.SortKey = nil
	}
	f.Parsed = d.bytes()
	if len(f.Parsed) == 0 {
		f.Parsed = nil
	}
	return f
}

func (d *decoder) kept() render.Kept {
	var k render.Kept
	for _, p := range []*string{&k.Path, &k.Layout, &k.Cluster, &k.Origin, &k.Title, &k.Canonical} {
		*p = d.str()
	}
	k.NoIndex = d.bool()
	k.Raw = d.bool()
	k.Group = uint8(d.uint())
	k.GroupKey = d.str()
	k.Sitemap = d.bytes()
	if len(k.Sitemap) == 0 {
		k.Sitemap = nil
	}
	k.Cross = d.uint()
	return k
}

func (d *decoder) state() *State {
	st := &State{}
	st.Format = int(d.int())
	if st.Format != format {
		d.fail()
		return st
	}
	st.Key = d.str()
	st.Dest = d.str()
	st.Manifest = d.str()
	st.Settled = d.time()
	st.Horizon = d.time()
	st.ReadAt = d.time()
	hasDirs := d.bool()
	st.Dirs = getList(d, 2, func() Dir { return Dir{d.str(), d.int()} })
	st.Assets = getList(d, 4, func() Asset { return Asset{d.str(), d.int(), d.int(), d.uint()} })
	if hasDirs && st.Dirs == nil {
		st.Dirs = []Dir{}
	}
	st.Files = getList(d, 13, d.file)
	st.Outputs = getList(d, 11, d.kept)
	st.Site = d.uint()
	st.Docs = map[string]string{}
	for n := d.length(2); n > 0; n-- {
		l := d.str()
		st.Docs[l] = d.str()
	}
	st.Delta = d.docs()
	return st
}
