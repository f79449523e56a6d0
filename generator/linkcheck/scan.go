package linkcheck

import (
	"bytes"
	"hash/maphash"
	"html"
	"slices"
)

// scanner is what one Scan works with: the links and ids found so far,
// and a cache of the table's Refs by string (direct-mapped by hash), so
// that the links every page has (a menu) are found without a lock.
type scanner struct {
	cache      [1 << 10]cached
	links, ids []Ref
}

type cached struct {
	s string
	r Ref
}

func (t *Table) scanner() *scanner {
	if sc, ok := t.scanners.Get().(*scanner); ok {
		return sc
	}
	return &scanner{}
}

// ref returns the Ref of v, from the scanner's cache when it can.
func (sc *scanner) ref(t *Table, v []byte) Ref {
	h := maphash.Bytes(t.seed, v)
	c := &sc.cache[(h>>shardBits)&(uint64(len(sc.cache))-1)]
	if c.s == string(v) && c.s != "" {
		return c.r
	}
	c.r, c.s = t.intern(v, h)
	return c.r
}

// The attributes Scan keeps.
const (
	attrOther = iota
	attrLink  // href, src, action
	attrID    // id
)

// Scan finds the links and the element ids of an HTML page: the values of
// its href, src and action attributes, less those Check does not follow
// (with a scheme, or a host of their own), and of its id attributes. It
// is safe for concurrent use.
//
// Scan reads the page as html/template and goldmark write it: attribute
// values in double quotes, within which a quote, '<' and '>' are written
// as character references. It looks for `="` and keeps the value when the
// attribute's name (after white space) is one it wants and the nearest
// '<' or '>' before it is the '<' of a tag, with an even number of quotes
// between them, so that text, which has no raw quotes, the content of
// scripts and style sheets, which is not inside a tag, and other
// attributes' values give no links.
func (t *Table) Scan(doc []byte) Page {
	sc := t.scanner()
	defer t.scanners.Put(sc)
	for i := 0; ; {
		k := bytes.IndexByte(doc[i:], '=')
		if k < 0 {
			break
		}
		eq := i + k
		i = eq + 1
		if i >= len(doc) || doc[i] != '"' {
			continue
		}
		kind, name := attribute(doc, eq)
		if kind == attrOther || !inTag(doc, name) {
			continue
		}
		start := eq + 2
		n := bytes.IndexByte(doc[start:], '"')
		if n < 0 {
			break
		}
		end := start + n
		i = end + 1
		v := trimSpace(doc[start:end])
		if bytes.IndexByte(v, '&') >= 0 {
			v = trimSpace([]byte(html.UnescapeString(string(v))))
		}
		if len(v) == 0 {
			continue
		}
		if kind == attrID {
			sc.ids = append(sc.ids, sc.ref(t, v))
		} else if !External(v) {
			sc.links = append(sc.links, sc.ref(t, v))
		}
	}
	p := Page{links: distinct(sc.links), ids: distinct(sc.ids)}
	sc.links, sc.ids = sc.links[:0], sc.ids[:0]
	return p
}

// distinct returns the distinct Refs of refs, sorted, in a slice of their
// own (refs is sorted in place).
func distinct(refs []Ref) []Ref {
	if len(refs) == 0 {
		return nil
	}
	slices.Sort(refs)
	return slices.Clone(slices.Compact(refs))
}

// attribute tells which attribute the `="` at eq ends the name of, and
// where the name starts. A name counts only after white space.
func attribute(doc []byte, eq int) (kind, start int) {
	start = eq
	for start > 0 && nameByte(doc[start-1]) {
		start--
	}
	if start == 0 || start == eq || !space(doc[start-1]) {
		return attrOther, start
	}
	name := doc[start:eq]
	switch len(name) {
	case 2:
		if lower(name[0]) == 'i' && lower(name[1]) == 'd' {
			return attrID, start
		}
	case 3:
		if equalFold(name, "src") {
			return attrLink, start
		}
	case 4:
		if equalFold(name, "href") {
			return attrLink, start
		}
	case 6:
		if equalFold(name, "action") {
			return attrLink, start
		}
	}
	return attrOther, start
}

// inTag reports whether the attribute whose name starts at start is in a
// tag, and not in another attribute's value: the nearest '<' or '>'
// before it is a '<' that opens a tag, with an even number of quotes
// between them.
func inTag(doc []byte, start int) bool {
	quotes := 0
	for i := start - 1; i >= 0; i-- {
		switch doc[i] {
		case '"':
			quotes++
		case '>':
			return false
		case '<':
			return quotes%2 == 0 && i+1 < len(doc) && (lower(doc[i+1]) >= 'a' && lower(doc[i+1]) <= 'z')
		}
	}
	return false
}

// External reports whether a link has a scheme ("https:", "mailto:") or
// a host of its own ("//host/"): Check does not follow it, and the
// Markdown converter does not record it for the check.
func External(v []byte) bool {
	if len(v) >= 2 && (v[0] == '/' || v[0] == '\\') && (v[1] == '/' || v[1] == '\\') {
		return true
	}
	for i, c := range v {
		switch {
		case c == ':':
			return i > 0
		case lower(c) >= 'a' && lower(c) <= 'z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return false
}

func nameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == ':' || c == '.'
}

// space reports whether c is HTML's ASCII white space.
func space(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' }

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// equalFold reports whether b is s (lower case ASCII) in any case.
func equalFold(b []byte, s string) bool {
	for i := range b {
		if lower(b[i]) != s[i] {
			return false
		}
	}
	return true
}

// trimSpace trims HTML's ASCII white space, as browsers do from a URL.
func trimSpace(b []byte) []byte {
	for len(b) > 0 && space(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && space(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}
