package cli

import (
	"bytes"
	"context"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"hubgen/internal/corpus"
)

// tree lists every path under dir with its size, to show a refused build
// touched nothing.
func tree(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil {
			b.WriteString(strings.TrimPrefix(p, dir) + " " + info.Mode().String() + "\n")
		}
		return nil
	})
	return b.String()
}

// TestBuildNeverDeletesWhatItDidNotMake: the destinations that used to make
// `build` delete the site, its .git or unrelated files are refused with exit
// status 2, and nothing under the working directory changes.
func TestBuildNeverDeletesWhatItDidNotMake(t *testing.T) {
	tests := []struct {
		name  string
		dest  func(work, site string) string
		args  []string
		want  string
		cache func(work, site string) string // --cache, when set
	}{
		{"--dest is --source", func(work, site string) string { return site }, nil, "is the site's source directory", nil},
		{"--dest contains --source", func(work, site string) string { return work }, []string{"--force"}, "contains the site's source directory", nil},
		{"--dest is an existing file", func(work, site string) string { return filepath.Join(work, "out.txt") }, []string{"--force"}, "is an existing file", nil},
		{"--dest inside content/", func(work, site string) string { return filepath.Join(site, "content", "public") }, nil, "inside the site's content/", nil},
		{"--dest a directory no build made", func(work, site string) string { return filepath.Join(work, "docs") }, nil, "add --force", nil},
		{"--cache inside static/", func(work, site string) string { return filepath.Join(work, "public") }, nil, "inside the site's static/",
			func(work, site string) string { return filepath.Join(site, "static", "cache") }},
		{"--cache inside --dest", func(work, site string) string { return filepath.Join(work, "public") }, nil, "inside the destination",
			func(work, site string) string { return filepath.Join(work, "public", "cache") }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			work := t.TempDir()
			site := filepath.Join(work, "site")
			copyDir(t, minimalSite(t, map[string]string{"news/a.pl.md": "---\ntitle: A\ndate: 2024-01-01\n---\n"}), site)
			os.MkdirAll(filepath.Join(site, ".git"), 0o755)
			os.WriteFile(filepath.Join(site, ".git", "HEAD"), []byte("ref: refs/heads/main\n"), 0o644)
			os.WriteFile(filepath.Join(work, "out.txt"), []byte("notes"), 0o644)
			os.MkdirAll(filepath.Join(work, "docs"), 0o755)
			os.WriteFile(filepath.Join(work, "docs", "plan.txt"), []byte("plan"), 0o644)
			before := tree(t, work)
			args := append([]string{"build", "--source", site, "--dest", tc.dest(work, site)}, tc.args...)
			if tc.cache != nil {
				args = append(args, "--cache", tc.cache(work, site))
			}
			code, _, stderr := run(args...)
			if code != 2 || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr, tc.want)
			}
			if after := tree(t, work); after != before {
				t.Errorf("the refused build changed files:\nbefore:\n%s\nafter:\n%s", before, after)
			}
		})
	}
}

// TestBuildForceAndRebuild: --force replaces a directory no build made; a
// previous output is replaced without it; a symlinked --dest stays a link.
func TestBuildForceAndRebuild(t *testing.T) {
	site := minimalSite(t, map[string]string{"news/a.pl.md": "---\ntitle: A\ndate: 2024-01-01\n---\n"})
	work := t.TempDir()
	docs := filepath.Join(work, "docs")
	os.MkdirAll(docs, 0o755)
	os.WriteFile(filepath.Join(docs, "plan.txt"), []byte("plan"), 0o644)
	if code, _, stderr := run("build", "--source", site, "--dest", docs, "--force"); code != 0 {
		t.Fatalf("--force: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(docs, "aktualnosci", "a", "index.html")); err != nil {
		t.Error(err)
	}
	if code, _, stderr := run("build", "--source", site, "--dest", docs); code != 0 {
		t.Errorf("rebuilding a previous output: exit %d: %s", code, stderr)
	}
	real, link := filepath.Join(work, "real"), filepath.Join(work, "link")
	os.MkdirAll(real, 0o755)
	os.Symlink(real, link)
	for i := 0; i < 2; i++ {
		if code, _, stderr := run("build", "--source", site, "--dest", link); code != 0 {
			t.Fatalf("build into a link: exit %d: %s", code, stderr)
		}
		if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Fatalf("--dest link replaced by a directory")
		}
		if _, err := os.Stat(filepath.Join(real, "aktualnosci", "a", "index.html")); err != nil {
			t.Error(err)
		}
	}
}

