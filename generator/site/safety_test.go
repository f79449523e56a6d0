package site

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hubgen/generator/diag"
)

// TestCheckReportsWhatBuildMeets: every problem that makes `build` fail is
// reported by `check` too, at the same path:line:col, and the failed build
// leaves the previous output as it was. These inputs used to pass check and
// then either fail the build with a bare OS message or, for aliases written
// differently, replace the home page with a redirect.
func TestCheckReportsWhatBuildMeets(t *testing.T) {
	news := func(alias string) string {
		return "---\ntitle: Test\ndate: 2024-01-01\naliases: [\"" + alias + "\"]\n---\nTekst.\n"
	}
	tests := []struct {
		name  string
		setup func(t *testing.T, src string)
		want  string
	}{
		{"alias /./ on the home page", page("content/news/zz.pl.md", news("/./")), "content/news/zz.pl.md:4:1: an alias of content/news/zz.pl.md collides with the home page: both would be /"},
		{"alias /./404.html", page("content/news/zz.pl.md", news("/./404.html")), "content/news/zz.pl.md:4:1: an alias of content/news/zz.pl.md collides with the 404 page"},
		{"alias /en/./", page("content/news/zz.pl.md", news("/en/./")), "content/news/zz.pl.md:4:1: an alias of content/news/zz.pl.md collides with the home page: both would be /en/"},
		{"alias /aktualnosci//", page("content/news/zz.pl.md", news("/aktualnosci//")), "content/news/zz.pl.md:4:1: an alias of content/news/zz.pl.md collides with the list page"},
		{"alias over the stylesheet", page("content/news/zz.pl.md", news("/css/site.css")), "content/news/zz.pl.md:4:1: an alias of content/news/zz.pl.md would be written as css/site.css/index.html, inside css/site.css, which is already a file (static/css/site.css)"},
		{"alias over the feed", page("content/news/zz.pl.md", news("/feed.xml")), "content/news/zz.pl.md:4:1: an alias of content/news/zz.pl.md would be written as feed.xml/index.html, inside feed.xml, which is already a file (the generated /feed.xml)"},
		{"alias over the sitemap", page("content/news/zz.pl.md", news("/sitemap.xml")), "which is already a file (the generated /sitemap.xml)"},
		{"alias into the search index", page("content/news/zz.pl.md", news("/search/pl/manifest.json")), "content/news/zz.pl.md:4:1: an alias of content/news/zz.pl.md would be written as search/pl/manifest.json/index.html, inside the search index's directory search/"},
		{"static file in the search index", page("static/search/pl/manifest.json", "{}"), "static/search/pl/manifest.json:1:1: static/search/pl/manifest.json would be written as search/pl/manifest.json, inside the search index's directory"},
		{"static file where a page goes", page("static/aktualnosci/index.html", "x"), "static/aktualnosci/index.html:1:1: static/aktualnosci/index.html is written to the same place as the list page"},
		{"static link to a directory", func(t *testing.T, src string) {
			symlink(t, "css", filepath.Join(src, "static", "styles"))
		}, "static/styles:1:1: is a symbolic link to a directory"},
		{"static link to /etc/passwd", func(t *testing.T, src string) {
			symlink(t, "/etc/passwd", filepath.Join(src, "static", "passwd.txt"))
		}, "static/passwd.txt:1:1: leads outside the site's directory (to /etc/passwd)"},
		{"static link to /dev/zero", func(t *testing.T, src string) {
			symlink(t, "/dev/zero", filepath.Join(src, "static", "zero.bin"))
		}, "static/zero.bin:1:1: leads outside the site's directory (to /dev/zero)"},
		{"content link out of the site", func(t *testing.T, src string) {
			outside := filepath.Join(t.TempDir(), "leak.md")
			os.WriteFile(outside, []byte("---\ntitle: Leak\ndate: 2024-01-01\n---\nsecret\n"), 0o644)
			symlink(t, outside, filepath.Join(src, "content", "news", "leak.pl.md"))
		}, "content/news/leak.pl.md:1:1: leads outside the site's directory"},
		{"layout link out of the site", func(t *testing.T, src string) {
			outside := filepath.Join(t.TempDir(), "404.html")
			os.WriteFile(outside, []byte("x"), 0o644)
			os.Remove(filepath.Join(src, "layouts", "404.html"))
			symlink(t, outside, filepath.Join(src, "layouts", "404.html"))
		}, "layouts/404.html:1:1: leads outside the site's directory"},
		{"a static file over the size limit", func(t *testing.T, src string) {
			cfg := filepath.Join(src, "config.toml")
			b, _ := os.ReadFile(cfg)
			os.WriteFile(cfg, append([]byte("maxFileSizeMB = 1\n"), b...), 0o644)
			os.WriteFile(filepath.Join(src, "static", "big.pdf"), make([]byte, 1_500_000), 0o644)
		}, "static/big.pdf:1:1: is 1.5 MB, over the limit of 1.0 MB"},
	}
	// One previous output, which every failed build below must leave alone.
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Source: copySite(t), Dest: dest, Now: testNow}); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(dest, "index.html"))
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := copySite(t)
			tc.setup(t, src)
			res, err := Build(context.Background(), Options{Source: src, Check: true, Now: testNow})
			if err == nil || !hasDiag(res.Diags, tc.want) {
				t.Errorf("check: %v\nwant a diagnostic starting %q", err, tc.want)
			}
			res, err = Build(context.Background(), Options{Source: src, Dest: dest, Now: testNow})
			if err == nil || !hasDiag(res.Diags, tc.want) {
				t.Errorf("build: %v\nwant a diagnostic starting %q", err, tc.want)
			}
			if after, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(after) != string(before) {
				t.Error("the failed build changed the home page")
			}
			for _, leaked := range []string{"passwd.txt", "zero.bin", "big.pdf"} {
				if _, err := os.Stat(filepath.Join(dest, leaked)); err == nil {
					t.Errorf("%s published", leaked)
				}
			}
		})
	}
}

func page(rel, text string) func(t *testing.T, src string) {
	return func(t *testing.T, src string) {
		p := filepath.Join(src, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func symlink(t *testing.T, target, p string) {
	t.Helper()
	if err := os.Symlink(target, p); err != nil {
		t.Fatal(err)
	}
}

func hasDiag(l *diag.List, prefix string) bool {
	for _, d := range l.Items() {
		if d.Severity == diag.Error && strings.Contains(d.String(), prefix) {
			return true
		}
	}
	return false
}
