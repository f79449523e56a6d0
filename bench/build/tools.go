package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// The tools compared, by the names -tools takes.
const (
	toolHubgen     = "hubgen"
	toolHugoDebian = "hugo-debian"
	toolHugo165    = "hugo-0.165"
	toolPagefind   = "pagefind"
)

const (
	hugoModule      = "github.com/gohugoio/hugo"
	hugoVersion     = "v0.165.0"
	pagefindPackage = "pagefind@1.6.0"
)

// Tool is a program under test: where it is and what it says its version is.
type Tool struct {
	Name    string
	Path    string
	Version string
	// Timings is whether hubgen accepts build --timings.
	Timings bool
}

// benchCache is where installed tools are kept between runs:
// $XDG_CACHE_HOME/hubgen-bench or ~/.cache/hubgen-bench.
func benchCache() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	return filepath.Join(dir, "hubgen-bench")
}

// output runs a command and returns its trimmed combined output.
func output(ctx context.Context, dir, name string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	return strings.TrimSpace(string(out)), err
}

// firstLine is the first line of s.
func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return strings.TrimSpace(line)
}

// buildHubgen compiles the repository's hubgen into bin and says which
// commit it is, and whether its build command takes --timings.
func buildHubgen(ctx context.Context, repo, bin string) (Tool, error) {
	if out, err := output(ctx, repo, "go", "build", "-o", bin, "."); err != nil {
		return Tool{}, fmt.Errorf("go build: %v\n%s", err, out)
	}
	t := Tool{Name: toolHubgen, Path: bin, Version: "unknown commit"}
	if rev, err := output(ctx, repo, "git", "rev-parse", "--short", "HEAD"); err == nil {
		t.Version = "commit " + rev
		if st, err := output(ctx, repo, "git", "status", "--porcelain", "--untracked-files=no"); err == nil && st != "" {
			t.Version += " with uncommitted changes"
		}
	}
	if goV, err := output(ctx, repo, "go", "env", "GOVERSION"); err == nil {
		t.Version += ", " + goV
	}
	help, _ := output(ctx, repo, bin, "build", "-h")
	t.Timings = strings.Contains(help, "-timings")
	return t, nil
}

// findHugoDebian finds Debian's hugo: /usr/bin/hugo, else hugo in PATH.
func findHugoDebian(ctx context.Context) (Tool, string) {
	path := "/usr/bin/hugo"
	if _, err := os.Stat(path); err != nil {
		p, err := exec.LookPath("hugo")
		if err != nil {
			return Tool{}, "not found: install Debian's with `apt-get install -y hugo` (0.111.3 on bookworm)"
		}
		path = p
	}
	v, err := output(ctx, "", path, "version")
	if err != nil {
		return Tool{}, fmt.Sprintf("%s does not run: %v", path, err)
	}
	return Tool{Name: toolHugoDebian, Path: path, Version: firstLine(v)}, ""
}

// findHugo165 finds Hugo 0.165 in the cache, or installs it there once with
// go install (it compiles for several minutes); a failed install is
// reported and the benchmark goes on without it.
func findHugo165(ctx context.Context, cache string, logf func(string, ...any)) (Tool, string) {
	gobin := filepath.Join(cache, "bin")
	path := filepath.Join(gobin, "hugo")
	if _, err := os.Stat(path); err != nil {
		logf("installing Hugo %s into %s (go install; it compiles for several minutes)…", hugoVersion, gobin)
		cmd := exec.CommandContext(ctx, "go", "install", hugoModule+"@"+hugoVersion)
		cmd.Dir = cache
		cmd.Env = append(os.Environ(), "GOBIN="+gobin)
		if err := os.MkdirAll(gobin, 0o755); err != nil {
			return Tool{}, err.Error()
		}
		out, err := cmd.CombinedOutput()
		if err != nil {
			log := filepath.Join(cache, "hugo-install.log")
			os.WriteFile(log, out, 0o644)
			return Tool{}, fmt.Sprintf("`GOBIN=%s go install %s@%s` failed (%v; output in %s): %s", gobin, hugoModule, hugoVersion, err, log, firstLine(tail(string(out), 300)))
		}
	}
	v, err := output(ctx, "", path, "version")
	if err != nil {
		return Tool{}, fmt.Sprintf("%s does not run: %v", path, err)
	}
	if !strings.Contains(v, hugoVersion) {
		return Tool{}, fmt.Sprintf("%s is %q, not %s: delete it to install again", path, firstLine(v), hugoVersion)
	}
	return Tool{Name: toolHugo165, Path: path, Version: firstLine(v)}, ""
}

// findPagefind finds Pagefind's native binary in the cache's node_modules
// (or the repository's), or installs it there with npm. It runs the binary
// itself, not the node wrapper, so that node's start-up is not measured.
func findPagefind(ctx context.Context, cache, repo string, logf func(string, ...any)) (Tool, string) {
	npmDir := filepath.Join(cache, "npm")
	find := func() string {
		for _, root := range []string{npmDir, repo} {
			for _, name := range []string{"pagefind_extended", "pagefind"} {
				p := filepath.Join(root, "node_modules", "@pagefind", "linux-x64", "bin", name)
				if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
					return p
				}
			}
			if p := filepath.Join(root, "node_modules", ".bin", "pagefind"); fileExists(p) {
				return p
			}
		}
		return ""
	}
	path := find()
	if path == "" {
		npm, err := exec.LookPath("npm")
		if err != nil {
			return Tool{}, fmt.Sprintf("not found, and no npm to install it (apt-get install -y npm; then npm install --no-save %s in %s)", pagefindPackage, npmDir)
		}
		logf("installing %s into %s (npm)…", pagefindPackage, npmDir)
		if err := os.MkdirAll(npmDir, 0o755); err != nil {
			return Tool{}, err.Error()
		}
		// A package.json of its own keeps npm from installing into a parent.
		pkg := filepath.Join(npmDir, "package.json")
		if !fileExists(pkg) {
			os.WriteFile(pkg, []byte(`{"private": true, "description": "Pagefind for hubgen's bench/build"}`+"\n"), 0o644)
		}
		if out, err := output(ctx, npmDir, npm, "install", "--no-save", "--no-audit", "--no-fund", pagefindPackage); err != nil {
			return Tool{}, fmt.Sprintf("`npm install --no-save %s` in %s failed: %v: %s", pagefindPackage, npmDir, err, firstLine(tail(out, 300)))
		}
		if path = find(); path == "" {
			return Tool{}, "npm installed Pagefind but its binary for this platform is missing"
		}
	}
	v, err := output(ctx, "", path, "--version")
	if err != nil {
		return Tool{}, fmt.Sprintf("%s does not run: %v", path, err)
	}
	return Tool{Name: toolPagefind, Path: path, Version: firstLine(v)}, ""
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
