package render

import (
	"encoding/json"
	"math/rand/v2"
	"testing"
	"time"
	"unicode/utf8"
)

// TestAppendJSONString: strings are written byte for byte as encoding/json
// writes them: HTML characters, quotes, control characters, invalid UTF-8,
// U+2028 and U+2029 escaped, everything else as it is.
func TestAppendJSONString(t *testing.T) {
	tests := []string{
		"",
		"plain ASCII text",
		"Zażółć gęślą jaźń – „cytat” · ½ € 𝄞",
		`quote " and backslash \ and slash /`,
		"<script>alert(1)</script> & more",
		"\x00\x01\x07\b\t\n\v\f\r\x1b\x1f\x7f",
		"line\u2028separator\u2029paragraph",
		"invalid \xff\xfe UTF-8 \xc3 cut \xe2\x82",
		"\xed\xa0\x80 surrogate half",
		"https://example.org/portal/?q={search_term_string}&x=<1>",
	}
	// And random strings, mostly of the characters that are escaped.
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", " ", "<", ">", "&", `"`, `\`, "\n", "\x00", "\x1f", "\x7f", "ż", "\u2028", "\u2029", "\xff", "\xe2\x80", "𝄞"}
	for range 2000 {
		var s []byte
		for range r.IntN(12) {
			s = append(s, alphabet[r.IntN(len(alphabet))]...)
		}
		tests = append(tests, string(s))
	}
	for _, s := range tests {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendJSONString(nil, s); string(got) != string(want) {
			t.Errorf("%q: %s, want %s", s, got, want)
		}
	}
}

// TestLDObject: an object's JSON is what encoding/json makes of the map with
// the same members: sorted by name, a later value of a name replacing the
// earlier one, removed members left out, nested objects and arrays.
func TestLDObject(t *testing.T) {
	var a ldArena // objects are reused from one test to the next
	tests := []struct {
		name string
		make func() *ldObject
		want any
	}{
		{"empty", func() *ldObject { return a.obj() }, map[string]any{}},
		{"sorted", func() *ldObject {
			o := a.obj()
			o.str("url", "https://example.org/")
			o.str("@type", "Thing")
			o.str("name", "<Alfa> & \"Beta\"")
			o.str("@context", "https://schema.org")
			o.int("position", 12)
			o.str("description", "")
			o.date("datePublished", time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC), "2006-01-02")
			o.date("foundingDate", time.Date(987, 11, 1, 0, 0, 0, 0, time.UTC), "2006-01")
			return o
		}, map[string]any{"url": "https://example.org/", "@type": "Thing", "name": "<Alfa> & \"Beta\"", "@context": "https://schema.org", "position": 12, "description": "", "datePublished": "2025-03-01", "foundingDate": "0987-11"}},
		{"replaced and removed", func() *ldObject {
			o := a.obj()
			o.str("name", "a")
			o.str("url", "https://a/")
			o.str("headline", "h")
			o.str("url", "https://b/")
			o.del("name")
			o.del("missing")
			o.int("n", 1)
			o.int("n", 2)
			return o
		}, map[string]any{"url": "https://b/", "headline": "h", "n": 2}},
		{"nested", func() *ldObject {
			addr := a.obj()
			addr.str("@type", "PostalAddress")
			addr.str("addressCountry", "PL")
			org := a.obj()
			org.str("name", "Org")
			org.obj("address", addr)
			other := a.obj()
			other.str("name", "Other")
			pub := a.obj()
			pub.str("@type", "Organization")
			o := a.obj()
			o.objs("member", []*ldObject{org, other})
			o.objs("none", nil)
			o.strs("knowsAbout", []string{"a", "b<c"})
			o.strs("empty", []string{})
			o.raw("publisher", pub.appendJSON(nil))
			o.obj("funder", other)
			return o
		}, map[string]any{
			"member":     []any{map[string]any{"name": "Org", "address": map[string]any{"@type": "PostalAddress", "addressCountry": "PL"}}, map[string]any{"name": "Other"}},
			"none":       []any{},
			"knowsAbout": []string{"a", "b<c"},
			"empty":      []string{},
			"publisher":  map[string]any{"@type": "Organization"},
			"funder":     map[string]any{"name": "Other"},
		}},
	}
	for _, tc := range tests {
		want, err := json.Marshal(tc.want)
		if err != nil {
			t.Fatal(err)
		}
		o := tc.make()
		if got := o.appendJSON(nil); string(got) != string(want) {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, want)
		}
		if got := o.appendJSON([]byte("x")); string(got) != "x"+string(want) {
			t.Errorf("%s, written again after x: %s", tc.name, got)
		}
		a.release()
		if !utf8.Valid(want) {
			t.Errorf("%s: invalid UTF-8", tc.name)
		}
	}
}
