package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestHelpPrintedOnce: `--help` prints the usage once, on stdout, and
// nothing on stderr.
func TestHelpPrintedOnce(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"build", "--help"}, {"check", "-h"}, {"serve", "--help"}, {"new", "--help"}} {
		_, stdout, stderr := run(args...)
		if n := strings.Count(stdout, "Usage"); n != 1 || stderr != "" {
			t.Errorf("%v: %d usages on stdout, stderr %q", args, n, stderr)
		}
	}
}

// TestCheckNotesUnpublished: a draft left in by `new` and a page dated in
// the future are notes in check, and their twins' missing-translation
// warnings say why.
func TestCheckNotesUnpublished(t *testing.T) {
	dir := minimalSite(t, map[string]string{
		"news/a.pl.md": "---\ntitle: A\ndate: 2024-01-01\n---\n",
		"news/b.pl.md": "---\ntitle: B\ndate: 2024-01-01\n---\n",
		"news/c.pl.md": "---\ntitle: C\ndate: 2024-01-01\n---\n",
		"news/b.en.md": "---\ntitle: B\ndate: 2099-01-01\n---\n",
	})
	if code, _, stderr := run("new", "news", "a", "--lang", "en", "--source", dir); code != 0 {
		t.Fatalf("new: %s", stderr)
	}
	created, _ := os.ReadFile(filepath.Join(dir, "content", "news", "a.en.md"))
	draftLine := 1 + strings.Count(string(created[:strings.Index(string(created), "draft: true")]), "\n")
	code, stdout, stderr := run("check", "--source", dir)
	if code != 0 {
		t.Fatalf("check: exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		fmt.Sprintf("content/news/a.en.md:%d:1: note:", draftLine) + " not published: it is a draft (remove the line draft: true to publish it",
		"content/news/b.en.md:3:1: note: not published until 2099-01-01, its date",
		"content/news/a.pl.md:1:1: warning: the en version, content/news/a.en.md, is not published: it is a draft [no-translation]",
		"content/news/b.pl.md:1:1: warning: the en version, content/news/b.en.md, is not published: it is dated 2099-01-01, in the future [no-translation]",
		"content/news/c.pl.md:1:1: warning: no translation in en: add content/news/c.en.md [no-translation]",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("check lacks %q:\n%s", want, stderr)
		}
	}
	if !strings.Contains(stdout, "3 warnings (3 no-translation), 2 notes (2 unpublished)") {
		t.Errorf("summary: %q", stdout)
	}
	// `new` makes a file that check accepts once draft is removed.
	p := filepath.Join(dir, "content", "news", "a.en.md")
	b, _ := os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(b), "draft: true\n", "", 1)), 0o644)
	if code, _, stderr := run("check", "--source", dir); code != 0 || strings.Contains(stderr, "a.en.md") || strings.Contains(stderr, "content/news/a.pl.md") {
		t.Errorf("after removing draft: exit %d:\n%s", code, stderr)
	}
}

// TestWarningsGroupedAndSilenced: many warnings of one kind are cut to the
// first ten and a count; errors come first; --ignore and [warnings] in
// config.toml silence a kind but never an error.
func TestWarningsGroupedAndSilenced(t *testing.T) {
	pages := map[string]string{"news/bad.pl.md": "---\ntitle: Zła\n---\n"}
	for i := range 25 {
		pages[fmt.Sprintf("news/p%02d.pl.md", i)] = fmt.Sprintf("---\ntitle: P%d\ndate: 2024-01-01\nauthor: X\n---\n", i)
	}
	dir := minimalSite(t, pages)
	code, _, stderr := run("check", "--source", dir, "--ignore", "no-translation")
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	if !strings.HasPrefix(lines[0], "content/news/bad.pl.md:1:1: missing required key \"date\"") {
		t.Errorf("the error is not first: %q", lines[0])
	}
	if n := strings.Count(stderr, "[unknown-key]\n"); n != 10 {
		t.Errorf("%d unknown-key warnings printed, want 10", n)
	}
	if !strings.Contains(stderr, "hubgen: … and 15 more warnings [unknown-key] (--all prints them;") || strings.Contains(stderr, "[no-translation]") {
		t.Errorf("grouping:\n%s", stderr)
	}
	if !regexp.MustCompile(`hubgen check: 1 error, 25 warnings \(25 unknown-key\), 2[56] silenced`).MatchString(stderr) {
		t.Errorf("summary:\n%s", stderr)
	}
	if _, _, stderr := run("check", "--source", dir, "--all"); strings.Count(stderr, "[unknown-key]\n") != 25 {
		t.Errorf("--all printed %d", strings.Count(stderr, "[unknown-key]\n"))
	}
	cfg, _ := os.ReadFile(filepath.Join(dir, "config.toml"))
	os.WriteFile(filepath.Join(dir, "config.toml"), append(cfg, "[warnings]\nignore = [\"unknown-key\", \"no-translation\"]\n"...), 0o644)
	code, _, stderr = run("check", "--source", dir)
	if code != 1 || strings.Contains(stderr, "warning:") || !strings.Contains(stderr, "missing required key") {
		t.Errorf("config ignore: exit %d:\n%s", code, stderr)
	}
	os.WriteFile(filepath.Join(dir, "config.toml"), append(cfg, "[warnings]\nignore = [\"unknown-keys\"]\n"...), 0o644)
	if code, _, stderr := run("check", "--source", dir); code != 1 || !strings.Contains(stderr, `unknown kind "unknown-keys"`) {
		t.Errorf("a bad kind in config: exit %d:\n%s", code, stderr)
	}
	if code, _, stderr := run("check", "--source", dir, "--ignore", "nope"); code != 2 || !strings.Contains(stderr, `unknown kind "nope"`) {
		t.Errorf("a bad --ignore: exit %d: %s", code, stderr)
	}
}

