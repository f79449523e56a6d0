package watch

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

func makeFiles(t *testing.T, root string, files ...string) {
	t.Helper()
	for _, f := range files {
		p := filepath.Join(root, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// watched lists the watcher's watches, relative to its root.
func watched(t *testing.T, w *Watcher) []string {
	t.Helper()
	var got []string
	for _, p := range w.fsw.WatchList() {
		r, ok := w.rel(p)
		if !ok {
			t.Errorf("watch outside the site: %s", p)
			continue
		}
		got = append(got, r)
	}
	slices.Sort(got)
	return got
}

func nextBatch(t *testing.T, w *Watcher) []string {
	t.Helper()
	select {
	case b := <-w.Changes():
		return b
	case err := <-w.Errors():
		t.Fatalf("watcher error: %v", err)
	case <-time.After(5 * time.Second):
		t.Fatal("no batch within 5s")
	}
	return nil
}

// TestOnlyInputsWatched checks that nothing but the site's directory and the
// input directories gets a watch, even when directories are made elsewhere
// in the site while it is watched.
func TestOnlyInputsWatched(t *testing.T) {
	root := t.TempDir()
	makeFiles(t, root,
		"config.toml", "content/a.md", "content/news/sub/b.md", "layouts/_default/single.html",
		"static/css/site.css", "public/index.html", "public/en/index.html", ".git/objects/ab/cd",
		"node_modules/axe-core/axe.js", ".public.new-1/index.html")
	w, err := New(root, 30*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	want := []string{".", "content", "content/news", "content/news/sub", "layouts", "layouts/_default", "static", "static/css"}
	if got := watched(t, w); !slices.Equal(got, want) {
		t.Fatalf("watches %q, want %q", got, want)
	}

	makeFiles(t, root, "public/new/dir/index.html", ".git/refs/heads/main", ".public.new-2/x/index.html", "content/sentinel.md")
	if got := nextBatch(t, w); !slices.Equal(got, []string{"content/sentinel.md"}) {
		t.Fatalf("batch %q", got)
	}
	if got := watched(t, w); !slices.Equal(got, want) {
		t.Fatalf("after changes outside the inputs, watches %q, want %q", got, want)
	}
}

// TestRescanAfterOverflow checks what a batch says after the kernel's queue
// overflowed (simulated: making it overflow would need a stalled reader).
func TestRescanAfterOverflow(t *testing.T) {
	root := t.TempDir()
	makeFiles(t, root, "config.toml", "content/a.md", "content/news/b.md", "layouts/base.html", "public/index.html")
	w, err := New(root, 30*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()

	w.rescan <- struct{}{}
	want := []string{"config.toml", "content", "content/a.md", "content/news/b.md", "i18n", "layouts", "layouts/base.html", "static"}
	if got := nextBatch(t, w); !slices.Equal(got, want) {
		t.Fatalf("batch %q, want %q", got, want)
	}
}

func TestScratch(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"a.md", false},
		{"config.toml", false},
		{"4914", false},
		{"a.md.orig", false},
		{"a.md~", true},
		{".a.md.swp", true},
		{"a.md.swp", true},
		{"a.md.swx", true},
		{"a.md.tmp", true},
		{".#a.md", true},
		{"4913", true},
		{".htaccess", true},
		{"a.md___jb_tmp___", true},
		{"a.md___jb_old___", true},
	}
	for _, tc := range tests {
		if got := scratch(tc.name); got != tc.want {
			t.Errorf("scratch(%q) = %v, want %v", tc.name, got, tc.want)
		}
	}
}
