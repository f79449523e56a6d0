package gitdates

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"hubgen/internal/gittest"
)

var (
	date1 = time.Date(2024, 1, 2, 10, 0, 0, 0, time.FixedZone("", 2*3600))
	date2 = time.Date(2024, 3, 4, 23, 30, 0, 0, time.FixedZone("", -5*3600)) // 5 March in UTC
	date3 = time.Date(2024, 4, 1, 10, 0, 0, 0, time.UTC)                     // on a branch
	date4 = time.Date(2024, 4, 2, 10, 0, 0, 0, time.UTC)                     // on main meanwhile
	date5 = time.Date(2024, 5, 1, 0, 30, 0, 0, time.FixedZone("", 2*3600))   // the merge
)

// history makes a repository whose site lives in site/:
//
//  1. date1: a.md, c.md, f.md, p.md, a layout, and files outside the site
//  2. date2: a.md changed; b.md and names with spaces, Polish letters, a
//     tab and a quote added
//  3. date3, on a branch: f.md changed
//  4. date4, on main: g.md added
//  5. date5: the branch merged into main
//
// then, uncommitted: c.md changed, d.md new, e.md new and staged.
func history(t *testing.T) string {
	t.Helper()
	gittest.Need(t)
	repo := t.TempDir()
	gittest.Init(t, repo)
	gittest.Write(t, repo, map[string]string{
		"README.md":                "readme\n",
		"other/content/news/a.md":  "not the site\n",
		"site/content/news/a.md":   "a1\n",
		"site/content/news/c.md":   "c1\n",
		"site/content/news/f.md":   "f1\n",
		"site/content/pages/p.md":  "p1\n",
		"site/layouts/baseof.html": "<html>\n",
	})
	gittest.Commit(t, repo, date1, "one")
	gittest.Write(t, repo, map[string]string{
		"site/content/news/a.md":               "a2\n",
		"site/content/news/b.md":               "b2\n",
		"site/content/news/ważne sprawy.md":    "w2\n",
		"other/content/news/a.md":              "still not the site\n",
		"site/content/news/zażółć gęślą.md":    "z2\n",
		"site/content/news/tab\tand\"quote.md": "q2\n",
	})
	gittest.Commit(t, repo, date2, "two")
	gittest.Git(t, repo, "checkout", "-q", "-b", "branch")
	gittest.Write(t, repo, map[string]string{"site/content/news/f.md": "f3\n"})
	gittest.Commit(t, repo, date3, "three, on a branch")
	gittest.Git(t, repo, "checkout", "-q", "main")
	gittest.Write(t, repo, map[string]string{"site/content/news/g.md": "g4\n"})
	gittest.Commit(t, repo, date4, "four, on main")
	gittest.GitAt(t, repo, date5, "merge", "-q", "--no-ff", "--no-edit", "branch")
	gittest.Write(t, repo, map[string]string{
		"site/content/news/c.md": "c changed, not committed\n",
		"site/content/news/d.md": "new, not committed\n",
		"site/content/news/e.md": "new, staged\n",
	})
	gittest.Git(t, repo, "add", "site/content/news/e.md")
	return repo
}

func TestRead(t *testing.T) {
	repo := history(t)
	site := filepath.Join(repo, "site")
	tests := []struct {
		name  string
		dir   string
		paths []string
		want  map[string]time.Time
	}{
		{"site in a subdirectory", site, []string{"content"}, map[string]time.Time{
			"content/news/a.md":               date2, // changed in both commits: the last
			"content/news/b.md":               date2,
			"content/news/c.md":               date1, // changed since, not committed
			"content/news/f.md":               date5, // changed on a branch: the merge
			"content/news/g.md":               date4,
			"content/news/ważne sprawy.md":    date2,
			"content/news/zażółć gęślą.md":    date2,
			"content/news/tab\tand\"quote.md": date2,
			"content/pages/p.md":              date1,
		}},
		{"one folder", site, []string{"content/pages"}, map[string]time.Time{
			"content/pages/p.md": date1,
		}},
		{"the whole site", site, nil, map[string]time.Time{
			"content/news/a.md":               date2,
			"content/news/b.md":               date2,
			"content/news/c.md":               date1,
			"content/news/f.md":               date5,
			"content/news/g.md":               date4,
			"content/news/ważne sprawy.md":    date2,
			"content/news/zażółć gęślą.md":    date2,
			"content/news/tab\tand\"quote.md": date2,
			"content/pages/p.md":              date1,
			"layouts/baseof.html":             date1,
		}},
		{"from the top", repo, []string{"other"}, map[string]time.Time{
			"other/content/news/a.md": date2,
		}},
		{"a folder git does not know", site, []string{"static"}, map[string]time.Time{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Read(context.Background(), tc.dir, tc.paths...)
			if err != nil {
				t.Fatal(err)
			}
			for name, want := range tc.want {
				d, ok := got[name]
				switch {
				case !ok:
					t.Errorf("%q: no date", name)
				case !d.Equal(want) || d.Format(time.RFC3339) != want.Format(time.RFC3339):
					// Same instant and same offset: the date as the committer's clock showed it.
					t.Errorf("%q: %s, want %s", name, d.Format(time.RFC3339), want.Format(time.RFC3339))
				}
			}
			for name := range got {
				if _, ok := tc.want[name]; !ok {
					t.Errorf("%q dated %s, want no date", name, got[name].Format(time.RFC3339))
				}
			}
		})
	}
}

