package render

import "strings"

// The parts of pages that every page has many of (a list's items, the
// links and tags in <head>, the language switcher, breadcrumbs) are
// written in Go by the methods of components.go: a layout executed by
// html/template pays a call by reflection for every value it escapes,
// which made those parts most of a build's rendering. What they write is
// byte for byte what html/template writes for the same markup, escaped in
// the same contexts by the functions below, which copy html/template's
// escapers for strings (html_test.go compares them on every byte and on
// many strings, and the templates they replace with the components on a
// generated site).

// writeEscaped writes s escaped for HTML text or a quoted attribute
// value, as html/template's htmlEscaper and attrEscaper escape a string:
// NUL becomes U+FFFD and " & ' + < > character references. Every byte it
// replaces is ASCII, so no byte of a multi-byte or invalid UTF-8 sequence
// is touched, as in html/template, which decodes runes.
func writeEscaped(b *strings.Builder, s string) {
	written := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		b.WriteString(s[written:i])
		b.WriteString(repl)
		written = i + 1
	}
	b.WriteString(s[written:])
}

// writeURL writes s as html/template writes a string that starts the
// value of a quoted URL attribute (href="{{.}}"): a URL with a scheme
// other than http, https or mailto becomes "#ZgotmplZ" (urlFilter); bytes
// that are not allowed in a URL are percent-encoded, valid escapes kept
// (urlNormalizer); then & and + become references (attrEscaper).
func writeURL(b *strings.Builder, s string) {
	if !isSafeURL(s) {
		b.WriteString("#ZgotmplZ")
		return
	}
	const hex = "0123456789abcdef"
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			b.WriteByte(c)
		case strings.IndexByte("!#$*,/:;=?@[]-._~", c) >= 0:
			b.WriteByte(c)
		case c == '&':
			b.WriteString("&amp;")
		case c == '+':
			b.WriteString("&#43;")
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
}

// isSafeURL is html/template's test of a URL: relative, or with the
// scheme http, https or mailto.
func isSafeURL(s string) bool {
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") {
		return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
	}
	return true
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