// TestBadFlagValuesExit2: values that would make unsafe sites or servers
// are usage errors.
func TestBadFlagValuesExit2(t *testing.T) {
	site := minimalSite(t, nil)
	tests := [][]string{
		{"build", "--source", site, "--base-url", "javascript://x/"},
		{"build", "--source", site, "--base-url", "ftp://example.org/"},
		{"build", "--source", site, "--base-url", "https://ex.org//evil.example/"},
		{"build", "--source", site, "--base-url", "example.org"},
		{"serve", "--source", site, "--bind", "evil.example"},
		{"serve", "--source", site, "--bind", "127.0.0.1:80"},
		{"serve", "--source", site, "--port", "0"},
		{"serve", "--source", site, "--port", "70000"},
	}
	for _, args := range tests {
		code, stdout, stderr := run(args...)
		if code != 2 || strings.TrimSpace(stderr) == "" || strings.Contains(stdout, "serving") {
			t.Errorf("%v: exit %d, stderr %q; want 2 with a message", args[2:], code, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(site, "public")); !os.IsNotExist(err) {
		t.Error("a refused build wrote public/")
	}
}

// TestInterruptedBuildPublishesNothing: a build whose context is cancelled
// by a signal exits 128+signal and leaves no output.
func TestInterruptedBuildPublishesNothing(t *testing.T) {
	site := minimalSite(t, map[string]string{"news/a.pl.md": "---\ntitle: A\ndate: 2024-01-01\n---\n"})
	for sig, want := range map[syscall.Signal]int{syscall.SIGINT: 130, syscall.SIGTERM: 143} {
		ctx, cancel := context.WithCancelCause(context.Background())
		cancel(Interrupt{Signal: sig})
		dest := filepath.Join(t.TempDir(), "public")
		for _, cmd := range [][]string{{"build", "--dest", dest}, {"check"}} {
			var out, errb bytes.Buffer
			code := RunContext(ctx, append(cmd, "--source", site), &out, &errb)
			if code != want || !strings.Contains(errb.String(), "stopped by") {
				t.Errorf("%s by %v: exit %d, stderr %q; want %d", cmd[0], sig, code, errb.String(), want)
			}
		}
		if _, err := os.Stat(dest); !os.IsNotExist(err) {
			t.Errorf("interrupted build published %s", dest)
		}
	}
}

// TestSignalStopsBuildPromptly runs the real command on a generated portal
// of 2,000 pages, sends SIGINT or SIGTERM while it writes, and expects it
// to stop with 130 or 143, publish nothing and leave no temporary directory.
func TestSignalStopsBuildPromptly(t *testing.T) {
	work := t.TempDir()
	bin := filepath.Join(work, "hubgen")
	if out, err := exec.Command("go", "build", "-o", bin, "..").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	site := filepath.Join(work, "site")
	if err := corpus.Generate(corpus.Options{Repo: "..", Dir: site, Pairs: 1000, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	for sig, want := range map[syscall.Signal]int{syscall.SIGINT: 130, syscall.SIGTERM: 143} {
		parent := filepath.Join(work, sig.String())
		os.MkdirAll(parent, 0o755)
		cmd := exec.Command(bin, "build", "--source", site, "--dest", filepath.Join(parent, "public"))
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		// Wait until the build has started writing its fresh directory.
		var err error
	wait:
		for {
			select {
			case err = <-exited:
				t.Fatalf("%v: the build ended (%v) before it started writing; stderr %s", sig, err, stderr.String())
			default:
			}
			if m, _ := filepath.Glob(filepath.Join(parent, ".public.new-*")); len(m) > 0 {
				break wait
			}
			time.Sleep(time.Millisecond)
		}
		cmd.Process.Signal(sig)
		err = <-exited
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != want {
			t.Errorf("%v: %v, want exit %d; stderr %s", sig, err, want, stderr.String())
		}
		entries, _ := os.ReadDir(parent)
		for _, e := range entries {
			t.Errorf("%v: left %s behind", sig, e.Name())
		}
	}
}

// TestServeRemovesKilledPreviews: a preview directory left by a serve that
// was killed is removed when serve starts next; a live one is kept.
func TestServeRemovesKilledPreviews(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	stale := filepath.Join(tmp, previewPrefix+"123")
	os.MkdirAll(filepath.Join(stale, "public"), 0o755)
	other := filepath.Join(tmp, "someone-elses")
	os.MkdirAll(other, 0o755)
	site := minimalSite(t, nil)
	ctx, cancel := context.WithCancel(context.Background())
	var out, errb syncBuffer
	done := make(chan int)
	go func() {
		done <- RunContext(ctx, []string{"serve", "--source", site, "--port", freePort(t)}, &out, &errb)
	}()
	for i := 0; i < 200 && !strings.Contains(out.String(), "serving"); i++ {
		time.Sleep(50 * time.Millisecond)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("stale preview %s not removed", stale)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("unrelated %s removed", other)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("serve: exit %d: %s", code, errb.String())
	}
}

// TestServeReportsABusyPort: when the port is taken, serve says so and never
// claims to be serving.
func TestServeReportsABusyPort(t *testing.T) {
	l := listen(t)
	defer l.Close()
	_, port, _ := strings.Cut(l.Addr().String(), ":")
	code, stdout, stderr := run("serve", "--source", minimalSite(t, nil), "--port", port)
	if code != 1 || strings.Contains(stdout, "serving") || !strings.Contains(stderr, "address already in use") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

// syncBuffer is a bytes.Buffer safe to read while a command writes to it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func listen(t testing.TB) net.Listener {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// freePort returns a port that was free a moment ago.
func freePort(t testing.TB) string {
	l := listen(t)
	defer l.Close()
	return strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
}
