package site

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"hubgen/generator/output"
)

// editor makes random edits of the kinds editors make to a copy of the
// bundled portal and tells which files it touched.
type editor struct {
	t     *testing.T
	dir   string
	r     *rand.Rand
	added []string // content files the editor created (and may delete)
	n     int
}

func (e *editor) path(rel string) string { return filepath.Join(e.dir, filepath.FromSlash(rel)) }

func (e *editor) read(rel string) string {
	b, err := os.ReadFile(e.path(rel))
	if err != nil {
		e.t.Fatal(err)
	}
	return string(b)
}

func (e *editor) write(rel, text string) {
	if err := os.MkdirAll(filepath.Dir(e.path(rel)), 0o755); err != nil {
		e.t.Fatal(err)
	}
	if err := os.WriteFile(e.path(rel), []byte(text), 0o644); err != nil {
		e.t.Fatal(err)
	}
}

func (e *editor) contentFiles() []string {
	var out []string
	filepath.WalkDir(e.path("content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			rel, _ := filepath.Rel(e.dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(out)
	return out
}

// edit makes one random edit and returns the paths it changed.
func (e *editor) edit() (string, []string) {
	e.n++
	files := e.contentFiles()
	pick := files[e.r.IntN(len(files))]
	switch e.r.IntN(9) {
	case 0, 1: // a sentence added to a body
		e.write(pick, e.read(pick)+fmt.Sprintf("\nZdanie dopisane %d.\n", e.n))
		return "edit body of " + pick, []string{pick}
	case 2: // the title changed
		text := e.read(pick)
		i := strings.Index(text, "\ntitle:")
		j := strings.Index(text[i+1:], "\n")
		e.write(pick, text[:i+1]+fmt.Sprintf("title: \"Tytuł zmieniony %d\"", e.n)+text[i+1+j:])
		return "retitle " + pick, []string{pick}
	case 3, 4: // a new news item, sometimes a translation of the last one
		lang := []string{"pl", "en"}[e.r.IntN(2)]
		name := fmt.Sprintf("nowa-%d", e.n)
		if len(e.added) > 0 && e.r.IntN(2) == 0 {
			last := e.added[len(e.added)-1]
			name = strings.SplitN(filepath.Base(last), ".", 2)[0]
		}
		rel := "content/news/" + name + "." + lang + ".md"
		e.write(rel, fmt.Sprintf("---\ntitle: \"Nowość %d\"\nslug: nowosc-%d-%s\ndate: 2026-%02d-%02d\ntags: [cbrn]\nsummary: \"Krótko %d.\"\n---\nTreść z linkiem do [Europolu](../organisations/europol.md).\n", e.n, e.n, lang, 1+e.r.IntN(10), 1+e.r.IntN(28), e.n))
		e.added = append(e.added, rel)
		return "add " + rel, []string{rel}
	case 5: // an added file deleted
		if len(e.added) == 0 {
			return "nothing", nil
		}
		k := e.r.IntN(len(e.added))
		rel := e.added[k]
		e.added = append(e.added[:k], e.added[k+1:]...)
		os.Remove(e.path(rel))
		return "delete " + rel, []string{rel}
	case 6: // a draft flag toggled on an added file
		if len(e.added) == 0 {
			return "nothing", nil
		}
		rel := e.added[e.r.IntN(len(e.added))]
		if _, err := os.Stat(e.path(rel)); err != nil {
			return "nothing", nil
		}
		text := e.read(rel)
		if strings.Contains(text, "draft: true\n") {
			text = strings.Replace(text, "draft: true\n", "", 1)
		} else {
			text = strings.Replace(text, "---\n", "---\ndraft: true\n", 1)
		}
		e.write(rel, text)
		return "toggle draft of " + rel, []string{rel}
	case 7: // the stylesheet changed
		rel := "static/css/site.css"
		e.write(rel, e.read(rel)+fmt.Sprintf("\n/* %d */\n", e.n))
		return "edit " + rel, []string{rel}
	default: // a slug changed: every link to the page must follow
		rel := "content/organisations/europol.pl.md"
		text := e.read(rel)
		i := strings.Index(text, "\nslug:")
		j := strings.Index(text[i+1:], "\n")
		e.write(rel, text[:i+1]+fmt.Sprintf("slug: europol-%d", e.n)+text[i+1+j:])
		return "reslug " + rel, []string{rel}
	}
}

// fullBuild builds dir from scratch with Build and returns its files, the
// manifest left out.
func fullBuild(t *testing.T, dir string) (map[string][]byte, error) {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Source: dir, Dest: dest, Now: testNow}); err != nil {
		return nil, err
	}
	files := readTree(t, dest)
	delete(files, output.ManifestName)
	return files, nil
}

// freshSession builds dir from scratch in a new session and returns its
// files with the search index.
func freshSession(t *testing.T, dir string) (map[string][]byte, error) {
	t.Helper()
	s, _, err := NewSession(context.Background(), Options{Source: dir, Now: testNow})
	if err != nil {
		return nil, err
	}
	if _, err := s.UpdateSearch(); err != nil {
		t.Fatal(err)
	}
	return s.Files(), nil
}

