package content

import (
	"fmt"
	"strings"
	"testing"

	"hubgen/generator/diag"
)

// matterProblems splits src and reads the keys a news page needs, and
// returns every problem found as "line:col: message".
func matterProblems(t *testing.T, src string) []string {
	t.Helper()
	m, err := splitMatter([]byte(src))
	if err != nil {
		pe, ok := err.(*posError)
		if !ok {
			t.Fatalf("splitMatter returned %T (%v), want a *posError", err, err)
		}
		return []string{pe.Error()}
	}
	if m.Format == "" {
		t.Fatal("no front matter found")
	}
	ds := &diag.List{}
	f := fields{m: m, path: "a.md", ds: ds}
	f.str("title", false)
	f.date("date", false)
	f.date("lastmod", false)
	if f.table("act", false) != nil {
		f.date("act.adopted", false)
	}
	var out []string
	for _, d := range ds.Items() {
		out = append(out, fmt.Sprintf("%d:%d: %s", d.Line, d.Col, d.Msg))
	}
	return out
}

// TestFrontMatterProblems: keys set twice, dates that are no real date and
// text that is not UTF-8 are errors at the line and column of the problem.
func TestFrontMatterProblems(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // the only problem, "line:col: message"
	}{
		// Keys set twice.
		{"yaml-duplicate", "---\ntitle: a\ndate: 2024-10-10\ntitle: b\n---\nx\n",
			`4:1: key "title" is set twice (first on line 2): keep one of them`},
		{"yaml-duplicate-nested", "---\ntitle: a\nact:\n  type: Decyzja\n  number: 2023/1\n  type: Rozporządzenie\n---\nx\n",
			`6:3: key "act.type" is set twice (first on line 4): keep one of them`},
		{"yaml-duplicate-flow", "---\ntitle: a\nact: {type: Decyzja, type: Rozporządzenie}\n---\nx\n",
			`3:22: key "act.type" is set twice (first on line 3): keep one of them`},
		{"yaml-duplicate-in-list", "---\ntitle: a\npartners:\n  - name: A\n    name: B\n---\nx\n",
			`5:5: key "partners.name" is set twice (first on line 4): keep one of them`},
		{"yaml-duplicate-after-blank-lines", "\n\n---\ntitle: a\ntitle: b\n---\nx\n",
			`5:1: key "title" is set twice (first on line 4): keep one of them`},
		{"yaml-duplicate-quoted", "---\ntitle: a\n\"title\": b\n---\nx\n",
			`3:1: key "title" is set twice (first on line 2): keep one of them`},
		{"json-duplicate", "{\n\"title\":\"a\",\"title\":\"b\"\n}\n\nx\n",
			`2:13: key "title" is set twice (first on line 2): keep one of them`},
		{"json-duplicate-lines", "{\n  \"title\": \"a\",\n  \"date\": \"2024-10-10\",\n  \"title\": \"b\"\n}\n\nx\n",
			`4:3: key "title" is set twice (first on line 2): keep one of them`},
		{"json-duplicate-nested", "{\n  \"title\": \"Łódź\", \"act\": {\"type\": \"a\",\n    \"number\": \"1\", \"type\": \"b\"}\n}\n\nx\n",
			`3:20: key "act.type" is set twice (first on line 2): keep one of them`},
		{"json-duplicate-escaped", "{\n\"title\":\"a\",\n\"ti\\u0074le\":\"b\"\n}\n\nx\n",
			`3:1: key "title" is set twice (first on line 2): keep one of them`},
		{"json-duplicate-in-list", "{\n\"title\":\"a\",\"partners\":[{\"name\":\"A\"},\n  {\"name\":\"B\", \"name\":\"C\"}]\n}\n\nx\n",
			`3:16: key "partners.name" is set twice (first on line 3): keep one of them`},
		// BurntSushi/toml already refuses a key set twice (its column is
		// past the value).
		{"toml-duplicate", "+++\ntitle = \"a\"\ntitle = \"b\"\n+++\nx\n",
			`3:13: invalid TOML front matter: Key 'title' has already been defined.`},
		{"toml-duplicate-nested", "+++\ntitle = \"a\"\n[act]\ntype = \"a\"\ntype = \"b\"\n+++\nx\n",
			`5:12: invalid TOML front matter: Key 'act.type' has already been defined.`},

		// Dates that are placeholders or no date at all.
		{"yaml-date-year-1", "---\ntitle: a\ndate: 0001-01-01\n---\nx\n",
			`3:1: "date": 0001-01-01 is not a real date (write the year in full, e.g. 2025-11-27)`},
		{"yaml-date-year-0", "---\ntitle: a\ndate: 0000-01-01\n---\nx\n",
			`3:1: "date": 0000-01-01 is not a real date (write the year in full, e.g. 2025-11-27)`},
		{"yaml-rfc3339-year-1", "---\ntitle: a\nlastmod: 0001-01-01T00:00:00Z\n---\nx\n",
			`3:1: "lastmod": 0001-01-01 is not a real date (write the year in full, e.g. 2025-11-27)`},
		{"yaml-nested-year-1", "---\ntitle: a\nact:\n  adopted: 0001-01-01\n---\nx\n",
			`4:3: "act.adopted": 0001-01-01 is not a real date (write the year in full, e.g. 2025-11-27)`},
		{"toml-date-year-1", "+++\ntitle = \"a\"\ndate = 0001-01-01\n+++\nx\n",
			`3:1: "date": 0001-01-01 is not a real date (write the year in full, e.g. 2025-11-27)`},
		{"toml-datetime-year-0", "+++\ntitle = \"a\"\ndate = 0000-01-01T10:00:00Z\n+++\nx\n",
			`3:1: "date": 0000-01-01 is not a real date (write the year in full, e.g. 2025-11-27)`},
		{"toml-local-time", "+++\ntitle = \"a\"\ndate = 07:32:00\n+++\nx\n",
			`3:1: "date": 07:32:00 is a time of day without a date (write YYYY-MM-DD, or YYYY-MM-DDThh:mm:ss)`},
		{"json-date-year-1", "{\n  \"title\": \"a\",\n  \"date\": \"0001-01-01\"\n}\n\nx\n",
			`3:3: "date": 0001-01-01 is not a real date (write the year in full, e.g. 2025-11-27)`},

		// Bytes that are not UTF-8, in the body or the front matter.
		{"utf8-body", "---\ntitle: a\n---\nŁódź \xff\n",
			`4:6: the file is not valid UTF-8 text (byte 0xFF here is not part of any character): save it with the UTF-8 encoding`},
		{"utf8-latin2-body", "---\ntitle: a\n---\nok\nZa\xbf\xf3\xb3\xe6 g\xea\xb6l\xb1 ja\xbc\xf1\n",
			`5:3: the file is not valid UTF-8 text (byte 0xBF here is not part of any character): save it with the UTF-8 encoding`},
		{"utf8-front-matter", "---\ntitle: \"\xc5\"\n---\nx\n",
			`2:9: the file is not valid UTF-8 text (byte 0xC5 here is not part of any character): save it with the UTF-8 encoding`},
		{"utf8-truncated-at-end", "---\ntitle: a\n---\nżółw\xe2\x82",
			`4:5: the file is not valid UTF-8 text (byte 0xE2 here is not part of any character): save it with the UTF-8 encoding`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := matterProblems(t, tc.src)
			if len(got) != 1 || got[0] != tc.want {
				t.Errorf("got %q\nwant [%q]", got, tc.want)
			}
		})
	}
}

