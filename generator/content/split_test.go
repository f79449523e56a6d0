package content

import (
	"hash/crc64"
	"math/rand/v2"
	"strings"
	"testing"

	"hubgen/generator/source"
)

// TestSplitMatter: where the front matter and the body are, and the
// problems of a missing or unclosed block, for the ways files are written;
// each file is read as adrg/frontmatter read it (referenceSplitMatter).
func TestSplitMatter(t *testing.T) {
	tests := []struct {
		name, src string
		format    string // "" when there is no front matter
		raw       string
		rawLine   int
		body      string
		bodyLine  int
		err       string // the problem, "line:col: message"
	}{
		{name: "yaml", src: "---\ntitle: a\n---\nbody\n",
			format: "yaml", raw: "title: a\n", rawLine: 2, body: "body\n", bodyLine: 4},
		{name: "crlf", src: "---\r\ntitle: a\r\n---\r\nbody\r\n",
			format: "yaml", raw: "title: a\r\n", rawLine: 2, body: "body\r\n", bodyLine: 4},
		{name: "crlf-leading-blank-lines", src: "\r\n\r\n---\r\ntitle: a\r\n---\r\n\r\nbody\r\n",
			format: "yaml", raw: "title: a\r\n", rawLine: 4, body: "\r\nbody\r\n", bodyLine: 6},
		{name: "leading-blank-lines", src: "\n  \n\t\n---\ntitle: a\n---\nbody\n",
			format: "yaml", raw: "title: a\n", rawLine: 5, body: "body\n", bodyLine: 7},
		{name: "delimiters-with-spaces", src: "  ---  \ntitle: a\n --- \nbody\n",
			format: "yaml", raw: "title: a\n", rawLine: 2, body: "body\n", bodyLine: 4},
		{name: "empty-front-matter", src: "---\n---\nbody\n",
			format: "yaml", raw: "", rawLine: 2, body: "body\n", bodyLine: 3},
		{name: "blank-front-matter", src: "---\n\n  \n---\nbody\n",
			format: "yaml", raw: "\n  \n", rawLine: 2, body: "body\n", bodyLine: 5},
		{name: "no-body", src: "---\ntitle: a\n---\n",
			format: "yaml", raw: "title: a\n", rawLine: 2, body: "", bodyLine: 4},
		{name: "closed-at-the-end-without-line-break", src: "---\ntitle: a\n---",
			format: "yaml", raw: "title: a\n", rawLine: 2, body: "", bodyLine: 3},
		{name: "dashes-in-the-body", src: "---\ntitle: a\n---\nabove\n---\nbelow\n---\n",
			format: "yaml", raw: "title: a\n", rawLine: 2, body: "above\n---\nbelow\n---\n", bodyLine: 4},
		{name: "longer-dashes-stay-in-the-front-matter", src: "---\ntitle: a\n----\n---\nbody\n",
			err: `4:1: invalid YAML front matter: could not find expected ':'` + yamlAdvice},
		{name: "toml", src: "+++\ntitle = \"a\"\n+++\nbody\n",
			format: "toml", raw: "title = \"a\"\n", rawLine: 2, body: "body\n", bodyLine: 4},
		{name: "json", src: "{\n\"title\": \"a\"\n}\n\nbody\n",
			format: "json", raw: "{\n\"title\": \"a\"\n}\n\n", rawLine: 1, body: "body\n", bodyLine: 5},
		{name: "json-at-the-end", src: "{\n\"title\": \"a\"\n}",
			format: "json", raw: "{\n\"title\": \"a\"\n}", rawLine: 1, body: "", bodyLine: 3},
		{name: "json-brace-without-blank-line", src: "{\n\"title\": {\n\"x\": 1\n}\n}\n\nbody\n",
			format: "json", raw: "{\n\"title\": {\n\"x\": 1\n}\n}\n\n", rawLine: 1, body: "body\n", bodyLine: 7},

		{name: "no-front-matter", src: "Just text.\n", body: "Just text.\n", bodyLine: 1},
		{name: "empty-file", src: "", body: "", bodyLine: 1},
		{name: "byte-order-mark", src: "\ufeff---\ntitle: a\n---\nbody\n", body: "\ufeff---\ntitle: a\n---\nbody\n", bodyLine: 1},
		{name: "opening-line-at-the-end", src: "\n---",
			err: `2:1: front matter opened with "---" is never closed`},
		{name: "unclosed-yaml", src: "---\ntitle: a\n",
			err: `1:1: front matter opened with "---" is never closed`},
		{name: "unclosed-toml", src: "\n+++\ntitle = \"a\"\n",
			err: `2:1: front matter opened with "+++" is never closed`},
		{name: "unclosed-json", src: "{\n\"title\": \"a\"\n}\nbody\n",
			err: `1:1: JSON front matter is never closed (a line with } followed by an empty line)`},
		{name: "duplicate-key", src: "---\ntitle: a\ntitle: b\n---\nbody\n",
			err: `3:1: key "title" is set twice (first on line 2): keep one of them`},
		{name: "duplicate-key-crlf", src: "---\r\ntitle: a\r\nact:\r\n  type: a\r\n  type: b\r\n---\r\n",
			err: `5:3: key "act.type" is set twice (first on line 4): keep one of them`},
		{name: "duplicate-key-in-flow-mapping", src: "---\npartners:\n  - {name: a, name: b}\n---\n",
			err: `3:15: key "partners.name" is set twice (first on line 3): keep one of them`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			compareWithReference(t, []byte(tc.src))
			m, err := splitMatter([]byte(tc.src))
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Fatalf("error %v, want %s", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if m.Format != tc.format || string(m.Raw) != tc.raw || m.RawLine != tc.rawLine || string(m.Body) != tc.body || m.BodyLine != tc.bodyLine {
				t.Errorf("got %q %q line %d, body %q line %d\nwant %q %q line %d, body %q line %d",
					m.Format, m.Raw, m.RawLine, m.Body, m.BodyLine, tc.format, tc.raw, tc.rawLine, tc.body, tc.bodyLine)
			}
		})
	}
}

