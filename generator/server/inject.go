package server

import "bytes"

// inject returns a copy of the HTML document page with tag inserted right
// before its </head>, else before its </body>, else at its end. page itself
// is never modified: it is the build's output.
func inject(page, tag []byte) []byte {
	at := endTag(page, "head")
	if at < 0 {
		at = endTag(page, "body")
	}
	if at < 0 {
		at = len(page)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:at]...)
	out = append(out, tag...)
	return append(out, page[at:]...)
}

// endTag is the offset of the first end tag </name> in page, in any case
// ("</HEAD >" too, but not "</header>"), or -1.
func endTag(page []byte, name string) int {
	for i := 0; ; {
		j := bytes.Index(page[i:], []byte("</"))
		if j < 0 {
			return -1
		}
		at := i + j
		rest := page[at+2:]
		if len(rest) > len(name) && bytes.EqualFold(rest[:len(name)], []byte(name)) {
			switch rest[len(name)] {
			case '>', '/', ' ', '\t', '\n', '\r', '\f':
				return at
			}
		}
		i = at + 2
	}
}
