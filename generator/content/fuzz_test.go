package content

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"hubgen/generator/config"
	"hubgen/generator/diag"
)

// Fuzz targets for the front matter reader and the page parser. The seeds
// below and the files in testdata/fuzz/<FuzzName>/ run as ordinary tests;
// run a target for longer with, e.g.,
//
//	go test ./generator/content -run '^$' -fuzz '^FuzzFrontMatter$' -fuzztime 5m -parallel 1

// fuzzMatterSeeds are front matter texts, good and bad, in every format.
var fuzzMatterSeeds = []string{
	"",
	"\n",
	"Just text.\n",
	"---\ntitle: \"Łódź i Lublin\"\ndate: 2024-10-10\ntags: [cbrn]\n---\nTreść.\n",
	"---\ntitle: Łódź i Lublin\ndate: 2024-10-10T09:00:00+02:00\ntags:\n  - cbrn\n---\nTreść.\n",
	"+++\ntitle = \"Łódź i Lublin\"\ndate = 2024-10-10\ntags = [\"cbrn\"]\n+++\nTreść.\n",
	"{\n  \"title\": \"Łódź i Lublin\",\n  \"date\": \"2024-10-10\",\n  \"tags\": [\"cbrn\"]\n}\n\nTreść.\n",
	"---\ntitle: A\ndate: 2024-10-10\n  tags: [x\n---\n",
	"---\ntitle: A\n\tdate: 2024-10-10\n---\n",
	"---\ntitle: \"Zła\ndate: 2024-10-10\n---\n",
	"---\ntitle: A\ndate: 2024-10-10\n",
	"+++\ntitle = \"A\"\ndate = 2024-10-10\ntags = [\"cbrn\"\n+++\n",
	"+++\ntitle = \"A\ndate = 2024-10-10\n+++\n",
	"{\n  \"title\": \"A\",\n  \"date\": \"2024-10-10\",\n}\n\nx\n",
	"{\n  \"title\": \"A\",\n",
	"{\n  \"title\": [1, 2}\n}\n\n",
	"\n\n---\ntitle: [A\n---\n",
	"---\n---\n",
	"---",
	"+++",
	"{",
	"\r\n---\r\ntitle: A\r\n---\r\nbody\r\n",
	"---\ntitle: A\ntitle: B\n---\n",
	"---\nact:\n  type: x\n  type: y\n---\n",
	"---\n- a\n- b\n---\n",
	"---\nline 99999: x\n---\n",
	"---\na: &x [1]\nb: *x\nc: *y\n---\n",
	"+++\n[act]\ntype = \"a\"\n[act]\n+++\n",
	"+++\ndate = 07:32:00\n+++\n",
	"{\n\"title\": \"A\", \"title\": \"B\"\n}\n\n",
	"\xff\xfe---\n",
	"---\ntitle: \"\xc3\"\n---\n",
}

// fileLines is the number of the last line of src: the line an editor's
// cursor is on at the very end of the file.
func fileLines(src []byte) int { return bytes.Count(src, []byte("\n")) + 1 }

func FuzzFrontMatter(f *testing.F) {
	for _, s := range fuzzMatterSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		orig := bytes.Clone(src)
		m, err := splitMatter(src)
		if !bytes.Equal(src, orig) {
			t.Fatalf("splitMatter modified its input")
		}
		last := fileLines(src)
		if err != nil {
			if m != nil {
				t.Errorf("splitMatter returned both a result and the error %v", err)
			}
			var pe *posError
			if errors.As(err, &pe) {
				if pe.Line < 1 || pe.Col < 1 || pe.Line > last {
					t.Errorf("error at %d:%d, outside the file's %d lines: %s", pe.Line, pe.Col, last, pe.Msg)
				}
			}
			return
		}
		if m == nil {
			t.Fatal("splitMatter returned neither a result nor an error")
		}
		// The body is the rest of the file, and BodyLine is where it starts.
		if !bytes.HasSuffix(src, m.Body) {
			t.Fatalf("body %q is not the end of the file", m.Body)
		}
		if want := 1 + bytes.Count(src[:len(src)-len(m.Body)], []byte("\n")); m.BodyLine != want {
			t.Errorf("BodyLine = %d, want %d", m.BodyLine, want)
		}
		switch m.Format {
		case "":
			if len(m.Values) != 0 {
				t.Errorf("no front matter, yet values %v", m.Values)
			}
		case "yaml", "toml", "json":
			if m.RawLine < 1 || m.RawLine > last {
				t.Errorf("RawLine = %d, outside the file's %d lines", m.RawLine, last)
			}
			if !bytes.Contains(src, m.Raw) {
				t.Errorf("Raw %q is not part of the file", m.Raw)
			}
		default:
			t.Errorf("unknown format %q", m.Format)
		}
		if m.Values == nil {
			t.Error("Values is nil")
		}
	})
}

// fuzzConfig reads the portal's own config.toml.
func fuzzConfig(f *testing.F) *config.Config {
	f.Helper()
	cfg, err := config.Load("../../config.toml")
	if err != nil {
		f.Fatal(err)
	}
	return cfg
}

