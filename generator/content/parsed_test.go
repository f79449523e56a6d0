package content

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"hubgen/generator/config"
	"hubgen/generator/source"
)

// TestFromParsed: a parse kept with AppendParsed gives back what ParseHead
// gives for the file: every field of the page (unexported ones too) and
// every problem, for every kind of page and front matter value; one that
// cannot be kept is refused.
func TestFromParsed(t *testing.T) {
	files := map[string]string{
		"content/news/yaml.pl.md": "---\ntitle: \"A: b\"\ndate: 2024-01-01\nlastmod: 2024-02-01T10:30:00Z\ntags: [cbrn, nieznany]\nsumary: x\nweight: -3\n" +
			"extra:\n  n: 12\n  big: 18446744073709551615\n  neg: -9223372036854775808\n  f: 1.5\n  inf: .inf\n  yes: true\n  no: false\n  nothing: ~\n  list: [1, a, [b]]\n  empty: []\n  map: {}\n" +
			"aliases: [/stare/, /inne/]\nslug: moj-slug\n---\nTreść z [linkiem](../organisations/x.md).\n\n## Nagłówek\n",
		"content/news/teaser.en.md":         "---\ntitle: Teaser\ndate: 2024-01-01T08:00:00Z\ndraft: true\npublishDate: 2024-01-02\nexpiryDate: 2030-01-01\n---\nBefore.\n\n<!--more-->\n\nAfter.\n",
		"content/news/noslug.pl.md":         "---\ntitle: \"!!!\"\ndate: 2024-01-05\nurl: /gdzies/\n---\n",
		"content/news/json.pl.md":           "{\n\"title\": \"J\", \"date\": \"2024-01-06\", \"extra\": {\"a\": [1, null]}\n}\n\nTekst.\n",
		"content/decisions/2023-1187.pl.md": "---\ntitle: Decyzja\nsortTitle: Europol\ndate: 2023-06-01\nact:\n  type: Decyzja Rady\n  number: 2023/1187\n  adopted: 2023-06-01\n  celex: 32023D1187\n  eli: http://data.europa.eu/eli/dec/2023/1187/oj\n  oj: L 157\n  inForce: 2023-06-20\n  unofficialTranslation: true\n---\nTekst.\n",
		"content/projects/p.en.md":          "---\ntitle: P\ncoordinator: Europol\npartners:\n  - name: A\n    country: PL\n  - name: B\nstart: 2024-01-01\nend: 2025-01-01\nfunding: EU\nwebsite: https://example.org/\n---\nText.\n",
		"content/projects/none.en.md":       "---\ntitle: No partners\npartners: []\n---\nText.\n",
		"content/organisations/o.pl.md":     "---\ntitle: O\nfounders: [A, B]\nareas: []\nwebsite: https://example.org/\nlocation: Haga\n---\nTekst.\n",
		"content/pages/about.en.md":         "---\ntitle: About\nunknown: 1\n---\nText.\n",
	}
	refused := map[string]string{
		"content/news/zone.pl.md": "---\ntitle: Strefa\ndate: 2024-01-01T10:00:00+01:00\n---\nTekst.\n",
		"content/news/toml.en.md": "+++\ntitle = \"T\"\ndate = 2024-01-02\nwhen = 2024-01-02T10:00:00\n+++\nBody.\n",
	}
	all := map[string]string{}
	for k, v := range files {
		all[k] = v
	}
	for k, v := range refused {
		all[k] = v
	}
	dir := writeTree(t, all)
	tree, err := source.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	cfg := testCfg(t)
	for rel := range all {
		f := ParseFile(tree, cfg, rel)
		if f.Page == nil {
			t.Fatalf("%s: not a page: %v", rel, f.Diags.Items())
		}
		data, ok := AppendParsed([]byte("prefix"), f)
		if _, no := refused[rel]; no {
			if ok || string(data) != "prefix" {
				t.Errorf("%s: kept", rel)
			}
			continue
		}
		if !ok {
			t.Errorf("%s: not kept", rel)
			continue
		}
		want := ParseHead(cfg, rel, f.Head, f.Teaser, f.Page.SourceHash, f.Size, f.ModTime)
		got, ok := FromParsed(cfg, data[len("prefix"):], rel, f.Head, f.Teaser, f.Page.SourceHash, f.Size, f.ModTime)
		if !ok {
			t.Errorf("%s: not read back", rel)
			continue
		}
		if !reflect.DeepEqual(got.Diags.Items(), want.Diags.Items()) {
			t.Errorf("%s: problems %v, parsed %v", rel, got.Diags.Items(), want.Diags.Items())
		}
		got.Diags, want.Diags = f.Diags, f.Diags
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: read back\n%+v\nparsed\n%+v", rel, *got.Page, *want.Page)
		}
		// Damaged or cut short: refused, never half read.
		for _, bad := range [][]byte{data[len("prefix") : len(data)-1], append(append([]byte{}, data[len("prefix"):]...), 0)} {
			if _, ok := FromParsed(cfg, bad, rel, f.Head, f.Teaser, f.Page.SourceHash, f.Size, f.ModTime); ok {
				t.Errorf("%s: a damaged parse read back", rel)
			}
		}
		if _, ok := FromParsed(cfg, data[len("prefix"):], "content/news/other.pl.md", f.Head, f.Teaser, f.Page.SourceHash, f.Size, f.ModTime); ok {
			t.Errorf("%s: the parse of another file read back", rel)
		}
	}
}

