package output

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"
)

// tree reads every file under dir (the manifest included) into a map.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func inode(t *testing.T, p string) uint64 {
	t.Helper()
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Sys().(*syscall.Stat_t).Ino
}

// publishFiles publishes files (slash path -> text) into tg.
func publishFiles(t *testing.T, tg *Target, files map[string]string) Stats {
	t.Helper()
	st, err := Publish(context.Background(), tg, func(w *Writer) error {
		names := make([]string, 0, len(files))
		for n := range files {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			w.Write(n, []byte(files[n]))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func leftBeside(t *testing.T, parent string) []string {
	t.Helper()
	var left []string
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".public.") {
			left = append(left, e.Name())
		}
	}
	return left
}

var (
	firstOutput = map[string]string{
		"index.html":       "home",
		"a/index.html":     "A",
		"b/index.html":     "B",
		"c/x/index.html":   "C",
		"feed.xml":         "F",
		"search/pl/1.json": "1",
	}
	// secondOutput keeps a and the feed, changes b, adds d, and makes c a
	// file where it was a directory.
	secondOutput = map[string]string{
		"index.html":       "home",
		"a/index.html":     "A",
		"b/index.html":     "B2",
		"d/e/index.html":   "D",
		"c":                "now a file",
		"feed.xml":         "F",
		"search/pl/1.json": "1",
	}
)

// TestUpdateInPlace: a build into a previous output writes only what
// changed, removes what the new output lacks, leaves unchanged files alone,
// and ends with exactly the tree (manifest included) that replacing the
// whole directory gives.
func TestUpdateInPlace(t *testing.T) {
	parent, src := site(t)
	out := filepath.Join(parent, "public")
	tg, err := Check(src, out, false)
	if err != nil {
		t.Fatal(err)
	}
	if tg.Incremental() {
		t.Fatal("a new destination counts as a previous output")
	}
	if st := publishFiles(t, tg, firstOutput); st.Files != len(firstOutput) || st.Written != len(firstOutput) {
		t.Errorf("first build: %+v", st)
	}
	kept := inode(t, filepath.Join(out, "a", "index.html"))

	if tg, err = Check(src, out, false); err != nil {
		t.Fatal(err)
	}
	if !tg.Incremental() {
		t.Fatal("the previous output is not updated in place")
	}
	st := publishFiles(t, tg, secondOutput)
	if want := (Stats{Files: 7, Written: 3, Removed: 1}); st.Files != want.Files || st.Written != want.Written || st.Removed != want.Removed {
		t.Errorf("update: %+v, want files 7, written 3 (b, c, d), removed 1 (c/x)", st)
	}
	if inode(t, filepath.Join(out, "a", "index.html")) != kept {
		t.Error("an unchanged file was rewritten")
	}
	if left := leftBeside(t, parent); len(left) > 0 {
		t.Errorf("left beside the output: %v", left)
	}

	full := filepath.Join(parent, "full")
	ftg, err := Check(src, full, false)
	if err != nil {
		t.Fatal(err)
	}
	publishFiles(t, ftg, secondOutput)
	got, want := tree(t, out), tree(t, full)
	if len(got) != len(want) {
		t.Errorf("updated output has %d files, a full build %d: %v", len(got), len(want), got)
	}
	for name, text := range want {
		if got[name] != text {
			t.Errorf("%s: updated %q, full build %q", name, got[name], text)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "c", "x")); err == nil {
		t.Error("the emptied directory c/x is still there")
	}

	// A file edited by hand after the build is written again.
	edited := filepath.Join(out, "a", "index.html")
	mustWrite(t, edited, "edited by hand")
	later := time.Now().Add(time.Minute)
	if err := os.Chtimes(edited, later, later); err != nil {
		t.Fatal(err)
	}
	tg, _ = Check(src, out, false)
	if st := publishFiles(t, tg, secondOutput); st.Written != 1 {
		t.Errorf("after a hand edit: %+v, want the edited file written", st)
	}
	if b, _ := os.ReadFile(edited); string(b) != "A" {
		t.Errorf("a file edited by hand kept %q", b)
	}

	// Nothing changed: nothing written, the manifest left as it is.
	tg, _ = Check(src, out, false)
	before := inode(t, filepath.Join(out, ManifestName))
	if st := publishFiles(t, tg, secondOutput); st.Written != 0 || st.Removed != 0 {
		t.Errorf("unchanged rebuild: %+v", st)
	}
	if inode(t, filepath.Join(out, ManifestName)) != before {
		t.Error("an unchanged rebuild rewrote the manifest")
	}

	// Full replaces the directory whole, with the same result.
	tg, _ = Check(src, out, false)
	tg.Full()
	if st := publishFiles(t, tg, firstOutput); st.Written != len(firstOutput) {
		t.Errorf("full: %+v", st)
	}
	if got, want := tree(t, out), tree(t, filepath.Join(parent, "full")); len(got) != len(firstOutput)+1 || got["c/x/index.html"] != "C" || got[ManifestName] == want[ManifestName] {
		t.Errorf("full build after updates: %v", got)
	}
}

// TestUpdateRollsBack: an update that fails while moving files, or that is
// killed in the middle, leaves (after the next build starts) exactly the
// previous output.
func TestUpdateRollsBack(t *testing.T) {
	for _, killed := range []bool{false, true} {
		name := map[bool]string{false: "failed", true: "killed"}[killed]
		t.Run(name, func(t *testing.T) {
			parent, src := site(t)
			out := filepath.Join(parent, "public")
			tg, _ := Check(src, out, false)
			publishFiles(t, tg, firstOutput)
			previous := tree(t, out)
			tg, _ = Check(src, out, false)

			// Write the second output as Publish would, then lose one of
			// its files so that moving them in fails half way.
			tmp := t.TempDir()
			w := NewWriter(tmp, 1, tg.prev)
			for n, text := range secondOutput {
				w.Write(n, []byte(text))
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if err := os.Remove(filepath.Join(tmp, "d", "e", "index.html")); err != nil {
				t.Fatal(err)
			}
			if killed {
				undo, unlock, err := LockedTempDir(parent, ".public.old-")
				if err != nil {
					t.Fatal(err)
				}
				j := journal{dest: out, undo: undo, added: []string{"c", "d/e/index.html"}, replaced: []string{"b/index.html"}, removed: []string{"c/x/index.html"}}
				if err := j.write(); err != nil {
					t.Fatal(err)
				}
				if err := j.apply(tmp, manifest(w.sums)); err == nil {
					t.Fatal("apply did not fail")
				}
				unlock() // the process dies here
				if _, err := Publish(context.Background(), tg, func(*Writer) error { return errors.New("content error") }); err == nil {
					t.Fatal("fill error not returned")
				}
			} else if _, err := update(out, tmp, tg.prev, w); err == nil {
				t.Fatal("update did not fail")
			}
			got := tree(t, out)
			if len(got) != len(previous) {
				t.Errorf("%d files after the rollback, %d before: %v", len(got), len(previous), got)
			}
			for n, text := range previous {
				if got[n] != text {
					t.Errorf("%s: %q after the rollback, %q before", n, got[n], text)
				}
			}
			if left := leftBeside(t, parent); len(left) > 0 {
				t.Errorf("left beside the output: %v", left)
			}
		})
	}
}

// TestOldManifestReplacedWhole: an output from before manifests had
// digests is still a previous output, replaced whole.
func TestOldManifestReplacedWhole(t *testing.T) {
	parent, src := site(t)
	out := filepath.Join(parent, "public")
	mustWrite(t, filepath.Join(out, "index.html"), "old")
	mustWrite(t, filepath.Join(out, ManifestName), "# hubgen build output: every build replaces this directory. Files it wrote:\nindex.html\n")
	tg, err := Check(src, out, false)
	if err != nil {
		t.Fatal(err)
	}
	if tg.Incremental() {
		t.Error("a manifest without digests allows an update in place")
	}
	publishFiles(t, tg, map[string]string{"index.html": "new"})
	if got := tree(t, out); got["index.html"] != "new" || !strings.HasPrefix(got[ManifestName], manifestHeader) {
		t.Errorf("after the build: %v", got)
	}
}