// TestSessionEqualsBuild: a session's first build is byte for byte what
// Build writes, search index included.
func TestSessionEqualsBuild(t *testing.T) {
	got, err := freshSession(t, repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	want, err := fullBuild(t, repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	if diff := diffTrees(got, want); diff != "" {
		t.Errorf("session differs from Build:\n%s", diff)
	}
}

// TestIncrementalEqualsFull: after every step of random edit sequences,
// the session's files are byte for byte those of a session built from
// scratch (itself equal to Build: TestSessionEqualsBuild), and it fails
// exactly when a full build fails; the last step is also checked against
// Build itself.
func TestIncrementalEqualsFull(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			dir := copySite(t)
			ctx := context.Background()
			s, _, err := NewSession(ctx, Options{Source: dir, Now: testNow})
			if err != nil {
				t.Fatal(err)
			}
			e := &editor{t: t, dir: dir, r: rand.New(rand.NewPCG(seed, 9))}
			var history []string
			for step := 0; step < 12; step++ {
				what, changed := e.edit()
				history = append(history, what)
				rep, uerr := s.Update(ctx, changed)
				full := freshSession
				if step == 11 {
					full = fullBuild
				}
				want, ferr := full(t, dir)
				if (uerr == nil) != (ferr == nil) {
					t.Fatalf("after %s: incremental error %v, full error %v", strings.Join(history, "; "), uerr, ferr)
				}
				if uerr != nil {
					continue
				}
				if _, err := s.UpdateSearch(); err != nil {
					t.Fatal(err)
				}
				if diff := diffTrees(s.Files(), want); diff != "" {
					t.Fatalf("after %s (%d files rendered again): incremental differs from full:\n%s", strings.Join(history, "; "), rep.Rewritten, diff)
				}
			}
		})
	}
}

func diffTrees(got, want map[string][]byte) string {
	var out []string
	for f, b := range want {
		g, ok := got[f]
		switch {
		case !ok:
			out = append(out, "missing "+f)
		case !bytes.Equal(g, b):
			out = append(out, "differs "+f)
		}
	}
	for f := range got {
		if _, ok := want[f]; !ok {
			out = append(out, "extra "+f)
		}
	}
	sort.Strings(out)
	if len(out) > 10 {
		out = append(out[:10], fmt.Sprintf("and %d more", len(out)-10))
	}
	return strings.Join(out, "\n")
}

// TestSessionRendersOnlyWhatChanged: a sentence added to one news item
// plans that page and its translation only and renders the page alone.
func TestSessionRendersOnlyWhatChanged(t *testing.T) {
	dir := copySite(t)
	ctx := context.Background()
	s, first, err := NewSession(ctx, Options{Source: dir, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	rel := "content/news/knowledge-hub-inauguration.pl.md"
	b, _ := os.ReadFile(filepath.Join(dir, rel))
	os.WriteFile(filepath.Join(dir, rel), append(b, "\nNowe zdanie.\n"...), 0o644)
	rep, err := s.Update(ctx, []string{rel})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Full || rep.Rewritten == 0 || rep.Rewritten > 3 {
		t.Errorf("a body edit rendered %d of %d files (full %v)", rep.Rewritten, first.Rewritten, rep.Full)
	}
	if rep.Planned > 2 {
		t.Errorf("a body edit planned %d outputs of %d, want the page and its translation", rep.Planned, first.Planned)
	}
	if len(rep.Changed) != 1 || rep.Changed[0] != "aktualnosci/inauguracja-knowledge-hub/index.html" {
		t.Errorf("changed %v, want the page itself", rep.Changed)
	}
}

// TestSessionKeepsLastGoodOutput: broken front matter fails the update with
// the problem at its line and leaves the files as they were; the fix
// brings the session back.
func TestSessionKeepsLastGoodOutput(t *testing.T) {
	dir := copySite(t)
	ctx := context.Background()
	s, _, err := NewSession(ctx, Options{Source: dir, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	before := s.Files()
	rel := "content/news/knowledge-hub-inauguration.pl.md"
	good, _ := os.ReadFile(filepath.Join(dir, rel))
	os.WriteFile(filepath.Join(dir, rel), []byte("---\ntitle: \"Zła\n---\n"), 0o644)
	rep, err := s.Update(ctx, []string{rel})
	if err == nil || !hasDiag(rep.Diags, rel+":2:1:") {
		t.Fatalf("broken front matter: %v", err)
	}
	if diff := diffTrees(s.Files(), before); diff != "" {
		t.Errorf("a failed update changed the files:\n%s", diff)
	}
	os.WriteFile(filepath.Join(dir, rel), good, 0o644)
	if _, err := s.Update(ctx, []string{rel}); err != nil {
		t.Fatalf("after the fix: %v", err)
	}
	if diff := diffTrees(s.Files(), before); diff != "" {
		t.Errorf("after the fix the files differ from before the break:\n%s", diff)
	}
}
