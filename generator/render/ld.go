package render

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// ldObject is a JSON object being made: a node of a page's JSON-LD. Each
// member's value is encoded as it is set, and the members are written
// sorted by name with their names and strings escaped as encoding/json
// marshals a map[string]any (the JSON-LD was such maps, marshalled by
// html/template while a layout ran): the bytes are the same, made once,
// without reflection.
type ldObject struct {
	vals    []byte // the members' values, encoded, one after another
	members []ldMember
}

// ldMember is a member of an ldObject: its name and where its value is in
// vals.
type ldMember struct {
	name       string
	start, end int
}

// ldArena hands out the objects of one page's JSON-LD and takes them all
// back once it is written: describing thousands of pages reuses a few
// objects and their buffers.
type ldArena struct {
	free, used []*ldObject
}

// obj returns an object with no members.
func (a *ldArena) obj() *ldObject {
	var o *ldObject
	if n := len(a.free); n > 0 {
		o = a.free[n-1]
		a.free = a.free[:n-1]
		o.vals, o.members = o.vals[:0], o.members[:0]
	} else {
		o = &ldObject{}
	}
	a.used = append(a.used, o)
	return o
}

// release takes back every object obj returned: none may be used after.
func (a *ldArena) release() {
	a.free = append(a.free, a.used...)
	clear(a.used)
	a.used = a.used[:0]
}

// set makes the value encoded in vals from start the member name, in
// place of an earlier value of name.
func (o *ldObject) set(name string, start int) {
	m := ldMember{name, start, len(o.vals)}
	for i := range o.members {
		if o.members[i].name == name {
			o.members[i] = m
			return
		}
	}
	o.members = append(o.members, m)
}

// del removes the member name, if there is one.
func (o *ldObject) del(name string) {
	o.members = slices.DeleteFunc(o.members, func(m ldMember) bool { return m.name == name })
}

// str sets a string member.
func (o *ldObject) str(name, s string) {
	start := len(o.vals)
	o.vals = appendJSONString(o.vals, s)
	o.set(name, start)
}

// date sets a member to the string of t in layout, which must need no
// escaping in JSON (a date: "2006-01-02").
func (o *ldObject) date(name string, t time.Time, layout string) {
	start := len(o.vals)
	o.vals = append(o.vals, '"')
	o.vals = t.AppendFormat(o.vals, layout)
	o.vals = append(o.vals, '"')
	o.set(name, start)
}

// int sets a number member.
func (o *ldObject) int(name string, n int) {
	start := len(o.vals)
	o.vals = strconv.AppendInt(o.vals, int64(n), 10)
	o.set(name, start)
}

// raw sets a member to JSON that is already encoded.
func (o *ldObject) raw(name string, json []byte) {
	start := len(o.vals)
	o.vals = append(o.vals, json...)
	o.set(name, start)
}

// obj sets an object member.
func (o *ldObject) obj(name string, v *ldObject) {
	start := len(o.vals)
	o.vals = v.appendJSON(o.vals)
	o.set(name, start)
}

// objs sets an array of objects.
func (o *ldObject) objs(name string, vs []*ldObject) {
	start := len(o.vals)
	o.vals = append(o.vals, '[')
	for i, v := range vs {
		if i > 0 {
			o.vals = append(o.vals, ',')
		}
		o.vals = v.appendJSON(o.vals)
	}
	o.vals = append(o.vals, ']')
	o.set(name, start)
}

// strs sets an array of strings.
func (o *ldObject) strs(name string, ss []string) {
	start := len(o.vals)
	o.vals = append(o.vals, '[')
	for i, s := range ss {
		if i > 0 {
			o.vals = append(o.vals, ',')
		}
		o.vals = appendJSONString(o.vals, s)
	}
	o.vals = append(o.vals, ']')
	o.set(name, start)
}

// appendJSON appends the object to b, its members sorted by name, as
// encoding/json writes a map (an object with no members is "{}").
func (o *ldObject) appendJSON(b []byte) []byte {
	slices.SortFunc(o.members, func(x, y ldMember) int { return strings.Compare(x.name, y.name) })
	b = append(b, '{')
	for i, m := range o.members {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, m.name)
		b = append(b, ':')
		b = append(b, o.vals[m.start:m.end]...)
	}
	return append(b, '}')
}

const hexDigits = "0123456789abcdef"

// jsonSafeLo and jsonSafeHi have a bit set for each ASCII character (below
// 64 and from 64) that encoding/json writes as it is in a string.
const (
	jsonSafeLo uint64 = 1<<64 - 1<<0x20 - (1<<'"' | 1<<'&' | 1<<'<' | 1<<'>')
	jsonSafeHi uint64 = 1<<64 - 1 - 1<<('\\'-64)
)

// jsonSafe reports whether encoding/json writes the ASCII character c as it
// is in a string.
func jsonSafe(c byte) bool {
	if c < 64 {
		return jsonSafeLo>>c&1 != 0
	}
	return jsonSafeHi>>(c-64)&1 != 0
}

// appendJSONString appends s as a JSON string exactly as encoding/json
// writes one with HTML escaping on (its default): <, > and & as \u003c,
// \u003e and \u0026, control characters as \b, \f, \n, \r, \t or \u00XX,
// invalid UTF-8 as \ufffd, U+2028 and U+2029 as \u2028 and \u2029.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if jsonSafe(c) {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
