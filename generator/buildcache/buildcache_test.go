package buildcache

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"hubgen/generator/diag"
	"hubgen/generator/render"
	"hubgen/generator/search"
)

func sample() (*State, map[string][]Doc) {
	date := time.Date(2025, 11, 27, 0, 0, 0, 0, time.UTC)
	st := &State{
		Key: "k", Dest: "/srv/public", Manifest: "abc", Settled: date.Add(time.Hour), Horizon: date.AddDate(1, 0, 0), ReadAt: date,
		Dirs: []Dir{{"content", 1}, {"content/news", 2}}, Assets: []Asset{{"content/news/x/a.png", 3, 4, 5}},
		Files: []File{
			{Path: "content/news/a.pl.md", Size: 10, ModTime: 5, Head: []byte("---\ntitle: A\n---\n"), Teaser: "Before the break.", SourceHash: 7, Published: true, Lastmod: date,
				Diags: []diag.Diagnostic{{Path: "content/news/a.pl.md", Line: 3, Col: 2, Severity: diag.Warning, Msg: "HTML", Kind: diag.KindRawHTML}},
				Deps:  []string{"b", "act 2023/1187"}, DocHash: 9, PassHash: 10, Links: []string{"../organisations/europol.md"},
				SortName: "A", SortKey: []byte{0x1f, 0, 2}, Parsed: []byte{4, 5}},
			{Path: "content/news/b.pl.md", Size: 11, ModTime: 6, Head: []byte("---\ntitle: B\ndraft: true\n---\n"), SourceHash: 8},
		},
		Outputs: []render.Kept{
			{Path: "/a/", Layout: "news", Cluster: "page:content/news/a.pl.md", Origin: "content/news/a.pl.md", Title: "A", Canonical: "https://example.org/a/", Group: 1, GroupKey: "content/news/a.pl.md", Sitemap: []byte("<url>…</url>"), Cross: 3},
			{Path: "/feed.xml", Raw: true, Group: 7},
			{Path: "/stara/", Layout: "redirect", NoIndex: true, Group: 7},
		},
		Site: 42,
	}
	st.Files[0].Sig = 1 << 60
	docs := map[string][]Doc{
		"pl": {{Path: "content/news/a.pl.md", Doc: search.Doc{URL: "/a/", Lang: "pl", Kind: "news", Title: "A", Shown: "A.", Summary: "s", Body: "Treść ąę.", Topics: []string{"CBRN"}, Date: date, ActType: "t", ActNumber: "1",
			Passages: []search.Passage{{Anchor: "art_1", Label: "Artykuł 1", Start: 100, End: 140, Bits: "0a1"}, {Start: 150, End: 400, Bits: "Zz-_"}}}}},
		"en": {},
	}
	return st, docs
}

// TestRoundTrip: what Write stores, Read and ReadDocs give back, with the
// changes of Delta in place of the file's documents.
func TestRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	st, docs := sample()
	if err := Write(dir, st, docs); err != nil {
		t.Fatal(err)
	}
	got, err := Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, st) {
		t.Errorf("state read back:\n%+v\nwritten:\n%+v", got, st)
	}
	pl, err := ReadDocs(dir, got, "pl", nil)
	if err != nil || !reflect.DeepEqual(pl, docs["pl"]) {
		t.Fatalf("documents read back: %+v, %v", pl, err)
	}
	changed := pl[0]
	changed.Doc.Body = "Nowa treść."
	if !got.AddDelta([]Doc{changed}) {
		t.Fatal("one small document overflows the delta")
	}
	if err := Write(dir, got, nil); err != nil {
		t.Fatal(err)
	}
	again, err := Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	pl, err = ReadDocs(dir, again, "pl", nil)
	if err != nil || pl[0].Doc.Body != "Nowa treść." {
		t.Fatalf("documents with the delta: %+v, %v", pl, err)
	}
	// A page published since: its document is added.
	added := Doc{Path: "content/news/c.pl.md", Doc: search.Doc{URL: "/c/", Lang: "pl", Title: "C"}}
	again.AddDelta([]Doc{added})
	if err := Write(dir, again, nil); err != nil {
		t.Fatal(err)
	}
	if again, err = Read(dir); err != nil {
		t.Fatal(err)
	}
	pl, err = ReadDocs(dir, again, "pl", nil)
	if err != nil || len(pl) != 2 || pl[0].Doc.Body != "Nowa treść." || pl[1].Doc.Title != "C" {
		t.Fatalf("documents with a changed and an added one: %+v, %v", pl, err)
	}
	// Written whole again, the language's delta is emptied.
	if err := Write(dir, again, map[string][]Doc{"pl": pl}); err != nil {
		t.Fatal(err)
	}
	if len(again.Delta) != 0 {
		t.Errorf("delta after writing the documents: %+v", again.Delta)
	}
}