// simpleYAMLCases are YAML front matter texts; decodeSimpleYAML decodes
// those marked true and leaves the others to yaml.v2.
var simpleYAMLCases = []struct {
	text   string
	simple bool
}{
	{"", true},
	{"\n  \n# a comment\n", true},
	{"title: \"Łódź i Lublin\"\nslug: lodz\ndate: 2024-10-10\ntags: [cbrn, eu-cooperation]\n", true},
	{"title: Regulation (EU, Euratom) No 883/2013 [x] {y}\n", true},
	{"title: 'It''s'\nsummary: ''\nsource: \"\"\n", true},
	{"title: a\r\ndate: 2024-10-10\r\n", true},
	{"title: a  \nsummary:   b c  \n", true},
	{"act:\n  type: \"Decyzja\"\n  number: \"2023/1187\"\n  adopted: 2023-06-19\ntitle: a\n", true},
	{"act:\n    type: a\n    sub:\n      deep: 1\n    number: b\ntitle: c\n", true},
	{"partners:\n  - {name: \"A, B\", country: \"PL\"}\n  - {name: C, country: DE}\n  - D\n  - []\n  - {}\n", true},
	{"tags:\n  - a\n  # between\n  -   b\n\n  - \"c\"\n", true},
	{"empty:\nnext: 1\n", true},
	{"empty:\n", true},
	{"draft: yes\nb: No\nc: on\nd: OFF\ne: y\nf: n\ng: true\nh: False\n", true},
	{"a: ~\nb: null\nc: Null\n", true},
	{"a: 1\nb: -1\nc: +1\nd: 0x1F\ne: 0o17\nf: 017\ng: 1_000\nh: 0b101\ni: -0b101\nj: 99999999999999999999\nk: 18446744073709551615\nl: 9223372036854775808\n", true},
	{"a: 1.5\nb: .5\nc: 1e3\nd: -1.5e-3\ne: .inf\nf: -.Inf\ng: .NaN\nh: 1.\ni: 1_0.5\nj: +.INF\n", true},
	{"a: 2024-10-10\nb: 2024-10-10T09:00:00+02:00\nc: 2022-10\nd: 2024-10-10 09:00:00\ne: 10.10.2024\nf: 2024-1-2\n", true},
	{"a: [1, -2, yes, ~, \"x\", 'y', 2024-10-10, .5]\nb: {p: 1, m: no, o: \"[]\"}\n", true},
	{"a: [ ]\nb: {  }\nc: [a , b]\n", true},
	{"title: a#b\nsummary: c:d\nsource: http://example.org/a?b=c#d\n", true},
	{"_x: 1\nx_1-y: 2\n", true},
	{"title: \"Ελλάδα\"\nsummary: Zażółć gęślą jaźń\n", true},
	{"a: \u00a0x\u00a0\n", true},

	{"title: a # comment\n", false},
	{"title: \"a\" # comment\n", false},
	{"title: \"a\\\"b\"\n", false},
	{"title: \"a\n  b\"\n", false},
	{"title: a\n  continued\n", false},
	{"title:\n  on the next line\n", false},
	{"title: a\ttab\n", false},
	{"\ttitle: a\n", false},
	{"title: a\rb\n", false},
	{"title: a\n title: b\n", false},
	{"  title: a\n", false},
	{"title: a\ntitle: b\n", false},
	{"act:\n  type: a\n  type: b\n", false},
	{"b: {p: 1, p: 2}\n", false},
	{"b: {n: 1}\n", false},
	{"y: 1\n", false},
	{"no: 1\n", false},
	{"null: 1\n", false},
	{"\"title\": a\n", false},
	{"title : a\n", false},
	{"title:a\n", false},
	{"1: a\n", false},
	{"tags:\n- a\n- b\n", false},
	{"tags:\n  - a: b\n", false},
	{"tags:\n  -\n", false},
	{"tags:\n  - a\n  b: c\n", false},
	{"a: - b\n", false},
	{"a: [a, b,]\n", false},
	{"a: [a, [b]]\n", false},
	{"a: [a,\n  b]\n", false},
	{"a: {b: {c: d}}\n", false},
	{"a: {b: c:d}\n", false},
	{"a: [http://x]\n", false},
	{"a: &x 1\nb: *x\n", false},
	{"base: &b {type: a}\nact:\n  <<: *b\n", false},
	{"a: !!str 1\n", false},
	{"a: |\n  text\n", false},
	{"a: >\n  text\n", false},
	{"a: @x\n", false},
	{"a: `x`\n", false},
	{"a: %x\n", false},
	{"a: b: c\n", false},
	{"a: b:\n", false},
	{"- a\n- b\n", false},
	{"just text\n", false},
	{"%YAML 1.1\n---\na: 1\n", false},
	{"...\n", false},
	{"a: \u2028\n", false},
	{"a: \u0085\n", false},
	{"a: \ufeff\n", false},
	{"a: 😀\n", false},
	{"a: \x7f\n", false},
	{"? a\n: b\n", false},
	{"a: 'x\n", false},
	{"a: 'x' y\n", false},
	{"a: -x\n", false},
	{"a: ---\n", false},
	{"a: " + strings.Repeat("k", 129) + "\n" + strings.Repeat("k", 129) + ": 1\n", false},
}

