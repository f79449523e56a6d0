// Package gittest makes git repositories for tests, with commits at given
// dates. A test that needs git fails when CI=true and git is missing (CI
// must really run them) and is skipped elsewhere. Git runs with neither the
// user's nor the system's configuration, so that a signing key or a hook
// setting of the machine cannot change what a test sees.
package gittest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Need fails or skips t when git is not installed.
func Need(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("git"); err == nil {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("git is not installed; CI must run the tests of dates from git (apt-get install -y git)")
	}
	t.Skip("git is not installed (set CI=true to make this a failure)")
}

// Env is the environment the package runs git in: no user or system
// configuration, a fixed author and committer.
func Env() []string {
	return append(os.Environ(),
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_CONFIG_GLOBAL="+os.DevNull,
		"GIT_AUTHOR_NAME=Test", "GIT_AUTHOR_EMAIL=test@example.org",
		"GIT_COMMITTER_NAME=Test", "GIT_COMMITTER_EMAIL=test@example.org",
		"LC_ALL=C",
	)
}

// Git runs git with args in dir and returns its standard output, failing t
// on an error.
func Git(t testing.TB, dir string, args ...string) string {
	t.Helper()
	return run(t, dir, Env(), args)
}

// GitAt is Git with the author and committer dates of any commit it makes
// set to date (kept in its own offset): a commit, a merge.
func GitAt(t testing.TB, dir string, date time.Time, args ...string) string {
	t.Helper()
	d := date.Format(time.RFC3339)
	return run(t, dir, append(Env(), "GIT_AUTHOR_DATE="+d, "GIT_COMMITTER_DATE="+d), args)
}

func run(t testing.TB, dir string, env, args []string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = env
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return string(out)
}

// Init makes dir a repository with one branch, main.
func Init(t testing.TB, dir string) {
	t.Helper()
	Git(t, dir, "init", "-q", "-b", "main")
}

// Write writes files (slash paths relative to dir) with their contents,
// making directories as needed.
func Write(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Commit stages everything in the work tree and commits it at date (see
// GitAt).
func Commit(t testing.TB, dir string, date time.Time, msg string) {
	t.Helper()
	Git(t, dir, "add", "-A")
	GitAt(t, dir, date, "commit", "-q", "--allow-empty", "-m", msg)
}
