package watch_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"hubgen/generator/watch"
)

const (
	// testQuiet is the debounce of the watchers under test: longer than the
	// 30 ms a preview would use, so that a busy machine pausing between two
	// calls of one simulated save does not split it into two batches.
	testQuiet = 200 * time.Millisecond
	// waitBatch is how long a test waits for a batch it expects.
	waitBatch = 5 * time.Second
	// waitNothing is how long a test waits to see that no batch comes.
	waitNothing = 300 * time.Millisecond
)

// newSite makes a site directory holding files (slash paths relative to
// it, each with a line of text) in a fresh temporary directory, beside a
// directory "outside" that is not part of the site, and returns the site's
// path.
func newSite(t *testing.T, files ...string) string {
	t.Helper()
	base := t.TempDir()
	root := filepath.Join(base, "site")
	mkdir(t, base, "outside")
	mkdir(t, root, ".")
	for _, f := range files {
		write(t, root, f)
	}
	return root
}

// outside returns the directory beside the site that newSite made.
func outside(root string) string { return filepath.Join(filepath.Dir(root), "outside") }

// write writes a line to the file rel of root, making its directory.
func write(t *testing.T, root, rel string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	mkdir(t, filepath.Dir(p), ".")
	if err := os.WriteFile(p, []byte("text of "+rel+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mkdir(t *testing.T, root, rel string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(root, filepath.FromSlash(rel)), 0o755); err != nil {
		t.Fatal(err)
	}
}

func rename(t *testing.T, root, from, to string) {
	t.Helper()
	if err := os.Rename(filepath.Join(root, filepath.FromSlash(from)), filepath.Join(root, filepath.FromSlash(to))); err != nil {
		t.Fatal(err)
	}
}

func remove(t *testing.T, root, rel string) {
	t.Helper()
	if err := os.RemoveAll(filepath.Join(root, filepath.FromSlash(rel))); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("cannot make a symbolic link: %v", err)
	}
}

// start watches root for the rest of the test.
func start(t *testing.T, root string) *watch.Watcher {
	t.Helper()
	w, err := watch.New(root, testQuiet)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := w.Close(); err != nil {
			t.Error(err)
		}
	})
	return w
}

// next waits for the next batch; an error from the watcher fails the test.
func next(t *testing.T, w *watch.Watcher) []string {
	t.Helper()
	select {
	case b, ok := <-w.Changes():
		if !ok {
			t.Fatal("Changes closed")
		}
		return b
	case err := <-w.Errors():
		t.Fatalf("watcher error: %v", err)
	case <-time.After(waitBatch):
		t.Fatalf("no batch within %v", waitBatch)
	}
	return nil
}

// expectNothing fails the test if a batch or an error comes within
// waitNothing.
func expectNothing(t *testing.T, w *watch.Watcher) {
	t.Helper()
	select {
	case b := <-w.Changes():
		t.Errorf("unexpected batch %q", b)
	case err := <-w.Errors():
		t.Errorf("watcher error: %v", err)
	case <-time.After(waitNothing):
	}
}

// step is something done to a watched site and the one batch it must give.
type step struct {
	do   func(t *testing.T, root string)
	want []string
}

// sentinel is written last by the steps that check that nothing before it
// was reported: events arrive in order, so the batch that reports it would
// report those too, or an earlier batch would.
const sentinel = "content/sentinel.md"

