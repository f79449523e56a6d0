package content

import (
	"encoding/binary"
	"math"
	"slices"
	"time"
	"unsafe"

	"hubgen/generator/config"
	"hubgen/generator/diag"
)

// A file's parse, kept by a build for the next one (package buildcache):
// decoding front matter again was most of an incremental build's loading
// (7 µs a page, 0.15 s of CPU at 20,000 pages), reading this back a small
// part of it. The form is this package's own: uvarints, varints and
// strings with their lengths, a nil slice or map told from an empty one.
// The cache's key holds the program, so a build never reads another
// version's form; TestParsedCoversEveryField fails when a field of Page is
// added without being kept here.

// AppendParsed appends the parse of f, a file ParseFile or ParseHead
// parsed, to b: its page (but for Body, Links, SourceHash, URL and
// Translations, which the build knows otherwise) and problems, as ParseHead
// gives them. It returns b unchanged and false when the parse cannot be
// kept: no page, a date not in UTC (its zone is the machine's, or follows
// from it, and the next build may run in another zone), or a front matter
// value of a type the form does not hold (TOML's dates and times).
func AppendParsed(b []byte, f *File) ([]byte, bool) {
	p := f.Page
	if p == nil {
		return b, false
	}
	e := parsedEncoder{b: b, ok: true}
	e.diags(f.Diags.Items())
	for _, s := range []string{p.Section, p.Name, p.Lang, p.Path, p.Bundle, p.Title, p.Summary, p.Slug, p.TranslationKey, p.Source, p.FixedURL, p.SortTitle} {
		e.str(s)
	}
	for _, t := range []time.Time{p.Date, p.matterLastmod, p.PublishDate, p.ExpiryDate} {
		e.time(t)
	}
	e.bool(p.Draft)
	e.strs(p.Tags)
	e.strs(p.Aliases)
	e.int(int64(p.Weight))
	e.bool(p.Act != nil)
	if a := p.Act; a != nil {
		for _, s := range []string{a.Type, a.Number, a.CELEX, a.ELI, a.OJ, a.ShortTitle} {
			e.str(s)
		}
		for _, t := range []time.Time{a.Adopted, a.Published, a.InForce, a.ValidUntil} {
			e.time(t)
		}
		e.bool(a.UnofficialTranslation)
	}
	e.bool(p.Project != nil)
	if pr := p.Project; pr != nil {
		e.str(pr.Coordinator)
		e.length(pr.Partners == nil, len(pr.Partners))
		for _, x := range pr.Partners {
			e.str(x.Name)
			e.str(x.Country)
		}
		e.time(pr.Start)
		e.time(pr.End)
		e.str(pr.Funding)
		e.str(pr.Website)
	}
	e.bool(p.Organisation != nil)
	if o := p.Organisation; o != nil {
		e.strs(o.Founders)
		e.str(o.Website)
		e.strs(o.Areas)
		e.str(o.Location)
	}
	e.known = []string{p.Title, p.Summary, p.Slug, p.TranslationKey, p.Source, p.SortTitle}
	e.value(p.Params)
	e.uint(p.MatterHash)
	for _, n := range []int{p.BodyLine, p.slugLine, p.slugCol, p.draftLine, p.dateLine, p.publishLine, p.expiryLine, p.urlLine, p.urlCol, p.AliasesLine} {
		e.int(int64(n))
	}
	if !e.ok {
		return b, false
	}
	return e.b, true
}

