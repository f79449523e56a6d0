package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

func run(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := Run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestBadUsageExits2(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"no command", nil},
		{"unknown command", []string{"deploy"}},
		{"unknown flag", []string{"build", "--nope"}},
		{"extra argument", []string{"build", "extra"}},
		{"flag without value", []string{"build", "--dest"}},
		{"bad format", []string{"check", "--format", "xml"}},
		{"bad port", []string{"serve", "--port", "abc"}},
		{"new without name", []string{"new", "news"}},
		{"new unknown section", []string{"new", "blog", "x", "--source", os.TempDir()}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := run(tc.args...)
			if code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			if strings.TrimSpace(stderr) == "" {
				t.Error("no message on stderr")
			}
		})
	}
}

func TestHelpExits0(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"build", "--help"}, {"check", "-h"}, {"serve", "--help"}, {"new", "--help"}} {
		code, stdout, _ := run(args...)
		if code != 0 || !strings.Contains(stdout, "Usage") {
			t.Errorf("%v: exit %d, stdout %q", args, code, stdout)
		}
	}
}

// minimalSite writes a tiny site using the repository's layouts and strings.
func minimalSite(t *testing.T, pages map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	copyDir(t, "../layouts", filepath.Join(dir, "layouts"))
	copyDir(t, "../i18n", filepath.Join(dir, "i18n"))
	copyDir(t, "../static", filepath.Join(dir, "static"))
	cfg := `baseURL = "https://example.org/"
[languages.pl]
title = "Portal"
[languages.en]
title = "Portal"
[topics.cbrn]
pl = "CBRN"
en = "CBRN"
`
	os.WriteFile(filepath.Join(dir, "config.toml"), []byte(cfg), 0o644)
	for name, text := range pages {
		p := filepath.Join(dir, "content", filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(text), 0o644)
	}
	return dir
}

func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(dst, 0o755)
	for _, e := range entries {
		if e.IsDir() {
			copyDir(t, filepath.Join(src, e.Name()), filepath.Join(dst, e.Name()))
			continue
		}
		b, _ := os.ReadFile(filepath.Join(src, e.Name()))
		os.WriteFile(filepath.Join(dst, e.Name()), b, 0o644)
	}
}

var diagLine = regexp.MustCompile(`^content/[a-z/.0-9-]+\.md:\d+:\d+: `)

