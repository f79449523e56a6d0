package output

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// site makes a site directory with the directories a build reads and a
// .git, under a fresh temporary directory; it returns that parent.
func site(t *testing.T) (parent, src string) {
	t.Helper()
	parent = t.TempDir()
	src = filepath.Join(parent, "site")
	for _, d := range []string{"content/news", "layouts", "static", "i18n", ".git"} {
		mustMkdir(t, filepath.Join(src, d))
	}
	mustWrite(t, filepath.Join(src, "config.toml"), "baseURL = \"https://example.org/\"\n")
	mustWrite(t, filepath.Join(src, "content/news/a.pl.md"), "---\ntitle: A\n---\n")
	return parent, src
}

func mustMkdir(t *testing.T, p string) {
	t.Helper()
	if err := os.MkdirAll(p, 0o755); err != nil {
		t.Fatal(err)
	}
}

func mustWrite(t *testing.T, p, text string) {
	t.Helper()
	mustMkdir(t, filepath.Dir(p))
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

// publish writes a tiny output (index.html) into the target.
func publish(t *testing.T, tg *Target, page string) {
	t.Helper()
	if _, err := Publish(context.Background(), tg, func(w *Writer) error {
		w.Write("index.html", []byte(page))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

// TestCheckRefusesDestinations: the destinations that would make the atomic
// swap delete the source or someone else's files are refused, whatever
// --force says, and nothing is touched.
func TestCheckRefusesDestinations(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, parent, src string) string // returns --dest
		force bool
		want  string
	}{
		{"the source itself", func(t *testing.T, parent, src string) string { return src }, true, "is the site's source directory"},
		{"the source, written differently", func(t *testing.T, parent, src string) string { return src + "/content/.." }, true, "is the site's source directory"},
		{"a directory containing the source", func(t *testing.T, parent, src string) string {
			mustWrite(t, filepath.Join(parent, "other.txt"), "keep me")
			return parent
		}, true, "contains the site's source directory"},
		{"the root directory", func(t *testing.T, parent, src string) string { return "/" }, true, "contains the site's source directory"},
		{"inside content/", func(t *testing.T, parent, src string) string { return filepath.Join(src, "content", "out") }, true, "inside the site's content/"},
		{"content/ itself", func(t *testing.T, parent, src string) string { return filepath.Join(src, "content") }, true, "inside the site's content/"},
		{"inside layouts/", func(t *testing.T, parent, src string) string { return filepath.Join(src, "layouts", "x") }, true, "inside the site's layouts/"},
		{"inside static/", func(t *testing.T, parent, src string) string { return filepath.Join(src, "static", "public") }, true, "inside the site's static/"},
		{"inside i18n/", func(t *testing.T, parent, src string) string { return filepath.Join(src, "i18n", "x") }, true, "inside the site's i18n/"},
		{"the .git directory", func(t *testing.T, parent, src string) string { return filepath.Join(src, ".git") }, true, "inside the site's .git/"},
		{"a link to the source", func(t *testing.T, parent, src string) string {
			link := filepath.Join(parent, "link")
			if err := os.Symlink(src, link); err != nil {
				t.Fatal(err)
			}
			return link
		}, true, "is the site's source directory"},
		{"an existing file", func(t *testing.T, parent, src string) string {
			p := filepath.Join(parent, "out.txt")
			mustWrite(t, p, "keep me")
			return p
		}, true, "is an existing file"},
		{"config.toml", func(t *testing.T, parent, src string) string { return filepath.Join(src, "config.toml") }, true, "is an existing file"},
		{"a dangling link", func(t *testing.T, parent, src string) string {
			link := filepath.Join(parent, "dangling")
			if err := os.Symlink(filepath.Join(parent, "nowhere"), link); err != nil {
				t.Fatal(err)
			}
			return link
		}, true, "does not exist"},
		{"a directory no build made", func(t *testing.T, parent, src string) string {
			d := filepath.Join(parent, "docs")
			mustWrite(t, filepath.Join(d, "notes.txt"), "keep me")
			return d
		}, false, "no hubgen build made"},
		{"a previous output with a file added by hand", func(t *testing.T, parent, src string) string {
			d := filepath.Join(parent, "out")
			tg, err := Check(src, d, false)
			if err != nil {
				t.Fatal(err)
			}
			publish(t, tg, "old")
			mustWrite(t, filepath.Join(d, "CNAME"), "example.org")
			return d
		}, false, "holds files no build wrote (CNAME)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			parent, src := site(t)
			dest := tc.setup(t, parent, src)
			before := snapshot(t, parent)
			_, err := Check(src, dest, tc.force)
			var de *DestError
			if !errors.As(err, &de) {
				t.Fatalf("Check(%s) = %v, want a DestError", dest, err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not say %q", err, tc.want)
			}
			if after := snapshot(t, parent); after != before {
				t.Errorf("Check changed the tree:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}

// snapshot lists every path under dir, to show nothing was touched.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var paths []string
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil {
			paths = append(paths, strings.TrimPrefix(p, dir))
		}
		return nil
	})
	return strings.Join(paths, " ")
}

// TestCheckAccepts: new, empty and previous-output directories are fine, and
// --force lets a non-empty directory be replaced.
func TestCheckAccepts(t *testing.T) {
	parent, src := site(t)
	for _, dest := range []string{filepath.Join(src, "public"), filepath.Join(parent, "new", "deep", "out")} {
		if _, err := Check(src, dest, false); err != nil {
			t.Errorf("Check(%s): %v", dest, err)
		}
	}
	empty := filepath.Join(parent, "empty")
	mustMkdir(t, empty)
	if _, err := Check(src, empty, false); err != nil {
		t.Errorf("empty directory: %v", err)
	}
	foreign := filepath.Join(parent, "docs")
	mustWrite(t, filepath.Join(foreign, "notes.txt"), "x")
	if _, err := Check(src, foreign, true); err != nil {
		t.Errorf("--force: %v", err)
	}
	out := filepath.Join(parent, "out")
	tg, err := Check(src, out, false)
	if err != nil {
		t.Fatal(err)
	}
	publish(t, tg, "one")
	tg, err = Check(src, out, false)
	if err != nil {
		t.Fatalf("a previous output is refused: %v", err)
	}
	publish(t, tg, "two")
	if b, _ := os.ReadFile(filepath.Join(out, "index.html")); string(b) != "two" {
		t.Errorf("second build not published: %q", b)
	}
}

// TestSymlinkedDestStaysALink: a --dest that is a link to a directory keeps
// being a link; the build replaces the directory it points to.
func TestSymlinkedDestStaysALink(t *testing.T) {
	parent, src := site(t)
	real := filepath.Join(parent, "real")
	link := filepath.Join(parent, "link")
	mustMkdir(t, real)
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	for _, page := range []string{"one", "two"} {
		tg, err := Check(src, link, false)
		if err != nil {
			t.Fatal(err)
		}
		publish(t, tg, page)
		fi, err := os.Lstat(link)
		if err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Fatalf("after build %q, %s is no longer a link: %v", page, link, err)
		}
		if b, _ := os.ReadFile(filepath.Join(real, "index.html")); string(b) != page {
			t.Errorf("build %q not in the link's target: %q", page, b)
		}
	}
}

// TestPublishRemovesStaleDirectories: what a killed build left beside the
// output goes; what a live build holds stays; what is not ours stays.
func TestPublishRemovesStaleDirectories(t *testing.T) {
	parent, src := site(t)
	out := filepath.Join(parent, "public")
	stale := []string{filepath.Join(parent, ".public.new-123"), filepath.Join(parent, ".public.old-456")}
	for _, d := range stale {
		mustWrite(t, filepath.Join(d, "index.html"), "stale")
	}
	live, unlock, err := LockedTempDir(parent, ".public.new-")
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	unrelated := filepath.Join(parent, ".public.notes")
	mustWrite(t, unrelated, "keep")
	tg, err := Check(src, out, false)
	if err != nil {
		t.Fatal(err)
	}
	publish(t, tg, "new")
	for _, d := range stale {
		if exists(d) {
			t.Errorf("stale %s not removed", d)
		}
	}
	if !exists(live) {
		t.Errorf("a live build's directory %s was removed", live)
	}
	if !exists(unrelated) {
		t.Errorf("%s removed", unrelated)
	}
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".public.") && e.Name() != filepath.Base(live) && e.Name() != ".public.notes" {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

// TestPublishRestoresInterruptedSwap: a build killed after moving the old
// output aside (where the kernel cannot swap directories) leaves it as
// .public.old-*; the next build puts it back before anything else, so a
// failing next build still leaves the previous output in place.
func TestPublishRestoresInterruptedSwap(t *testing.T) {
	parent, src := site(t)
	out := filepath.Join(parent, "public")
	mustWrite(t, filepath.Join(parent, ".public.old-1", "index.html"), "previous")
	tg, err := Check(src, out, false)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Publish(context.Background(), tg, func(*Writer) error { return errors.New("content error") })
	if err == nil {
		t.Fatal("fill error not returned")
	}
	if b, _ := os.ReadFile(filepath.Join(out, "index.html")); string(b) != "previous" {
		t.Errorf("previous output not restored: %q", b)
	}
}

// TestPublishFailureOrCancelLeavesOutput: a failed or cancelled build
// publishes nothing and leaves no temporary directory.
func TestPublishFailureOrCancelLeavesOutput(t *testing.T) {
	parent, src := site(t)
	out := filepath.Join(parent, "public")
	tg, _ := Check(src, out, false)
	publish(t, tg, "old")
	ctx, cancel := context.WithCancel(context.Background())
	for name, fill := range map[string]func(*Writer) error{
		"fails": func(*Writer) error { return errors.New("boom") },
		"cancelled": func(w *Writer) error {
			cancel()
			w.Write("index.html", []byte("new"))
			return nil
		},
	} {
		if _, err := Publish(ctx, tg, fill); err == nil {
			t.Errorf("%s: no error", name)
		}
		if b, _ := os.ReadFile(filepath.Join(out, "index.html")); string(b) != "old" {
			t.Errorf("%s: output changed to %q", name, b)
		}
	}
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".public.") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

// TestManifestListsOddNames: a file name with a newline cannot forge
// manifest entries.
func TestManifestListsOddNames(t *testing.T) {
	parent, src := site(t)
	out := filepath.Join(parent, "public")
	tg, _ := Check(src, out, false)
	if _, err := Publish(context.Background(), tg, func(w *Writer) error {
		w.Write("a\nCNAME", nil)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	mustWrite(t, filepath.Join(out, "CNAME"), "example.org")
	if _, err := Check(src, out, false); err == nil || !strings.Contains(err.Error(), "CNAME") {
		t.Errorf("a hand-added CNAME passed as built: %v", err)
	}
}