func TestChanges(t *testing.T) {
	tests := []struct {
		name  string
		files []string                        // made before the watch starts
		setup func(t *testing.T, root string) // done before the watch starts
		steps []step
	}{
		{
			name:  "plain write",
			files: []string{"content/a.md", "content/b.md"},
			steps: []step{{
				do:   func(t *testing.T, root string) { write(t, root, "content/a.md") },
				want: []string{"content/a.md"},
			}},
		},
		{
			name:  "create",
			files: []string{"content/news/old.md"},
			steps: []step{{
				do:   func(t *testing.T, root string) { write(t, root, "content/news/new.md") },
				want: []string{"content/news/new.md"},
			}},
		},
		{
			name:  "remove",
			files: []string{"content/a.md", "content/b.md"},
			steps: []step{{
				do:   func(t *testing.T, root string) { remove(t, root, "content/a.md") },
				want: []string{"content/a.md"},
			}},
		},
		{
			name:  "vim backup and replace",
			files: []string{"content/a.md"},
			steps: []step{{
				do: func(t *testing.T, root string) {
					write(t, root, "content/.a.md.swp") // while editing
					write(t, root, "content/4913")      // can vim write here?
					remove(t, root, "content/4913")
					rename(t, root, "content/a.md", "content/a.md~")
					write(t, root, "content/a.md")
					remove(t, root, "content/a.md~")
					remove(t, root, "content/.a.md.swp") // on quitting
				},
				want: []string{"content/a.md"},
			}},
		},
		{
			name:  "JetBrains safe write",
			files: []string{"content/a.md"},
			steps: []step{{
				do: func(t *testing.T, root string) {
					write(t, root, "content/a.md___jb_tmp___")
					rename(t, root, "content/a.md", "content/a.md___jb_old___")
					rename(t, root, "content/a.md___jb_tmp___", "content/a.md")
					remove(t, root, "content/a.md___jb_old___")
				},
				want: []string{"content/a.md"},
			}},
		},
		{
			name:  "burst of writes is one batch",
			files: []string{"content/a.md"},
			steps: []step{{
				do: func(t *testing.T, root string) {
					f, err := os.OpenFile(filepath.Join(root, "content", "a.md"), os.O_WRONLY|os.O_TRUNC, 0)
					if err != nil {
						t.Fatal(err)
					}
					defer f.Close()
					for range 200 {
						if _, err := f.Write([]byte("a line of the page\n")); err != nil {
							t.Fatal(err)
						}
					}
				},
				want: []string{"content/a.md"},
			}},
		},
		{
			name:  "new directory with files",
			files: []string{"content/news/old.md"},
			steps: []step{
				{
					do: func(t *testing.T, root string) {
						write(t, root, "content/news/2026/a.md")
						write(t, root, "content/news/2026/q1/jan/b.md")
						write(t, root, "content/news/2026/q1/.b.md.swp")
					},
					want: []string{"content/news/2026/a.md", "content/news/2026/q1/jan/b.md"},
				},
				{
					// The deepest new directory is watched too.
					do:   func(t *testing.T, root string) { write(t, root, "content/news/2026/q1/jan/c.md") },
					want: []string{"content/news/2026/q1/jan/c.md"},
				},
			},
		},
		{
			name:  "directory moved in",
			files: []string{"content/news/old.md"},
			steps: []step{
				{
					do: func(t *testing.T, root string) {
						dir := filepath.Join(outside(root), "batch")
						write(t, dir, "a.md")
						write(t, dir, "sub/b.md")
						write(t, dir, "sub/.b.md.swp")
						if err := os.Rename(dir, filepath.Join(root, "content", "news", "batch")); err != nil {
							t.Fatal(err)
						}
					},
					want: []string{"content/news/batch/a.md", "content/news/batch/sub/b.md"},
				},
				{
					do:   func(t *testing.T, root string) { write(t, root, "content/news/batch/sub/c.md") },
					want: []string{"content/news/batch/sub/c.md"},
				},
			},
		},
		{
			name:  "directory removed",
			files: []string{"content/news/a.md", "content/news/sub/b.md", "content/other.md"},
			steps: []step{
				{
					do:   func(t *testing.T, root string) { remove(t, root, "content/news") },
					want: []string{"content/news", "content/news/a.md", "content/news/sub", "content/news/sub/b.md"},
				},
				{
					// Made again, it is watched again.
					do:   func(t *testing.T, root string) { write(t, root, "content/news/c.md") },
					want: []string{"content/news/c.md"},
				},
			},
		},
		{
			name:  "directory renamed within the site",
			files: []string{"content/news/a.md", "content/news/sub/b.md"},
			steps: []step{
				{
					do:   func(t *testing.T, root string) { rename(t, root, "content/news", "content/archive") },
					want: []string{"content/archive/a.md", "content/archive/sub/b.md", "content/news"},
				},
				{
					// Changes under it have the new name.
					do:   func(t *testing.T, root string) { write(t, root, "content/archive/sub/c.md") },
					want: []string{"content/archive/sub/c.md"},
				},
			},
		},
		{
			name:  "directory renamed over an empty one",
			files: []string{"content/news/a.md"},
			setup: func(t *testing.T, root string) { mkdir(t, root, "content/archive") },
			steps: []step{
				{
					do: func(t *testing.T, root string) {
						// os.Rename refuses an existing directory; rename(2)
						// replaces an empty one.
						err := syscall.Rename(filepath.Join(root, "content", "news"), filepath.Join(root, "content", "archive"))
						if err != nil {
							t.Skipf("cannot rename over a directory: %v", err)
						}
					},
					want: []string{"content/archive/a.md", "content/news"},
				},
				{
					do:   func(t *testing.T, root string) { write(t, root, "content/archive/b.md") },
					want: []string{"content/archive/b.md"},
				},
			},
		},
		{
			name:  "directory moved out",
			files: []string{"content/news/a.md", "content/news/sub/b.md"},
			steps: []step{
				{
					do: func(t *testing.T, root string) {
						if err := os.Rename(filepath.Join(root, "content", "news"), filepath.Join(outside(root), "news")); err != nil {
							t.Fatal(err)
						}
					},
					want: []string{"content/news"},
				},
				{
					// It is no longer watched.
					do: func(t *testing.T, root string) {
						write(t, outside(root), "news/c.md")
						write(t, outside(root), "news/sub/d.md")
						write(t, root, sentinel)
					},
					want: []string{sentinel},
				},
			},
		},
		{
			name: "outside the inputs never reported",
			files: []string{
				"content/a.md", "public/index.html", ".git/HEAD", "node_modules/x/index.js",
				"README.md", "go.mod",
			},
			steps: []step{{
				do: func(t *testing.T, root string) {
					write(t, root, "public/index.html")
					write(t, root, "public/new/index.html")
					write(t, root, ".git/HEAD")
					write(t, root, ".git/objects/ab/cdef")
					write(t, root, "node_modules/x/index.js")
					write(t, root, "README.md")
					write(t, root, "content.md")
					// A build's swap: a fresh directory beside the
					// destination replaces it.
					write(t, root, ".public.new-123/index.html")
					write(t, root, ".public.new-123/en/index.html")
					rename(t, root, "public", ".public.old-123")
					rename(t, root, ".public.new-123", "public")
					remove(t, root, ".public.old-123")
					write(t, root, sentinel)
				},
				want: []string{sentinel},
			}},
		},
		{
			name:  "scratch files never reported",
			files: []string{"content/a.md", "layouts/page.html"},
			steps: []step{{
				do: func(t *testing.T, root string) {
					for _, f := range []string{
						"content/.a.md.swp", "content/.a.md.swx", "content/a.md~", "content/.#a.md",
						"content/4913", "content/a.md.tmp", "content/a.md.swp", "content/a.md.swx",
						"content/.hidden", "layouts/.page.html.swp", "layouts/page.html~",
					} {
						write(t, root, f)
						write(t, root, f)
						remove(t, root, f)
					}
					write(t, root, sentinel)
				},
				want: []string{sentinel},
			}},
		},
		{
			name:  "config.toml",
			files: []string{"config.toml", "content/a.md"},
			steps: []step{
				{
					do:   func(t *testing.T, root string) { write(t, root, "config.toml") },
					want: []string{"config.toml"},
				},
				{
					do: func(t *testing.T, root string) {
						write(t, root, "config.toml.tmp")
						rename(t, root, "config.toml.tmp", "config.toml")
					},
					want: []string{"config.toml"},
				},
				{
					do: func(t *testing.T, root string) {
						write(t, root, "other.toml")
						write(t, root, "config.yaml")
						write(t, root, sentinel)
					},
					want: []string{sentinel},
				},
			},
		},
		{
			name:  "layouts, static and i18n",
			files: []string{"layouts/_default/single.html", "static/css/site.css", "i18n/en.toml"},
			steps: []step{{
				do: func(t *testing.T, root string) {
					write(t, root, "layouts/_default/single.html")
					write(t, root, "static/css/site.css")
					write(t, root, "i18n/en.toml")
				},
				want: []string{"i18n/en.toml", "layouts/_default/single.html", "static/css/site.css"},
			}},
		},
		{
			name:  "file in a dot directory of static",
			files: []string{"static/css/site.css"},
			steps: []step{{
				do:   func(t *testing.T, root string) { write(t, root, "static/.well-known/security.txt") },
				want: []string{"static/.well-known/security.txt"},
			}},
		},
		{
			name:  "input directory made later",
			files: []string{"content/a.md"},
			steps: []step{
				{
					do:   func(t *testing.T, root string) { write(t, root, "i18n/pl.toml") },
					want: []string{"i18n/pl.toml"},
				},
				{
					do:   func(t *testing.T, root string) { write(t, root, "i18n/en.toml") },
					want: []string{"i18n/en.toml"},
				},
			},
		},
		{
			name:  "input directory removed and made again",
			files: []string{"layouts/base.html", "layouts/_default/list.html"},
			steps: []step{
				{
					do: func(t *testing.T, root string) {
						remove(t, root, "layouts")
						write(t, root, "layouts/base.html")
					},
					want: []string{"layouts", "layouts/_default", "layouts/_default/list.html", "layouts/base.html"},
				},
				{
					do:   func(t *testing.T, root string) { write(t, root, "layouts/_default/list.html") },
					want: []string{"layouts/_default/list.html"},
				},
			},
		},
		{
			name:  "symbolic link to a directory not followed",
			files: []string{"content/a.md"},
			setup: func(t *testing.T, root string) {
				write(t, outside(root), "linked/x.md")
				symlink(t, filepath.Join(outside(root), "linked"), filepath.Join(root, "content", "linked"))
			},
			steps: []step{
				{
					do: func(t *testing.T, root string) {
						write(t, outside(root), "linked/x.md")
						write(t, outside(root), "linked/sub/y.md")
						write(t, root, sentinel)
					},
					want: []string{sentinel},
				},
				{
					// A new link is reported as what it is (the build
					// refuses it), not walked.
					do: func(t *testing.T, root string) {
						symlink(t, filepath.Join(outside(root), "linked"), filepath.Join(root, "content", "news"))
					},
					want: []string{"content/news"},
				},
				{
					do: func(t *testing.T, root string) {
						write(t, outside(root), "linked/z.md")
						write(t, outside(root), "linked/sub/y.md")
						write(t, root, sentinel)
					},
					want: []string{sentinel},
				},
			},
		},
	}
	// Saves that write a temporary file and rename it over the page.
	for _, tmp := range []string{"a.md.tmp", ".a.md.swp", "a.md~", "4913", ".#a.md", ".a.md.kate-swp", "a.md___jb_tmp___"} {
		tests = append(tests, struct {
			name  string
			files []string
			setup func(t *testing.T, root string)
			steps []step
		}{
			name:  "rename over from " + tmp,
			files: []string{"content/news/a.md", "content/news/b.md"},
			steps: []step{{
				do: func(t *testing.T, root string) {
					write(t, root, "content/news/"+tmp)
					rename(t, root, "content/news/"+tmp, "content/news/a.md")
				},
				want: []string{"content/news/a.md"},
			}},
		})
	}

	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			root := newSite(t, tc.files...)
			if tc.setup != nil {
				tc.setup(t, root)
			}
			w := start(t, root)
			for i, s := range tc.steps {
				s.do(t, root)
				if got := next(t, w); !slices.Equal(got, s.want) {
					t.Fatalf("step %d: got %q, want %q", i+1, got, s.want)
				}
			}
			expectNothing(t, w)
		})
	}
}