// TestNewTagBuildsAsTopic: a tag not in [topics] builds as a topic of its
// own; check prints the config.toml entry to add; build says how many
// pages in each language, files, milliseconds and warnings.
func TestNewTagBuildsAsTopic(t *testing.T) {
	dir := minimalSite(t, map[string]string{
		"news/a.pl.md": "---\ntitle: A\ndate: 2024-01-01\ntags: [terroryzm, cbrm]\n---\n",
		"news/a.en.md": "---\ntitle: A\ndate: 2024-01-01\ntags: [cbrn]\n---\n",
	})
	code, _, stderr := run("check", "--source", dir)
	if code != 0 || !strings.Contains(stderr, "[topics.terroryzm]\npl = \"terroryzm\"\nen = \"terroryzm\"\n") || !strings.Contains(stderr, `did you mean "cbrn"?`) {
		t.Errorf("check: exit %d:\n%s", code, stderr)
	}
	dest := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := run("build", "--source", dir, "--dest", dest)
	if code != 0 {
		t.Fatalf("build: exit %d: %s", code, stderr)
	}
	if !regexp.MustCompile(`^hubgen: built 2 pages \(pl 1, en 1\) into \d+ files in .* in \d+ ms; 2 warnings \(2 unknown-tag\)\n$`).MatchString(stdout) {
		t.Errorf("summary %q", stdout)
	}
	page, err := os.ReadFile(filepath.Join(dest, "tematy", "terroryzm", "index.html"))
	if err != nil || !strings.Contains(string(page), "/aktualnosci/a/") {
		t.Errorf("the topic page of the new tag: %v", err)
	}
}

// TestTopicCollisionNamesBoth: two topics whose names make one URL are an
// error naming both topics and the fix.
func TestTopicCollisionNamesBoth(t *testing.T) {
	dir := minimalSite(t, map[string]string{"news/a.pl.md": "---\ntitle: A\ndate: 2024-01-01\ntags: [cbrn, lodz]\n---\n"})
	cfg, _ := os.ReadFile(filepath.Join(dir, "config.toml"))
	os.WriteFile(filepath.Join(dir, "config.toml"), append(cfg, "[topics.lodz]\npl = \"cbrn\"\nen = \"Łódź\"\n"...), 0o644)
	code, _, stderr := run("check", "--source", dir)
	want := `the page of topic "lodz" ("cbrn") collides with the page of topic "cbrn" ("CBRN"): both would be /tematy/cbrn/: give one of them another name under [topics] in config.toml`
	if code != 1 || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, want %q in:\n%s", code, want, stderr)
	}
}

// TestProgress: in a log (not a terminal) a build over a second prints one
// plain line per stage, without control characters; on a terminal one
// line is rewritten in place and cleared at the end.
func TestProgress(t *testing.T) {
	var log syncBuffer
	for _, age := range []time.Duration{0, 2 * time.Second} { // within the first second: nothing
		p := &progress{w: &log, start: time.Now().Add(-age), stop: make(chan struct{}), done: make(chan struct{})}
		go p.tick()
		p.Stage(fmt.Sprintf("render after %v", age))
		p.End()
	}
	if log.String() != "hubgen: render after 2s…\n" {
		t.Errorf("log progress %q", log.String())
	}
	var term syncBuffer
	p := &progress{w: &term, terminal: true, start: time.Now().Add(-2 * time.Second), stage: "convert", stop: make(chan struct{}), done: make(chan struct{})}
	go p.tick()
	time.Sleep(600 * time.Millisecond)
	p.End()
	out := term.String()
	if !strings.HasPrefix(out, "\r\x1b[Khubgen: convert… ") || !strings.HasSuffix(out, "\r\x1b[K") || strings.Contains(out, "\n") {
		t.Errorf("terminal progress %q", out)
	}
}

// TestBrokenTwinIsNotMissing: the twin of a page exists but has errors:
// the warning says to fix it, not to add it.
func TestBrokenTwinIsNotMissing(t *testing.T) {
	dir := minimalSite(t, map[string]string{
		"news/a.pl.md": "---\ntitle: A\ndate: 2024-01-01\n---\n",
		"news/a.en.md": "---\ntitle: A\n\tdate: 2024-01-01\n---\n",
	})
	_, _, stderr := run("check", "--source", dir)
	if !strings.Contains(stderr, "content/news/a.pl.md:1:1: warning: the en version, content/news/a.en.md, is not published: fix its errors") || strings.Contains(stderr, "add content/news/a.en.md") {
		t.Errorf("check:\n%s", stderr)
	}
}
