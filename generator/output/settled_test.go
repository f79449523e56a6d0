package output

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckSettled: a destination as a build left it is taken without a
// walk, with its files to update in place; a file edited, added or
// removed since, or another manifest, is not (Check then decides).
func TestCheckSettled(t *testing.T) {
	for _, c := range []struct {
		name   string
		change func(t *testing.T, dest string)
		ok     bool
	}{
		{"as the build left it", func(*testing.T, string) {}, true},
		{"a page edited by hand", func(t *testing.T, dest string) {
			mustWrite(t, filepath.Join(dest, "news", "a", "index.html"), "edited")
		}, false},
		{"a file added", func(t *testing.T, dest string) {
			mustWrite(t, filepath.Join(dest, "news", "a", "notes.txt"), "mine")
		}, false},
		{"a file removed", func(t *testing.T, dest string) {
			os.Remove(filepath.Join(dest, "news", "a", "index.html"))
		}, false},
		{"a directory added at the top", func(t *testing.T, dest string) {
			mustMkdir(t, filepath.Join(dest, "extra"))
		}, false},
		{"another manifest", func(t *testing.T, dest string) {
			p := filepath.Join(dest, ManifestName)
			data, _ := os.ReadFile(p)
			mustWrite(t, p, string(data)+"\n")
		}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			parent, src := site(t)
			dest := filepath.Join(parent, "public")
			tg, err := Check(src, dest, false)
			if err != nil {
				t.Fatal(err)
			}
			publishFiles(t, tg, map[string]string{"index.html": "home", "news/a/index.html": "a", "css/site.css": "body{}"})
			settled, err := ReadSettled(tg)
			if err != nil {
				t.Fatal(err)
			}
			c.change(t, dest) // at once: ReadSettled's time is by the clock of file times

			got, ok, err := CheckSettled(src, dest, settled)
			if err != nil || ok != c.ok {
				t.Fatalf("CheckSettled: ok %v, %v; want ok %v", ok, err, c.ok)
			}
			if !ok {
				return
			}
			if n := len(got.Previous()); n != 3 {
				t.Errorf("previous output has %d files, want 3", n)
			}
			// Keep takes a file as it is; a file of no previous output is refused.
			if _, err := Publish(context.Background(), got, func(w *Writer) error {
				for _, f := range []string{"index.html", "css/site.css"} {
					if err := w.Keep(f); err != nil {
						return err
					}
				}
				if err := w.Keep("missing.html"); err == nil {
					t.Error("Keep of a file the previous output lacks")
				}
				w.Write("news/a/index.html", []byte("a2"))
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			for f, want := range map[string]string{"index.html": "home", "news/a/index.html": "a2", "css/site.css": "body{}"} {
				if b, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(f))); err != nil || string(b) != want {
					t.Errorf("%s: %q, %v; want %q", f, b, err, want)
				}
			}
		})
	}
}

// TestCheckSettledRefusals: CheckSettled refuses what Check refuses.
func TestCheckSettledRefusals(t *testing.T) {
	_, src := site(t)
	if _, _, err := CheckSettled(src, filepath.Join(src, "content"), Settled{}); err == nil {
		t.Error("a destination inside content/ accepted")
	}
}

// TestCheckCache: a build cache directory inside the destination or inside
// a directory the build reads or copies is refused; beside the destination
// or elsewhere it is not.
func TestCheckCache(t *testing.T) {
	src := t.TempDir()
	dest := filepath.Join(src, "public")
	for _, c := range []struct {
		cache string
		bad   string // part of the message; "" for accepted
	}{
		{filepath.Join(src, ".public.hubgen-cache"), ""},
		{filepath.Join(t.TempDir(), "cache"), ""},
		{dest, "inside the destination"},
		{filepath.Join(dest, "cache"), "inside the destination"},
		{filepath.Join(src, "static", "cache"), "static/"},
		{filepath.Join(src, "content"), "content/"},
		{filepath.Join(src, "layouts", "x"), "layouts/"},
		{filepath.Join(src, ".git", "hubgen"), ".git/"},
	} {
		err := CheckCache(src, dest, c.cache)
		var ce *CacheError
		switch {
		case c.bad == "" && err != nil:
			t.Errorf("%s: refused: %v", c.cache, err)
		case c.bad != "" && (!errors.As(err, &ce) || !strings.Contains(err.Error(), c.bad)):
			t.Errorf("%s: %v, want a refusal naming %q", c.cache, err, c.bad)
		}
	}
}