// FromParsed is ParseHead for a file whose parse AppendParsed kept in
// data: the same page and problems, without parsing the front matter. It
// reports false when data holds no such parse; ParseHead then parses. The
// page's strings share data's bytes (copying them cost more than the rest
// of reading), which must not change afterwards: the build cache's are
// never written to.
func FromParsed(cfg *config.Config, data []byte, rel string, head []byte, teaser string, sourceHash uint64, size, modTime int64) (*File, bool) {
	if len(data) == 0 {
		return nil, false
	}
	d := parsedDecoder{s: unsafe.String(&data[0], len(data))}
	f := &File{Path: rel, Size: size, ModTime: modTime, Head: head, Teaser: teaser}
	f.Diags.Add(d.diags()...)
	p := &Page{}
	for _, s := range []*string{&p.Section, &p.Name, &p.Lang, &p.Path, &p.Bundle, &p.Title, &p.Summary, &p.Slug, &p.TranslationKey, &p.Source, &p.FixedURL, &p.SortTitle} {
		*s = d.str()
	}
	for _, t := range []*time.Time{&p.Date, &p.matterLastmod, &p.PublishDate, &p.ExpiryDate} {
		*t = d.time()
	}
	p.Lastmod = p.matterLastmod
	p.Draft = d.bool()
	p.Tags = d.strs()
	p.Aliases = d.strs()
	p.Weight = int(d.int())
	if d.bool() {
		a := &Act{}
		for _, s := range []*string{&a.Type, &a.Number, &a.CELEX, &a.ELI, &a.OJ, &a.ShortTitle} {
			*s = d.str()
		}
		for _, t := range []*time.Time{&a.Adopted, &a.Published, &a.InForce, &a.ValidUntil} {
			*t = d.time()
		}
		a.UnofficialTranslation = d.bool()
		p.Act = a
	}
	if d.bool() {
		pr := &Project{Coordinator: d.str()}
		if n, isNil := d.length(); !isNil {
			pr.Partners = make([]Partner, n)
			for i := range pr.Partners {
				pr.Partners[i] = Partner{Name: d.str(), Country: d.str()}
			}
		}
		pr.Start, pr.End = d.time(), d.time()
		pr.Funding, pr.Website = d.str(), d.str()
		p.Project = pr
	}
	if d.bool() {
		p.Organisation = &Organisation{Founders: d.strs(), Website: d.str(), Areas: d.strs(), Location: d.str()}
	}
	d.known = []string{p.Title, p.Summary, p.Slug, p.TranslationKey, p.Source, p.SortTitle}
	params, _ := d.value().(map[string]any)
	p.Params = params
	p.MatterHash = d.uint()
	for _, n := range []*int{&p.BodyLine, &p.slugLine, &p.slugCol, &p.draftLine, &p.dateLine, &p.publishLine, &p.expiryLine, &p.urlLine, &p.urlCol, &p.AliasesLine} {
		*n = int(d.int())
	}
	p.Kind = cfg.Kind(p.Section)
	if d.bad || d.s != "" || p.Kind == nil || p.Path != rel || p.Params == nil {
		return nil, false
	}
	p.SourceHash = sourceHash
	f.Page = p
	return f, true
}

// Tags of the front matter's values.
const (
	valNil byte = iota
	valString
	valTrue
	valFalse
	valInt
	valInt64
	valUint64
	valFloat
	valList
	valNilList
	valMap
	valNilMap
	valKnown // a string the page's fields hold already (its title, summary…)
)

// parsedEncoder appends a parse to b; ok turns false at a value it
// cannot keep.
type parsedEncoder struct {
	b     []byte
	ok    bool
	known []string // strings written already, which values refer to
}

func (e *parsedEncoder) uint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *parsedEncoder) int(v int64)   { e.b = binary.AppendVarint(e.b, v) }
func (e *parsedEncoder) str(s string)  { e.uint(uint64(len(s))); e.b = append(e.b, s...) }

func (e *parsedEncoder) bool(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}

// length writes a slice's length, telling nil from empty.
func (e *parsedEncoder) length(isNil bool, n int) {
	if isNil {
		e.uint(0)
	} else {
		e.uint(uint64(n) + 1)
	}
}

func (e *parsedEncoder) strs(list []string) {
	e.length(list == nil, len(list))
	for _, s := range list {
		e.str(s)
	}
}

// time writes the zero time, or a time in UTC; any other zone cannot be
// kept.
func (e *parsedEncoder) time(t time.Time) {
	if t == (time.Time{}) {
		e.b = append(e.b, 0)
		return
	}
	if t.Location() != time.UTC {
		e.ok = false
		return
	}
	e.b = append(e.b, 1)
	e.int(t.Unix())
	e.int(int64(t.Nanosecond()))
}

func (e *parsedEncoder) diags(list []diag.Diagnostic) {
	e.uint(uint64(len(list)))
	for _, d := range list {
		e.str(d.Path)
		e.int(int64(d.Line))
		e.int(int64(d.Col))
		e.int(int64(d.Severity))
		e.str(d.Msg)
		e.str(d.Kind)
	}
}

