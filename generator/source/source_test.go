package source

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func write(t *testing.T, p, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func link(t *testing.T, target, p string) {
	t.Helper()
	if err := os.Symlink(target, p); err != nil {
		t.Fatal(err)
	}
}

// TestFilesAndReadFile: every kind of entry an editor or attacker can put
// under static/ or content/, and what listing and reading it gives.
func TestFilesAndReadFile(t *testing.T) {
	outside := t.TempDir()
	write(t, filepath.Join(outside, "secret.txt"), "root:x:0:0")
	dir := t.TempDir()
	write(t, filepath.Join(dir, "static/css/site.css"), "body{}")
	write(t, filepath.Join(dir, "static/big.bin"), strings.Repeat("x", 2000))
	link(t, filepath.Join(outside, "secret.txt"), filepath.Join(dir, "static/passwd.txt"))
	link(t, "../../"+filepath.Base(outside)+"/secret.txt", filepath.Join(dir, "static/relative.txt"))
	link(t, "css/site.css", filepath.Join(dir, "static/inside.css"))
	link(t, filepath.Join(dir, "static/css/site.css"), filepath.Join(dir, "static/absolute-inside.css"))
	link(t, "css", filepath.Join(dir, "static/cssdir"))
	link(t, "/dev/zero", filepath.Join(dir, "static/zero.bin"))
	link(t, "missing.txt", filepath.Join(dir, "static/dangling.txt"))
	if err := syscall.Mkfifo(filepath.Join(dir, "static/pipe.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	tree, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	tree.MaxSize = 1000

	files, problems := tree.Files("static")
	wantFiles := []string{"static/absolute-inside.css", "static/css/site.css", "static/inside.css"}
	if strings.Join(files, " ") != strings.Join(wantFiles, " ") {
		t.Errorf("files = %v, want %v", files, wantFiles)
	}
	got := map[string]string{}
	for _, p := range problems {
		got[p.Path] = p.Msg
	}
	wantProblems := map[string]string{
		"static/passwd.txt":   "outside the site's directory",
		"static/relative.txt": "outside the site's directory",
		"static/zero.bin":     "outside the site's directory",
		"static/cssdir":       "symbolic link to a directory",
		"static/dangling.txt": "does not exist",
		"static/pipe.md":      "named pipe",
		"static/big.bin":      "over the limit of 0.0 MB",
	}
	for p, want := range wantProblems {
		if !strings.Contains(got[p], want) {
			t.Errorf("%s: problem %q, want one saying %q", p, got[p], want)
		}
	}
	if len(got) != len(wantProblems) {
		t.Errorf("problems %v, want exactly %d", got, len(wantProblems))
	}

	reads := []struct {
		rel, want string // want: content, or the start of "!error"
	}{
		{"static/css/site.css", "body{}"},
		{"static/inside.css", "body{}"},
		{"static/passwd.txt", "!outside"},
		{"static/zero.bin", "!outside"},
		{"static/pipe.md", "!is a named pipe"},
		{"static/big.bin", "!is 0.0 MB, over the limit"},
		{"static/cssdir", "!is a directory"},
		{"static/dangling.txt", "!does not exist"},
	}
	for _, r := range reads {
		b, err := tree.ReadFile(r.rel)
		switch {
		case strings.HasPrefix(r.want, "!"):
			var se *Error
			if !errors.As(err, &se) || se.Path != r.rel || !strings.Contains(se.Msg, r.want[1:]) {
				t.Errorf("ReadFile(%s) = %q, %v; want an error naming it saying %q", r.rel, b, err, r.want[1:])
			}
		case err != nil || string(b) != r.want:
			t.Errorf("ReadFile(%s) = %q, %v; want %q", r.rel, b, err, r.want)
		}
	}
	if _, err := tree.ReadFile("static/none.txt"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v, want fs.ErrNotExist", err)
	}
}

// TestLinkedDirectoriesOutside: a whole content/ (or layouts/) that is a
// link out of the site is refused too, for listing and through Sub.
func TestLinkedDirectoriesOutside(t *testing.T) {
	outside := t.TempDir()
	write(t, filepath.Join(outside, "x.md"), "---\ntitle: X\n---\n")
	write(t, filepath.Join(outside, "baseof.html"), "x")
	dir := t.TempDir()
	link(t, outside, filepath.Join(dir, "content"))
	link(t, outside, filepath.Join(dir, "layouts"))
	tree, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	files, problems := tree.Files("content")
	if len(files) != 0 || len(problems) != 1 || problems[0].Path != "content" {
		t.Errorf("Files(content) = %v, %v; want one problem naming content", files, problems)
	}
	if _, err := fs.ReadFile(tree.Sub("layouts"), "baseof.html"); err == nil || !strings.Contains(err.Error(), "outside") {
		t.Errorf("Sub(layouts) read a file outside the site: %v", err)
	}
	if files, problems := tree.Files("static"); files != nil || problems != nil {
		t.Errorf("a missing static/ gives %v, %v", files, problems)
	}
}

// TestStamps: a file's stamp is the size and time Stat gives, through a
// symbolic link too; a missing file is an error.
func TestStamps(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "content", "news", "a.md"), "abc")
	link(t, "a.md", filepath.Join(dir, "content", "news", "b.md"))
	tree, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	s, err := tree.OpenStamps()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, rel := range []string{"content/news/a.md", "content/news/b.md"} {
		info, err := tree.Stat(rel)
		if err != nil {
			t.Fatal(err)
		}
		size, mod, err := s.Stamp(rel)
		if err != nil || size != info.Size() || mod != info.ModTime().UnixNano() {
			t.Errorf("%s: stamp %d %d %v, Stat %d %d", rel, size, mod, err, info.Size(), info.ModTime().UnixNano())
		}
	}
	if _, _, err := s.Stamp("content/news/missing.md"); err == nil {
		t.Error("a missing file stamped")
	}
}