// TestParsedKeepsLastmodAsWritten: a git date given to a page's Lastmod
// after parsing is not kept as the front matter's.
func TestParsedKeepsLastmodAsWritten(t *testing.T) {
	rel := "content/news/git.pl.md"
	dir := writeTree(t, map[string]string{rel: "---\ntitle: G\ndate: 2024-01-01\n---\nTekst.\n"})
	tree, err := source.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	cfg := testCfg(t)
	f := ParseFile(tree, cfg, rel)
	f.Page.Lastmod = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC) // as site.setGitDates does
	data, ok := AppendParsed(nil, f)
	if !ok {
		t.Fatal("not kept")
	}
	got, ok := FromParsed(cfg, data, rel, f.Head, f.Teaser, f.Page.SourceHash, f.Size, f.ModTime)
	if !ok || !got.Page.Lastmod.IsZero() {
		t.Errorf("lastmod read back: %v (%v), want none", got.Page.Lastmod, ok)
	}
}

// TestParsedCoversEveryField: AppendParsed keeps every field of the types
// it writes; a field added to one of them must be added there (and the
// count here).
func TestParsedCoversEveryField(t *testing.T) {
	for _, c := range []struct {
		v    any
		want int
	}{
		{Page{}, 42}, {Act{}, 11}, {Project{}, 6}, {Partner{}, 2}, {Organisation{}, 4}, {File{}, 7},
	} {
		if n := reflect.TypeOf(c.v).NumField(); n != c.want {
			t.Errorf("%T has %d fields, AppendParsed knows %d: keep the new ones (parsed.go)", c.v, n, c.want)
		}
	}
}

// TestParsedSiteContent: the site's own content files read back as parsed.
func TestParsedSiteContent(t *testing.T) {
	root := filepath.Join("..", "..")
	tree, err := source.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(root, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Parse("config.toml", data)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	err = filepath.WalkDir(filepath.Join(root, "content"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		f := ParseFile(tree, cfg, rel)
		if f.Page == nil {
			return nil
		}
		kept, ok := AppendParsed(nil, f)
		if !ok {
			return nil
		}
		n++
		want := ParseHead(cfg, rel, f.Head, f.Teaser, f.Page.SourceHash, f.Size, f.ModTime)
		got, ok := FromParsed(cfg, kept, rel, f.Head, f.Teaser, f.Page.SourceHash, f.Size, f.ModTime)
		if !ok {
			t.Errorf("%s: not read back", rel)
			return nil
		}
		if !reflect.DeepEqual(got.Diags.Items(), want.Diags.Items()) {
			t.Errorf("%s: problems differ", rel)
		}
		got.Diags, want.Diags = f.Diags, f.Diags
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: read back\n%+v\nparsed\n%+v", rel, *got.Page, *want.Page)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Error("no content file kept")
	}
}
