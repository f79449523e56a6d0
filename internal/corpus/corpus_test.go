package corpus_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hubgen/generator/site"
	"hubgen/internal/corpus"
)

const repoRoot = "../.."

// TestGenerateIsDeterministic generates the same corpus twice and expects
// the same files, byte for byte; another seed gives other bodies.
func TestGenerateIsDeterministic(t *testing.T) {
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	for dir, seed := range map[string]uint64{a: 3, b: 3, c: 4} {
		if err := corpus.Generate(corpus.Options{Repo: repoRoot, Dir: dir, Pairs: 40, Seed: seed}); err != nil {
			t.Fatal(err)
		}
	}
	fa, fb, fc := readTree(t, a), readTree(t, b), readTree(t, c)
	if len(fa) != len(fb) {
		t.Fatalf("%d files, then %d", len(fa), len(fb))
	}
	differ := 0
	for name, data := range fa {
		if !bytes.Equal(data, fb[name]) {
			t.Errorf("%s differs between two runs", name)
		}
		if !bytes.Equal(data, fc[name]) {
			differ++
		}
	}
	if differ == 0 {
		t.Error("seeds 3 and 4 gave the same corpus")
	}
}

// TestGeneratedPagesLookReal checks that the bodies hold what the portal's
// pages hold: lists, footnotes and links in prose; the act syntax in acts.
func TestGeneratedPagesLookReal(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Generate(corpus.Options{Repo: repoRoot, Dir: dir, Pairs: 60, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"news.pl":      {"\n## ", "\n- ", "[^1]", "\n[^1]: ", "](../organisations/europol.md)"},
		"news.en":      {"\n## ", "\n- ", "[^1]", "\n[^1]: ", "](../organisations/europol.md)"},
		"decisions.pl": {"RADA UNII EUROPEJSKIEJ,", "\nuwzględniając ", "\n(1) ", "PRZYJMUJE NINIEJSZĄ DECYZJĘ:", "\n## Artykuł 1\n", "\n1. ", "\n   - a) ", "o którym mowa w ust. 1", "\nSporządzono w ", "\n## ZAŁĄCZNIK\n", "\n[^1]: "},
		"decisions.en": {"THE COUNCIL OF THE EUROPEAN UNION,", "\nHaving regard to ", "\nWhereas:", "\n(1) ", "HAS ADOPTED THIS DECISION:", "\n## Article 1\n", "\n   - (a) ", "referred to in paragraph 1", "\nDone at ", "\n## ANNEX\n", "\n[^1]: "},
	}
	seen := map[string]int{}
	for name, data := range readTree(t, dir) {
		if !strings.Contains(name, "gen-") {
			continue
		}
		section := filepath.Dir(name)[len("content/"):]
		key := section + filepath.Ext(strings.TrimSuffix(name, ".md"))
		checks, ok := want[key]
		if !ok {
			continue
		}
		seen[key]++
		for _, w := range checks {
			if !bytes.Contains(data, []byte(w)) {
				t.Errorf("%s lacks %q", name, w)
			}
		}
	}
	for key := range want {
		if seen[key] == 0 {
			t.Errorf("no generated %s page", key)
		}
	}
}

// TestGeneratedSiteChecksClean runs the build's check (references to
// missing parts of acts and broken links are errors there) and expects
// no problem at all: no error, no warning.
func TestGeneratedSiteChecksClean(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Generate(corpus.Options{Repo: repoRoot, Dir: dir, Pairs: 200, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	res, err := site.Build(context.Background(), site.Options{Source: dir, Check: true})
	if res != nil && res.Diags != nil {
		for _, d := range res.Diags.Items() {
			t.Error(d)
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	if res.Pages < 400 {
		t.Errorf("%d pages checked, want at least 400", res.Pages)
	}
}

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