func TestCheckBrokenTree(t *testing.T) {
	dir := minimalSite(t, map[string]string{
		"news/ok.pl.md":     "---\ntitle: Dobra\ndate: 2024-01-01\n---\nTekst z [linkiem](../organisations/brak.md).\n",
		"news/broken.pl.md": "---\ntitle: \"Zła\ndate: 2024-01-01\n---\n",
		"news/nodate.en.md": "---\ntitle: No date\n---\n",
	})
	code, _, stderr := run("check", "--source", dir)
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	found := map[string]bool{}
	for _, l := range lines {
		if strings.Contains(l, "warning:") {
			continue
		}
		if strings.HasPrefix(l, "hubgen check: ") { // the summary: counts, and that it failed
			continue
		}
		if !diagLine.MatchString(l) {
			t.Errorf("line %q is not path:line:col: message", l)
		}
		for _, f := range []string{"news/ok.pl.md:5:", "news/broken.pl.md:2:", "news/nodate.en.md:1:"} {
			if strings.HasPrefix(l, "content/"+f) {
				found[f] = true
			}
		}
	}
	if len(found) != 3 {
		t.Errorf("want errors for all three files in one run, found %v in:\n%s", found, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Error("check wrote output")
	}
}

func TestCheckGitHubFormat(t *testing.T) {
	dir := minimalSite(t, map[string]string{"news/nodate.pl.md": "---\ntitle: Bez daty\n---\n"})
	code, stdout, _ := run("check", "--source", dir, "--format", "github")
	if code != 1 || !strings.Contains(stdout, "::error file=content/news/nodate.pl.md,line=1,col=1::") {
		t.Errorf("exit %d, stdout %q", code, stdout)
	}
}

func TestCheckWarnsMissingTranslation(t *testing.T) {
	dir := minimalSite(t, map[string]string{"news/solo.pl.md": "---\ntitle: Solo\ndate: 2024-01-01\n---\n"})
	code, _, stderr := run("check", "--source", dir)
	if code != 0 || !strings.Contains(stderr, "content/news/solo.pl.md:1:1: warning: no translation in en") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

func TestBuildAndNew(t *testing.T) {
	dir := minimalSite(t, map[string]string{"news/a.pl.md": "---\ntitle: A\ndate: 2024-01-01\n---\n"})
	if code, _, stderr := run("new", "news", "nowa", "--lang", "en", "--source", dir); code != 0 {
		t.Fatalf("new: exit %d: %s", code, stderr)
	}
	if code, _, _ := run("new", "news", "nowa", "--lang", "en", "--source", dir); code == 0 {
		t.Error("new overwrote an existing file")
	}
	b, err := os.ReadFile(filepath.Join(dir, "content", "news", "nowa.en.md"))
	if err != nil || !strings.Contains(string(b), "title: \"Nowa\"") || !strings.Contains(string(b), "draft: true") {
		t.Fatalf("new file: %q %v", b, err)
	}
	// A fresh file is a valid draft: it checks clean with --drafts.
	if code, _, stderr := run("check", "--source", dir, "--drafts"); code != 0 {
		t.Errorf("check of a fresh file: exit %d, %s", code, stderr)
	}
	dest := filepath.Join(t.TempDir(), "out")
	if code, _, stderr := run("build", "--source", dir, "--dest", dest); code != 0 {
		t.Fatalf("build: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dest, "aktualnosci", "a", "index.html")); err != nil {
		t.Error(err)
	}
	// --timings names every stage with its milliseconds, in order.
	code, _, stderr := run("build", "--source", dir, "--dest", dest, "--timings")
	if code != 0 {
		t.Fatalf("build --timings: exit %d: %s", code, stderr)
	}
	if !regexp.MustCompile(`(?m)^hubgen: timings: setup=\d+ms load=\d+ms convert=\d+ms plan=\d+ms render=\d+ms search=\d+ms publish=\d+ms writes=\d+ms total=\d+ms$`).MatchString(stderr) {
		t.Errorf("build --timings printed %q", stderr)
	}
}

// TestServe: `serve` builds the site and serves it from memory with the
// right content types until its context ends, writing nothing to disk.
func TestServe(t *testing.T) {
	dir := minimalSite(t, map[string]string{"news/a.pl.md": "---\ntitle: Aktualność\ndate: 2024-01-01\n---\nTekst.\n"})
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	ctx, cancel := context.WithCancel(context.Background())
	var out, errb bytes.Buffer
	done := make(chan int)
	go func() {
		done <- RunContext(ctx, []string{"serve", "--source", dir, "--port", strconv.Itoa(port)}, &out, &errb)
	}()
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	var resp *http.Response
	for i := 0; i < 100; i++ {
		if resp, err = http.Get(base + "/aktualnosci/aktualnosc/"); err == nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		cancel()
		t.Fatalf("server did not come up: %v; stderr %s", err, errb.String())
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" || !strings.Contains(string(body), `<link rel="canonical" href="`+base+`/aktualnosci/aktualnosc/">`) {
		t.Errorf("status %d, type %q, links to the preview host: %v", resp.StatusCode, resp.Header.Get("Content-Type"), strings.Contains(string(body), base))
	}
	if resp, err := http.Get(base + "/css/missing.css"); err != nil || resp.StatusCode != 404 {
		t.Errorf("missing file: %v %v", resp.StatusCode, err)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("serve exited %d: %s", code, errb.String())
	}
	if entries, _ := os.ReadDir(tmp); len(entries) > 0 {
		t.Errorf("serve left %s in the temporary directory", entries[0].Name())
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Error("serve wrote into the site's public/")
	}
}