// TestFrontMatterWithoutProblems: what must stay accepted next to the
// problems above.
func TestFrontMatterWithoutProblems(t *testing.T) {
	tests := []struct{ name, src string }{
		{"same-key-in-two-tables", "---\ntitle: a\nact:\n  title: b\npartners:\n  - name: A\n  - name: B\n---\nx\n"},
		{"yaml-merge", "---\nbase: &b {type: Decyzja}\ntitle: a\nact:\n  <<: *b\n  type: Rozporządzenie\n---\nx\n"},
		{"json-same-key-in-two-objects", "{\n\"title\":\"a\",\"act\":{\"title\":\"b\"},\"partners\":[{\"name\":\"A\"},{\"name\":\"B\"}]\n}\n\nx\n"},
		{"toml-same-key-in-two-tables", "+++\ntitle = \"a\"\n[act]\ntitle = \"b\"\n+++\nx\n"},
		{"date-year-2", "---\ntitle: a\ndate: 0002-01-01\n---\nx\n"},
		{"toml-local-datetime", "+++\ntitle = \"a\"\ndate = 2024-10-10T09:00:00\n+++\nx\n"},
		{"utf8-polish", "---\ntitle: Żółć\n---\nZażółć gęślą jaźń\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := matterProblems(t, tc.src); len(got) != 0 {
				t.Errorf("unexpected problems: %q", got)
			}
		})
	}
}

// TestFrontMatterProblemsInLoad: a page with such a problem is reported by
// Load at path:line:col.
func TestFrontMatterProblemsInLoad(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"duplicate", "---\ntitle: a\ndate: 2024-10-10\ntitle: b\n---\nx\n",
			`content/news/a.pl.md:4:1: key "title" is set twice (first on line 2): keep one of them`},
		{"date", "---\ntitle: a\ndate: 0001-01-01\n---\nx\n",
			`content/news/a.pl.md:3:1: "date": 0001-01-01 is not a real date (write the year in full, e.g. 2025-11-27)`},
		{"utf8", "---\ntitle: a\ndate: 2024-10-10\n---\nab\x80\n",
			`content/news/a.pl.md:5:3: the file is not valid UTF-8 text (byte 0x80 here is not part of any character): save it with the UTF-8 encoding`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, ds := load(t, map[string]string{"content/news/a.pl.md": tc.text})
			errs := errorsOf(ds)
			if len(errs) != 1 || !strings.HasPrefix(errs[0], tc.want) {
				t.Errorf("got %q\nwant [%q]", errs, tc.want)
			}
		})
	}
}
