package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImport runs hubgen import: exit statuses and what it prints.
func TestImport(t *testing.T) {
	theme := os.DirFS("..")
	src := filepath.Join("..", "generator", "hugoimport", "testdata", "hugodirs")
	full := t.TempDir()
	if err := os.WriteFile(filepath.Join(full, "x"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	mapFile := filepath.Join(t.TempDir(), "map.toml")
	if err := os.WriteFile(mapFile, []byte("[sections]\npartnerzy = \"pages\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		args   []string
		status int
		out    string
		errOut string
	}{
		{"no arguments", []string{"import"}, exitUsage, "", "want hugo SRC DEST"},
		{"not hugo", []string{"import", "jekyll", src, "DEST"}, exitUsage, "", "want hugo SRC DEST"},
		{"bad section", []string{"import", "hugo", src, "DEST", "--section", "posts=blog"}, exitUsage, "", "must be one of news, organisations, projects, pages"},
		{"bad section flag", []string{"import", "hugo", src, "DEST", "--section", "posts"}, exitUsage, "", "want HUGO=HUBGEN"},
		{"non-empty destination", []string{"import", "hugo", src, full}, exitUsage, "", "is not empty"},
		{"no Hugo site", []string{"import", "hugo", t.TempDir(), "DEST"}, exitError, "", "no Hugo configuration"},
		{"imported", []string{"import", "hugo", src, "DEST", "--map", mapFile, "--section", "partners=news", "--keep-unknown"}, exitOK, "hubgen: imported 6 pages and copied 1 files into", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string(nil), tc.args...)
			for i, a := range args {
				if a == "DEST" {
					args[i] = filepath.Join(t.TempDir(), "site")
				}
			}
			var stdout, stderr bytes.Buffer
			status := Main(context.Background(), args, &stdout, &stderr, Env{Theme: theme})
			if status != tc.status || !strings.Contains(stdout.String(), tc.out) || !strings.Contains(stderr.String(), tc.errOut) {
				t.Errorf("status %d, stdout %q, stderr %q; want %d, %q, %q", status, stdout.String(), stderr.String(), tc.status, tc.out, tc.errOut)
			}
		})
	}
}

// TestUsageNamesImport: the usage text lists the import command.
func TestUsageNamesImport(t *testing.T) {
	var stdout bytes.Buffer
	if Run([]string{"help"}, &stdout, &stdout) != exitOK || !strings.Contains(stdout.String(), "hubgen import hugo SRC DEST") {
		t.Errorf("usage:\n%s", stdout.String())
	}
}