// TestSimpleYAML: decodeSimpleYAML decodes the subset to what yaml.v2
// decodes it to and leaves everything else to it.
func TestSimpleYAML(t *testing.T) {
	for _, tc := range simpleYAMLCases {
		v, ok := decodeSimpleYAML([]byte(tc.text))
		if ok != tc.simple {
			t.Errorf("%q: decoded %v, want %v", tc.text, ok, tc.simple)
			continue
		}
		src := []byte("---\n" + tc.text + "---\nbody\n")
		compareWithReference(t, src)
		if !ok {
			continue
		}
		want := map[string]any{}
		if err := yamlUnmarshal([]byte(tc.text), &want); err != nil {
			t.Errorf("%q: yaml.v2 fails (%v), the subset decodes %#v", tc.text, err, v)
			continue
		}
		if want := normalize(want); !sameValues(v, want) {
			t.Errorf("%q:\ngot  %#v\nwant %#v", tc.text, v, want)
		}
	}
}

// FuzzSplitMatterAsBefore: every file is read as adrg/frontmatter, yaml.v2
// and yaml.v3 read it (referenceSplitMatter): the same front matter, body,
// lines, values and problems.
//
//	go test ./generator/content -run '^$' -fuzz '^FuzzSplitMatterAsBefore$' -fuzztime 5m -parallel 1
func FuzzSplitMatterAsBefore(f *testing.F) {
	for _, s := range fuzzMatterSeeds {
		f.Add([]byte(s))
	}
	for _, s := range fuzzPageSeeds {
		f.Add([]byte(s))
	}
	for _, tc := range simpleYAMLCases {
		f.Add([]byte("---\n" + tc.text + "---\nbody\n"))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		compareWithReference(t, src)
	})
}

