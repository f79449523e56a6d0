package site

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"hubgen/generator/output"
)

// editor makes random edits of the kinds editors make to a copy of the
// bundled portal and tells which files it touched.
type editor struct {
	t      *testing.T
	dir    string
	r      *rand.Rand
	added  []string          // content files the editor created (and may delete)
	broken map[string]string // files the editor broke, with their text before
	n      int
}

// topicKeys are the bundled portal's topics, for edits of tags.
var topicKeys = []string{"radicalisation", "counter-terrorism", "cbrn", "organised-crime", "child-protection", "cybercrime", "border-security", "eastern-cooperation", "eu-cooperation", "international-cooperation"}

// setPageSize sets the items per list page of the site copy in dir (the
// bundled config.toml says 10).
func setPageSize(t *testing.T, dir string, n int) {
	t.Helper()
	p := filepath.Join(dir, "config.toml")
	cfg, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(cfg, []byte("\npageSize = 10\n")) {
		t.Fatal("config.toml no longer says pageSize = 10")
	}
	if err := os.WriteFile(p, bytes.Replace(cfg, []byte("\npageSize = 10\n"), fmt.Appendf(nil, "\npageSize = %d\n", n), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// tags returns a random list of topic keys, for a tags line.
func (e *editor) tags() string {
	var tags []string
	for _, k := range topicKeys {
		if e.r.IntN(4) == 0 {
			tags = append(tags, k)
		}
	}
	return strings.Join(tags, ", ")
}

// setLine replaces the front matter line starting with key (or adds it
// after the opening ---) with line.
func setLine(text, key, line string) string {
	if i := strings.Index(text, "\n"+key+":"); i >= 0 {
		j := strings.Index(text[i+1:], "\n")
		return text[:i+1] + line + text[i+1+j:]
	}
	return strings.Replace(text, "---\n", "---\n"+line+"\n", 1)
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
	switch e.r.IntN(15) {
	case 9: // the tags changed (topics gained and lost), often of a page
		// without a translation to share its old topics
		if len(e.added) > 0 && e.r.IntN(2) == 0 {
			pick = e.added[e.r.IntN(len(e.added))]
			if _, err := os.Stat(e.path(pick)); err != nil {
				return "nothing", nil
			}
		}
		e.write(pick, setLine(e.read(pick), "tags", "tags: ["+e.tags()+"]"))
		return "retag " + pick, []string{pick}
	case 10: // the date changed (lists reorder)
		if !strings.Contains(pick, "/news/") {
			return "nothing", nil
		}
		e.write(pick, setLine(e.read(pick), "date", fmt.Sprintf("date: 20%02d-%02d-%02d", 20+e.r.IntN(7), 1+e.r.IntN(12), 1+e.r.IntN(28))))
		return "redate " + pick, []string{pick}
	case 11: // front matter broken, or a broken file fixed
		for rel, text := range e.broken {
			delete(e.broken, rel)
			e.write(rel, text)
			return "fix " + rel, []string{rel}
		}
		if e.broken == nil {
			e.broken = map[string]string{}
		}
		text := e.read(pick)
		e.broken[pick] = text
		e.write(pick, strings.Replace(text, "\ntitle:", "\ntitle: [\nx:", 1))
		return "break " + pick, []string{pick}
	case 12: // a file moved to another name (its URL stays: the slug)
		if len(e.added) == 0 {
			return "nothing", nil
		}
		k := e.r.IntN(len(e.added))
		rel := e.added[k]
		to := strings.Replace(rel, "nowa-", "przeniesiona-", 1)
		if to == rel || os.Rename(e.path(rel), e.path(to)) != nil {
			return "nothing", nil
		}
		e.added[k] = to
		return "move " + rel, []string{rel, to}
	case 13: // the menu's page retitled: every page's menu changes
		rel := "content/pages/about.en.md"
		e.write(rel, setLine(e.read(rel), "slug", fmt.Sprintf("slug: about-%d", e.n)))
		return "reslug " + rel, []string{rel}
	case 14: // a bundled translation deleted: its counterpart loses its switcher
		for _, f := range files {
			if strings.HasSuffix(f, ".en.md") && strings.Contains(f, "/projects/") || strings.Contains(f, "/news/knowledge") && strings.HasSuffix(f, ".en.md") {
				os.Remove(e.path(f))
				return "delete " + f, []string{f}
			}
		}
		return "nothing", nil
	case 0: // a sentence added to a body
		e.write(pick, e.read(pick)+fmt.Sprintf("\nZdanie dopisane %d.\n", e.n))
		return "edit body of " + pick, []string{pick}
	case 1: // a link added to a body: the related lists of both pages change
		e.write(pick, e.read(pick)+fmt.Sprintf("\nZob. [CEPOL](../organisations/cepol.md) %d.\n", e.n))
		return "link from body of " + pick, []string{pick}
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
		e.write(rel, fmt.Sprintf("---\ntitle: \"Nowość %d\"\nslug: nowosc-%d-%s\ndate: 2026-%02d-%02d\ntags: [%s]\nsummary: \"Krótko %d.\"\n---\nTreść z linkiem do [Europolu](../organisations/europol.md).\n", e.n, e.n, lang, 1+e.r.IntN(10), 1+e.r.IntN(28), e.tags(), e.n))
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
	for seed := uint64(1); seed <= 6; seed++ {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			dir := copySite(t)
			// Two items a page: a new or redated item shifts every page
			// of its lists.
			setPageSize(t, dir, 2)
			ctx := context.Background()
			s, _, err := NewSession(ctx, Options{Source: dir, Now: testNow})
			if err != nil {
				t.Fatal(err)
			}
			e := &editor{t: t, dir: dir, r: rand.New(rand.NewPCG(seed, 9))}
			var history []string
			for step := 0; step < 16; step++ {
				what, changed := e.edit()
				history = append(history, what)
				rep, uerr := s.Update(ctx, changed)
				full := freshSession
				if step == 15 {
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

// TestSessionUpdateFirst: a new news item plans its page, its lists, topics
// and home pages, not the whole site; UpdateFirst leaves the list pages
// after the first for Finish (they hold their old bytes until then), and
// after Finish the session equals a full build.
func TestSessionUpdateFirst(t *testing.T) {
	dir := copySite(t)
	setPageSize(t, dir, 1)
	ctx := context.Background()
	s, first, err := NewSession(ctx, Options{Source: dir, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	before := s.Files()
	rel := "content/news/nowa.pl.md"
	if err := os.WriteFile(filepath.Join(dir, rel), []byte("---\ntitle: Nowa\ndate: 2026-01-05\ntags: [cbrn]\n---\nTekst.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := s.UpdateFirst(ctx, []string{rel})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Full || rep.Planned == 0 || rep.Planned > first.Planned/2 {
		t.Errorf("a new item planned %d outputs of the site's %d", rep.Planned, first.Planned)
	}
	for _, f := range []string{"aktualnosci/index.html", "index.html", "aktualnosci/nowa/index.html"} {
		if !slices.Contains(rep.Changed, f) {
			t.Errorf("UpdateFirst did not change %s (changed %v)", f, rep.Changed)
		}
	}
	second := "aktualnosci/strona/2/index.html"
	if !slices.Contains(rep.Pending, second) || slices.Contains(rep.Changed, second) {
		t.Fatalf("pending %v, changed %v: want %s pending", rep.Pending, rep.Changed, second)
	}
	if !bytes.Equal(s.Files()[second], before[second]) {
		t.Errorf("a pending page changed before Finish")
	}
	changed, n, err := s.Finish(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 || n > len(rep.Pending) || !slices.Contains(changed, second) {
		t.Errorf("Finish rendered %d of %d pending files, changed %v", n, len(rep.Pending), changed)
	}
	want, err := freshSession(t, dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpdateSearch(); err != nil {
		t.Fatal(err)
	}
	if diff := diffTrees(s.Files(), want); diff != "" {
		t.Errorf("after Finish, the session differs from a full build:\n%s", diff)
	}
}