// TestDamaged: a cache cut short, of another format, or whose documents
// belong to another state is refused, never half read.
func TestDamaged(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	st, docs := sample()
	if err := Write(dir, st, docs); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(dir, stateName))
	for name, bad := range map[string][]byte{
		"cut short":      data[:len(data)/2],
		"longer":         append(append([]byte{}, data...), 1),
		"not the magic":  []byte("something else"),
		"another format": append([]byte(magic), 0x7e),
	} {
		os.WriteFile(filepath.Join(dir, stateName), bad, 0o644)
		if _, err := Read(dir); err == nil {
			t.Errorf("%s: read without an error", name)
		}
	}
	os.WriteFile(filepath.Join(dir, stateName), data, 0o644)
	other, _ := sample()
	other.Docs = map[string]string{"pl": "another token"}
	if _, err := ReadDocs(dir, other, "pl", nil); err == nil {
		t.Error("documents of another state read without an error")
	}
	if err := Remove(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("cache directory after Remove: %v", err)
	}
}

// TestCodecCoversEveryField: the codec writes every field of the types it
// stores; a field added to one of them must be added to the codec (and
// the count here).
func TestCodecCoversEveryField(t *testing.T) {
	for _, c := range []struct {
		v    any
		want int
	}{
		{State{}, 14}, {File{}, 17}, {Asset{}, 4}, {render.Kept{}, 12}, {Doc{}, 2}, {search.Doc{}, 13}, {diag.Diagnostic{}, 6}, {Dir{}, 2},
	} {
		if n := reflect.TypeOf(c.v).NumField(); n != c.want {
			t.Errorf("%T has %d fields, the codec writes %d: write the new ones (codec.go)", c.v, n, c.want)
		}
	}
}

func TestRacy(t *testing.T) {
	at := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	st := &State{ReadAt: at}
	for _, c := range []struct {
		mod  time.Time
		racy bool
	}{
		{at.Add(-time.Hour), false},
		{at.Add(-3 * time.Second), false},
		{at.Add(-time.Second), true},
		{at, true},
		{at.Add(time.Second), true},
	} {
		if got := st.Racy(c.mod.UnixNano()); got != c.racy {
			t.Errorf("file time %v, read at %v: racy %v, want %v", c.mod, at, got, c.racy)
		}
	}
}

// TestReadDocsSkipsBags: ReadDocs reads the bags of the documents asked
// for and leaves the others' empty, every other field read alike, in the
// file and in the delta.
func TestReadDocsSkipsBags(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	st, _ := sample()
	words := search.NewWords()
	counter := words.Counter()
	doc := func(name, text string) Doc {
		return Doc{Path: "content/news/" + name + ".pl.md", Doc: search.Doc{URL: "/" + name + "/", Lang: "pl", Title: name, Bag: counter.Count(text),
			Passages: []search.Passage{{Anchor: "p", Start: 1, End: 9, Bits: "ab"}}}}
	}
	docs := []Doc{doc("a", "Współpraca policji w Unii"), doc("b", "Granice Unii i współpraca"), doc("c", "Straż graniczna")}
	if err := Write(dir, st, map[string][]Doc{"pl": docs}); err != nil {
		t.Fatal(err)
	}
	st.AddDelta([]Doc{doc("c", "Straż graniczna i policja")}) // in the state, not the file
	if err := Write(dir, st, nil); err != nil {
		t.Fatal(err)
	}
	if st, err := Read(dir); err != nil {
		t.Fatal(err)
	} else {
		got, err := ReadDocs(dir, st, "pl", func(path string) bool { return path == docs[1].Path })
		if err != nil || len(got) != 3 {
			t.Fatalf("%d documents, %v", len(got), err)
		}
		text := func(b search.Bag) string {
			var out []string
			for _, id := range b.IDs {
				out = append(out, b.Words.List()[id])
			}
			return strings.Join(out, " ")
		}
		if got[0].Doc.Bag.Words != nil || got[0].Doc.Title != "a" || len(got[0].Doc.Passages) != 1 {
			t.Errorf("a bag not asked for: %+v", got[0].Doc)
		}
		if s := text(got[1].Doc.Bag); s != "Granice Unii i współpraca" {
			t.Errorf("the bag asked for holds %q", s)
		}
		if s := text(got[2].Doc.Bag); s != "Straż graniczna i policja" || got[2].Doc.Passages[0].Bits != "ab" {
			t.Errorf("the delta's document: %q, %+v", s, got[2].Doc)
		}
	}
}

// TestSearchState: a search index state is given back for the index it
// was stored for only, and Remove removes it.
func TestSearchState(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	if err := WriteSearchState(dir, "pl", "m1", bytes.NewReader([]byte("state"))); err != nil {
		t.Fatal(err)
	}
	if got := ReadSearchState(dir, "pl", "m1"); string(got) != "state" {
		t.Errorf("read back %q", got)
	}
	for _, c := range []struct{ lang, manifest string }{{"pl", "m2"}, {"en", "m1"}, {"pl", ""}} {
		if got := ReadSearchState(dir, c.lang, c.manifest); got != nil {
			t.Errorf("%s, manifest %q: %q, want none", c.lang, c.manifest, got)
		}
	}
	if err := Remove(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("the cache directory stays: %v", err)
	}
}