// TestReadTimeZone: a date is the day the committer's clock showed, in
// the commit's own offset (date2 is 4 March at -05:00, 5 March in UTC),
// never in the machine's zone, so that every machine builds the same pages.
func TestReadTimeZone(t *testing.T) {
	repo := history(t)
	got, err := Read(context.Background(), filepath.Join(repo, "site"), "content")
	if err != nil {
		t.Fatal(err)
	}
	d := got["content/news/b.md"]
	if name, offset := d.Zone(); d.Format("2006-01-02") != "2024-03-04" || name != "" || offset != -5*3600 {
		t.Errorf("date %s in zone %q %+d, want 2024-03-04 in a zone of its own at -05:00", d.Format(time.RFC3339), name, offset)
	}
}

func TestReadShallowClone(t *testing.T) {
	repo := history(t)
	clone := filepath.Join(t.TempDir(), "clone")
	gittest.Git(t, repo, "clone", "-q", "--depth", "1", "file://"+filepath.ToSlash(repo), clone)
	dates, err := Read(context.Background(), filepath.Join(clone, "site"), "content")
	if !errors.Is(err, ErrShallow) {
		t.Fatalf("error %v, want ErrShallow", err)
	}
	if dates != nil {
		t.Errorf("dates from a shallow clone: %v", dates)
	}
	if !strings.Contains(err.Error(), "fetch-depth: 0") {
		t.Errorf("the error does not say how to fix it: %v", err)
	}
	// A full clone has the dates.
	full := filepath.Join(t.TempDir(), "full")
	gittest.Git(t, repo, "clone", "-q", "file://"+filepath.ToSlash(repo), full)
	dates, err = Read(context.Background(), filepath.Join(full, "site"), "content")
	if err != nil || !dates["content/news/c.md"].Equal(date1) {
		t.Errorf("full clone: %v, %v", dates, err)
	}
}

// TestReadNoDates: where git cannot date anything, Read says nothing.
func TestReadNoDates(t *testing.T) {
	tests := []struct {
		name string
		dir  func(t *testing.T) string
	}{
		{"not a repository", func(t *testing.T) string {
			gittest.Need(t)
			dir := t.TempDir()
			t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir)) // whatever holds the temp dir
			return dir
		}},
		{"no commits yet", func(t *testing.T) string {
			gittest.Need(t)
			dir := t.TempDir()
			gittest.Init(t, dir)
			gittest.Write(t, dir, map[string]string{"content/news/a.md": "a\n"})
			return dir
		}},
		{"inside .git", func(t *testing.T) string {
			return filepath.Join(history(t), ".git")
		}},
		{"no git", func(t *testing.T) string {
			t.Setenv("PATH", t.TempDir())
			return t.TempDir()
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dates, err := Read(context.Background(), tc.dir(t), "content")
			if err != nil || dates != nil {
				t.Errorf("got %v, %v; want no dates, no error", dates, err)
			}
		})
	}
}

// TestReadGitFails: a git that fails for another reason (here one that
// only fails) is an error saying what git said.
func TestReadGitFails(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("a shell script stands for git")
	}
	bin := t.TempDir()
	script := "#!/bin/sh\necho 'fatal: detected dubious ownership in repository' >&2\nexit 128\n"
	if err := os.WriteFile(filepath.Join(bin, "git"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin)
	_, err := Read(context.Background(), t.TempDir(), "content")
	if err == nil || !strings.Contains(err.Error(), "git rev-parse") || !strings.Contains(err.Error(), "detected dubious ownership") {
		t.Errorf("error %v", err)
	}
}

func TestReadCancelled(t *testing.T) {
	repo := history(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Read(ctx, repo, "site"); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}

func TestParseLog(t *testing.T) {
	d1 := "2024-01-02T10:00:00+02:00"
	d2 := "2024-03-04T23:30:00-05:00"
	tests := []struct {
		name, out, prefix string
		want              map[string]string // name -> date
		err               string
	}{
		{"nothing", "", "", map[string]string{}, ""},
		{"newest first wins", "\x00" + d2 + "\x00\na.md\x00b.md\x00\x00" + d1 + "\x00\na.md\x00c.md\x00", "",
			map[string]string{"a.md": d2, "b.md": d2, "c.md": d1}, ""},
		{"a commit without files", "\x00" + d2 + "\x00\x00" + d1 + "\x00\na.md\x00", "",
			map[string]string{"a.md": d1}, ""},
		{"prefix", "\x00" + d1 + "\x00\nsite/a.md\x00other/b.md\x00site/\x00", "site/",
			map[string]string{"a.md": d1}, ""},
		{"names with newlines", "\x00" + d1 + "\x00\n\nlead.md\x00mid\nx.md\x00", "",
			map[string]string{"\nlead.md": d1, "mid\nx.md": d1}, ""},
		{"a name before a commit", "a.md\x00", "", nil, "before the first commit"},
		{"not a date", "\x00yesterday\x00\na.md\x00", "", nil, `"yesterday" is not a date`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseLog([]byte(tc.out), tc.prefix)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tc.want) {
				t.Errorf("%d dates, want %d: %v", len(got), len(tc.want), got)
			}
			for name, want := range tc.want {
				if d, ok := got[name]; !ok || d.Format(time.RFC3339) != want {
					t.Errorf("%q: %v, want %s", name, d, want)
				}
			}
		})
	}
}