// value writes a front matter value: the types YAML and JSON decode to
// (see normalize), a map's keys in order.
func (e *parsedEncoder) value(v any) {
	switch t := v.(type) {
	case nil:
		e.b = append(e.b, valNil)
	case string:
		if i := slices.Index(e.known, t); i >= 0 && t != "" {
			e.b = append(e.b, valKnown)
			e.uint(uint64(i))
			return
		}
		e.b = append(e.b, valString)
		e.str(t)
	case bool:
		if t {
			e.b = append(e.b, valTrue)
		} else {
			e.b = append(e.b, valFalse)
		}
	case int:
		e.b = append(e.b, valInt)
		e.int(int64(t))
	case int64:
		e.b = append(e.b, valInt64)
		e.int(t)
	case uint64:
		e.b = append(e.b, valUint64)
		e.uint(t)
	case float64:
		e.b = append(e.b, valFloat)
		e.uint(math.Float64bits(t))
	case []any:
		if t == nil {
			e.b = append(e.b, valNilList)
			return
		}
		e.b = append(e.b, valList)
		e.uint(uint64(len(t)))
		for _, x := range t {
			e.value(x)
		}
	case map[string]any:
		if t == nil {
			e.b = append(e.b, valNilMap)
			return
		}
		e.b = append(e.b, valMap)
		e.uint(uint64(len(t)))
		for _, k := range sortedKeys(t) {
			e.str(k)
			e.value(t[k])
		}
	default:
		e.ok = false
	}
}

// parsedDecoder reads what parsedEncoder wrote from s; bad tells that s
// ended early or held something else.
type parsedDecoder struct {
	s     string
	bad   bool
	known []string // as parsedEncoder's
}

func (d *parsedDecoder) fail() { d.bad, d.s = true, "" }

func (d *parsedDecoder) uint() uint64 {
	var v uint64
	for shift := 0; shift < 64; shift += 7 {
		if d.s == "" {
			break
		}
		c := d.s[0]
		d.s = d.s[1:]
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v
		}
	}
	d.fail()
	return 0
}

func (d *parsedDecoder) int() int64 {
	u := d.uint()
	return int64(u>>1) ^ -int64(u&1)
}

func (d *parsedDecoder) byte() byte {
	if d.s == "" {
		d.fail()
		return 0
	}
	c := d.s[0]
	d.s = d.s[1:]
	return c
}

func (d *parsedDecoder) bool() bool { return d.byte() == 1 }

// count reads a number of items, refusing one the rest cannot hold.
func (d *parsedDecoder) count(n uint64) int {
	if n > uint64(len(d.s)) {
		d.fail()
		return 0
	}
	return int(n)
}

func (d *parsedDecoder) str() string {
	n := d.count(d.uint())
	s := d.s[:n]
	d.s = d.s[n:]
	return s
}

// length reads what parsedEncoder.length wrote.
func (d *parsedDecoder) length() (int, bool) {
	n := d.uint()
	if n == 0 {
		return 0, true
	}
	return d.count(n - 1), false
}

func (d *parsedDecoder) strs() []string {
	n, isNil := d.length()
	if isNil {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = d.str()
	}
	return out
}

func (d *parsedDecoder) time() time.Time {
	if d.byte() == 0 {
		return time.Time{}
	}
	sec, nsec := d.int(), d.int()
	return time.Unix(sec, nsec).UTC()
}

func (d *parsedDecoder) diags() []diag.Diagnostic {
	n := d.count(d.uint())
	if n == 0 {
		return nil
	}
	out := make([]diag.Diagnostic, n)
	for i := range out {
		out[i] = diag.Diagnostic{Path: d.str(), Line: int(d.int()), Col: int(d.int()), Severity: diag.Severity(d.int()), Msg: d.str(), Kind: d.str()}
	}
	return out
}

func (d *parsedDecoder) value() any {
	switch d.byte() {
	case valNil:
		return nil
	case valString:
		return d.str()
	case valKnown:
		if i := d.uint(); i < uint64(len(d.known)) {
			return d.known[i]
		}
	case valTrue:
		return true
	case valFalse:
		return false
	case valInt:
		return int(d.int())
	case valInt64:
		return d.int()
	case valUint64:
		return d.uint()
	case valFloat:
		return math.Float64frombits(d.uint())
	case valNilList:
		return []any(nil)
	case valList:
		out := make([]any, d.count(d.uint()))
		for i := range out {
			out[i] = d.value()
		}
		return out
	case valNilMap:
		return map[string]any(nil)
	case valMap:
		n := d.count(d.uint())
		out := make(map[string]any, n)
		for range n {
			k := d.str()
			out[k] = d.value()
		}
		return out
	}
	d.fail()
	return nil
}