func TestNewRefuses(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		root  string
		quiet time.Duration
	}{
		{"missing directory", filepath.Join(dir, "missing"), testQuiet},
		{"a file", file, testQuiet},
		{"no quiet period", dir, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w, err := watch.New(tc.root, tc.quiet)
			if err == nil {
				w.Close()
				t.Fatal("New succeeded")
			}
		})
	}
}

func TestCloseClosesChannels(t *testing.T) {
	root := newSite(t, "content/a.md")
	w, err := watch.New(root, testQuiet)
	if err != nil {
		t.Fatal(err)
	}
	write(t, root, "content/a.md") // a change that will never be taken
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	for range w.Changes() {
		// Close may race with a batch already on offer; nothing follows.
	}
	for err := range w.Errors() {
		t.Errorf("watcher error: %v", err)
	}
	if err := w.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
}

func TestSiteDirectoryRemoved(t *testing.T) {
	root := newSite(t, "config.toml", "content/a.md")
	w := start(t, root)
	remove(t, root, ".")
	timeout := time.After(waitBatch)
	for {
		select {
		case b := <-w.Changes():
			// The inputs going first; what matters is the error.
			t.Logf("batch %q", b)
		case err := <-w.Errors():
			if !strings.Contains(err.Error(), "removed") {
				t.Fatalf("error %q does not say the site's directory was removed", err)
			}
			return
		case <-timeout:
			t.Fatalf("no error within %v", waitBatch)
		}
	}
}

// TestBatchWhileEventsContinue checks that a file written without a pause
// does not hold its batch back for ever: without the cap on waiting, no
// batch would come while the writer goes on.
func TestBatchWhileEventsContinue(t *testing.T) {
	const quiet = 50 * time.Millisecond // the cap is then 1 s
	root := newSite(t, "content/log.md")
	w, err := watch.New(root, quiet)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		f, err := os.OpenFile(filepath.Join(root, "content", "log.md"), os.O_WRONLY|os.O_APPEND, 0)
		if err != nil {
			t.Error(err)
			return
		}
		defer f.Close()
		tick := time.NewTicker(quiet / 10) // well within the quiet period
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				if _, err := f.WriteString("another line\n"); err != nil {
					t.Error(err)
					return
				}
			}
		}
	}()
	got := next(t, w)
	close(stop)
	<-done
	if !slices.Equal(got, []string{"content/log.md"}) {
		t.Fatalf("got %q", got)
	}
}
