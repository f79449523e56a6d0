package content

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// referenceBodyLinks is BodyLinks as it was before issue 12 made it skip
// bodies and lines without a link and stop copying every line to a
// string: BodyLinks must give what it gives (TestBodyLinksMatchReference,
// FuzzBodyLinksMatchReference). inlineLinks and fileTarget are shared.
func referenceBodyLinks(body []byte) []string {
	if !bytes.Contains(body, []byte(".md")) && !bytes.Contains(body, []byte("%")) {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	add := func(dest string) {
		if t, ok := fileTarget(dest); ok && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	fence := ""
	for len(body) > 0 {
		line := body
		if i := bytes.IndexByte(body, '\n'); i >= 0 {
			line, body = body[:i], body[i+1:]
		} else {
			body = nil
		}
		trimmed := strings.TrimLeft(string(line), " ")
		if fence != "" {
			if strings.HasPrefix(trimmed, fence) && strings.TrimSpace(strings.TrimLeft(trimmed, fence[:1])) == "" {
				fence = ""
			}
			continue
		}
		if len(line)-len(trimmed) < 4 {
			if f := referenceFenceOf(trimmed); f != "" {
				fence = f
				continue
			}
			if dest, ok := referenceRefDefinition(trimmed); ok {
				add(dest)
				continue
			}
		}
		inlineLinks(line, add)
	}
	return out
}

// fenceOf returns the fence a line opens (three or more backticks or
// tildes), or "".
func referenceFenceOf(s string) string {
	for _, c := range []byte{'`', '~'} {
		n := 0
		for n < len(s) && s[n] == c {
			n++
		}
		if n >= 3 {
			return s[:n]
		}
	}
	return ""
}

// refDefinition reads a link reference definition, "[label]: dest".
func referenceRefDefinition(s string) (string, bool) {
	if !strings.HasPrefix(s, "[") {
		return "", false
	}
	end := strings.Index(s, "]:")
	if end < 0 {
		return "", false
	}
	rest := strings.TrimSpace(s[end+2:])
	if strings.HasPrefix(rest, "<") {
		if i := strings.IndexByte(rest, '>'); i > 0 {
			return rest[1:i], true
		}
		return "", false
	}
	if i := strings.IndexAny(rest, " \t"); i >= 0 {
		rest = rest[:i]
	}
	return rest, rest != ""
}

// bodyLinksSeeds are bodies with the cases BodyLinks tells apart.
var bodyLinksSeeds = []string{
	"Tekst bez linków.",
	"Zob. [Europol](../organisations/europol.md) i [akt](../decisions/2023-1187.pl.md#art_3).",
	"[a][r]\n\n[r]: ../projects/2ps.md \"Tytuł\"\n",
	"   [r]:   <../a b.md>\n    [s]: x.md\n[t]:\n[u]: <x.md",
	"```\n[a](x.md)\n```\n\n~~~~\n[b](z.md)\n~~~~ \n[c](y.md)",
	"  ```go\n[a](x.md)\n  ``` \t\n[b](w.md)\n````\n[c](v.md)\n```\n````",
	"`[a](x.md)` i [b](y.md) ``[c](z.md)`` `[d](%7A.md)",
	"[![Logo](logo.md)](../organisations/europol.md) \\[x](a%2Fb.md) [%zz](q.md)",
	"~~~\n[a](x.md)",
	"[a]: \u00a0x.md\n\u00a0```\n[b](y.md)",
}

// TestBodyLinksMatchReference: BodyLinks finds what it found before, in
// the seeds of the fuzz test and in the bundled content.
func TestBodyLinksMatchReference(t *testing.T) {
	bodies := slices.Clone(bodyLinksSeeds)
	err := filepath.WalkDir("../../content", func(path string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(path, ".md") {
			return err
		}
		b, err := os.ReadFile(path)
		bodies = append(bodies, string(b))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(bodies) < len(bodyLinksSeeds)+20 {
		t.Fatalf("only %d bodies", len(bodies))
	}
	for _, b := range bodies {
		if got, want := BodyLinks([]byte(b)), referenceBodyLinks([]byte(b)); !slices.Equal(got, want) {
			t.Errorf("BodyLinks(%q) = %q, want %q", b, got, want)
		}
	}
}

func FuzzBodyLinksMatchReference(f *testing.F) {
	for _, s := range bodyLinksSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		if got, want := BodyLinks([]byte(body)), referenceBodyLinks([]byte(body)); !slices.Equal(got, want) {
			t.Errorf("BodyLinks(%q) = %q, want %q", body, got, want)
		}
	})
}