// TestKeyPos: the line and column a key is reported at, in every format.
func TestKeyPos(t *testing.T) {
	tests := []struct {
		format, raw string
		rawLine     int
		key         string
		line, col   int
	}{
		{"yaml", "title: a\nslug: b\n", 2, "slug", 3, 1},
		{"yaml", "title: a\r\nslug : b\r\n", 2, "slug", 3, 1},
		{"yaml", "act:\n  type: a\ntype: b\n", 2, "type", 4, 1},
		{"yaml", "act:\n  type: a\ntype: b\n", 2, "act.type", 3, 3},
		{"yaml", "act:\n\t type: a\n", 2, "act.type", 3, 3},
		{"yaml", "title: a\n", 4, "slug", 3, 1},
		{"yaml", "title: a\n", 1, "slug", 1, 1},
		{"yaml", "titles: a\ntitle: b\n", 2, "title", 3, 1},
		{"yaml", "\"title\": a\n", 2, "title", 2, 1},
		{"yaml", ": a\n", 2, "", 2, 1},
		{"toml", "title = \"a\"\n[act]\ntype=\"b\"\n", 2, "act", 3, 1},
		{"toml", "title = \"a\"\n[act]\ntype=\"b\"\n", 2, "act.type", 4, 1},
		{"json", "{\n  \"title\": \"a\",\n  \"slug\": \"b\"\n}\n\n", 1, "slug", 3, 3},
	}
	for _, tc := range tests {
		m := &matter{Format: tc.format, Raw: []byte(tc.raw), RawLine: tc.rawLine}
		if l, c := m.keyPos(tc.key); l != tc.line || c != tc.col {
			t.Errorf("%s %q, key %q: at %d:%d, want %d:%d", tc.format, tc.raw, tc.key, l, c, tc.line, tc.col)
		}
	}
}

// TestParseFileHashes: SourceHash is the CRC-64 of the whole file and
// MatterHash of all that comes before the body.
func TestParseFileHashes(t *testing.T) {
	text := "\n---\ntitle: A\ndate: 2024-10-10\n---\nTreść.\n---\n"
	tree, err := source.Open(writeTree(t, map[string]string{"content/news/a.pl.md": text}))
	if err != nil {
		t.Fatal(err)
	}
	f := ParseFile(tree, testCfg(t), "content/news/a.pl.md")
	if f.Page == nil {
		t.Fatalf("no page: %v", f.Diags.Items())
	}
	if string(f.Page.Body) != "Treść.\n---\n" || f.Page.BodyLine != 6 {
		t.Errorf("body %q at line %d", f.Page.Body, f.Page.BodyLine)
	}
	if want := crc64.Checksum([]byte(text), crcTable); f.Page.SourceHash != want {
		t.Errorf("SourceHash %x, want %x", f.Page.SourceHash, want)
	}
	if want := crc64.Checksum([]byte(text[:strings.Index(text, "Treść")]), crcTable); f.Page.MatterHash != want {
		t.Errorf("MatterHash %x, want %x", f.Page.MatterHash, want)
	}
}