// fuzzPageSeeds add whole pages, with the keys every section reads, to
// fuzzMatterSeeds.
var fuzzPageSeeds = []string{
	"---\ntitle: \"Spotkanie ekspertów EMPACT\"\nslug: spotkanie-empact\ndate: 2025-11-27\nsummary: \"Jedno lub dwa zdania.\"\ntags: [organised-crime, eu-cooperation]\n---\nTekst z linkiem do [Europolu](../organisations/europol.md).\n",
	"---\ntitle: A\nslug: ../../etc/passwd\ndate: 2025-11-27\n---\n",
	"---\ntitle: A\nslug: \"a--b\"\ndate: 2025-11-27\n---\n",
	"---\ntitle: A\nslug: \"A B\"\ndate: 2025-11-27\n---\n",
	"---\ntitle: \"..\"\ndate: 2025-11-27\n---\n",
	"---\ntitle: \"Ελλάδα\"\ndate: 2025-11-27\n---\n",
	"---\ntitle: 12\ndate: 2025-11-27\n---\n",
	"---\ntitle: [a, b]\ndate: 2025-11-27\n---\n",
	"---\ntitle:\ndate: 2025-11-27\n---\n",
	"---\ntitle: \"   \"\ndate: 2025-11-27\n---\n",
	"---\ntitle: A\ndate: 0001-01-01\n---\n",
	"---\ntitle: A\ndate: 2025-13-45\n---\n",
	"---\ntitle: A\ndate: [2025]\nlastmod: x\ndraft: maybe\nweight: 1.5\n---\n",
	"---\ntitle: A\ndate: 2025-11-27\naliases: [/stary/, ../x, \"/a?b\", \"//evil.example/\", \"/a/../b\"]\n---\n",
	"---\ntitle: A\ndate: 2025-11-27\ntags: unknown-topic\nfoo: bar\n---\n",
	"---\ntitle: " + strings.Repeat("bardzo długi tytuł ", 20) + "\ndate: 2025-11-27\n---\n",
	"---\ntitle: A\nslug: " + strings.Repeat("a", 250) + "\ndate: 2025-11-27\n---\n",
	"---\ntitle: Decyzja\ndate: 2023-06-19\nact:\n  type: Decyzja Rady (WPZiB)\n  number: 2023/1187\n  adopted: 2023-06-19\n  celex: 32023D1187\n---\n",
	"---\ntitle: Decyzja\ndate: 2023-06-19\nact: x\n---\n",
	"---\ntitle: Projekt\npartners:\n  - {name: A, country: PL}\n  - B\n  - {country: DE}\n  - 3\nstart: 2020-01\nend: 2021-01-01\nwebsite: https://example.org/\n---\n",
	"---\ntitle: Europol\nfounders: [UE]\nareas: x\nlocation: Haga\n---\n",
	"+++\ntitle = \"A\"\ndate = 2025-11-27T10:00:00Z\n[act]\ntype = \"x\"\nnumber = \"2023/1\"\n+++\n",
	"{\n\"title\": \"A\", \"date\": \"2025-11-27\", \"slug\": \"a-b\", \"weight\": 3\n}\n\nx\n",
}

// fuzzRels are the files a page text is parsed as: every section, each
// with its own keys.
var fuzzRels = []string{
	"content/news/x.pl.md",
	"content/decisions/x.pl.md",
	"content/projects/x.en.md",
	"content/organisations/x.pl.md",
	"content/pages/x.md",
}

func FuzzParsePage(f *testing.F) {
	cfg := fuzzConfig(f)
	for _, s := range fuzzMatterSeeds {
		f.Add([]byte(s))
	}
	for _, s := range fuzzPageSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		last := fileLines(src)
		for _, rel := range fuzzRels {
			ds := &diag.List{}
			p := parsePage(rel, src, cfg, ds)
			for _, d := range ds.Items() {
				if d.Line < 0 || d.Col < 0 || d.Line > last {
					t.Errorf("%s: diagnostic outside the file's %d lines: %s", rel, last, d)
				}
				if d.Path != rel {
					t.Errorf("%s: diagnostic for another file: %s", rel, d)
				}
			}
			if p == nil {
				if !ds.HasErrors() {
					t.Errorf("%s: no page and no error", rel)
				}
				continue
			}
			if p.Path != rel {
				t.Errorf("%s: page has path %q", rel, p.Path)
			}
			if p.Slug != "" && (!slugRE.MatchString(p.Slug) || strings.Contains(p.Slug, "..")) {
				t.Errorf("%s: slug %q is not one clean URL segment", rel, p.Slug)
			}
			if p.Slug == "" && !ds.HasErrors() {
				// The page would have no URL: that must be reported.
				t.Errorf("%s: empty slug (title %q) without an error", rel, p.Title)
			}
			if !bytes.HasSuffix(src, p.Body) {
				t.Errorf("%s: body is not the end of the file", rel)
			}
			if p.BodyLine < 1 || p.BodyLine > last {
				t.Errorf("%s: BodyLine %d outside the file's %d lines", rel, p.BodyLine, last)
			}
		}
	})
}