// TestSimpleYAMLRandom composes front matter from pieces of good and bad
// YAML, indented and ended every which way, and reads each file as before
// (referenceSplitMatter): what decodeSimpleYAML takes must be what yaml.v2
// reads, and everything else must be left to it.
func TestSimpleYAMLRandom(t *testing.T) {
	goodKeys := []string{"title", "slug", "tags", "act", "type", "name", "_a", "a-b", "a1"}
	badKeys := []string{"y", "on", "Null", `"title"`, "'x'", "1", "-", "- a", "? a", "#", ""}
	badSeps := []string{":  ", " :", ":\t", "", "::"}
	goodValues := []string{
		"a", "a b", "a  b ", `"q"`, `""`, `"a, b"`, `'s''t'`, "[a, b]", "[1, \"x\", ~, 'y']", "[]", "{name: A, country: B}", "{}",
		"2024-10-10", "2024-10-10T09:00:00Z", "2022-10", "1_000", "0x1F", "0o17", "017", "-1", "+2", ".5", "1e3", "0b11", "-0b11",
		"99999999999999999999", ".inf", "-.Inf", ".NaN", "yes", "No", "ON", "~", "null", "a#c", "a:b", "-1-", "Łódź", "\u00a0x", "<<",
		"[a b, 'c d']", `["a, b", c]`, "{name: \"A, B\", country: PL}", "http://example.org/?a=b#c", "a, b [c] {d}",
	}
	badValues := []string{
		`"a\"b"`, `"a`, `'x`, "[a,]", "[a, [b]]", "{a: 1, a: 2}", "{n: 1}", "{a:1}", "a # c", "a: b", "#", "- a", "-", "&x a", "*x",
		"!x a", "|", ">", "%x", "@x", "\u2028", "😀", "a\tb", "---", "...", "x y:",
	}
	r := rand.New(rand.NewPCG(1, 2))
	pick := func(good, bad []string) string {
		if bad == nil || r.IntN(30) > 0 {
			return good[r.IntN(len(good))]
		}
		return bad[r.IntN(len(bad))]
	}
	var b strings.Builder
	var eol string
	// mapping writes a block mapping at indent, with nested mappings and
	// sequences; now and then something is wrong.
	var mapping func(indent string, depth int)
	mapping = func(indent string, depth int) {
		used := map[string]bool{}
		for n := 1 + r.IntN(5); n > 0; n-- {
			key := pick(goodKeys, badKeys)
			if used[key] && r.IntN(10) > 0 {
				continue
			}
			used[key] = true
			switch r.IntN(12) {
			case 0:
				b.WriteString(pick([]string{"", "# comment", "  "}, nil) + eol)
			case 1, 2:
				if depth < 3 {
					b.WriteString(indent + key + pick([]string{":"}, badSeps) + eol)
					mapping(indent+pick([]string{"  ", "    "}, []string{"", " "}), depth+1)
					continue
				}
				fallthrough
			case 3:
				b.WriteString(indent + key + pick([]string{":"}, badSeps) + eol)
				in := indent + pick([]string{"  ", "    "}, []string{"", " ", "   "})
				for m := 1 + r.IntN(3); m > 0; m-- {
					b.WriteString(in + pick([]string{"- "}, []string{"-", "-  ", "- - "}) + pick(goodValues, badValues) + eol)
				}
			case 4:
				b.WriteString(indent + key + pick([]string{":"}, badSeps) + eol)
			default:
				b.WriteString(indent + key + pick([]string{": "}, badSeps) + pick(goodValues, badValues) + eol)
			}
			if r.IntN(40) == 0 {
				b.WriteString(pick([]string{" ", "   ", "      "}, nil) + pick(goodValues, badValues) + eol)
			}
		}
	}
	simple := 0
	for n := 0; n < 20000; n++ {
		b.Reset()
		eol = pick([]string{"\n", "\n", "\r\n", " \n"}, nil)
		b.WriteString("---" + eol)
		mapping(pick([]string{""}, []string{" ", "  "}), 0)
		b.WriteString("---" + eol + "body" + eol)
		src := []byte(b.String())
		compareWithReference(t, src)
		if bs := findMatter(src); bs.format == "yaml" {
			if _, ok := decodeSimpleYAML(src[bs.dataStart:bs.dataEnd]); ok {
				simple++
			}
		}
	}
	// The pieces must make enough texts that the subset takes.
	if simple < 5000 {
		t.Errorf("only %d texts of 20,000 in the subset", simple)
	}
	t.Logf("%d texts of 20,000 in the subset", simple)
}
