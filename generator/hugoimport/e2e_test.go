package hugoimport

import (
	"context"
	"encoding/csv"
	"html"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"hubgen/generator/site"
)

// testNow is when the tests import and build: after every date of the
// fixtures except those meant to be in the future.
var testNow = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// hugoPage is a page of a fixture with the URL Hugo publishes it at, by
// Hugo's rules worked out by hand, and whether Hugo publishes it.
type hugoPage struct {
	src, url, title string
	published       bool
}

// fixtureSite is a Hugo site of testdata with its pages and the items the
// import must list as not converted.
type fixtureSite struct {
	dir          string
	pages        []hugoPage
	notConverted []string
	// lists are old URLs of Hugo's list pages (sections, taxonomies and
	// their terms) and the hubgen page each must redirect to.
	lists map[string]string
}

func fixtures() []fixtureSite {
	return []fixtureSite{{
		dir: "testdata/hugosite",
		pages: []hugoPage{
			{"content/about.en.md", "/en/about/", "About us", true},
			{"content/about.md", "/o-nas/", "O nas", true},
			{"content/blog/hello.md", "/2021/02/witaj-świecie/", "Witaj, świecie!", true},
			{"content/blog/rfc.md", "/2021/02/rfc/", "RFC", true},
			{"content/blog/ruby.md", "/2021/02/ruby/", "Ruby", true},
			{"content/docs/guide.md", "/docs/guide/", "Guide", true},
			{"content/events/2019/weekly.md", "/events/2019/weekly/", "Spotkanie 2019", true},
			{"content/events/2020/weekly.md", "/events/2020/weekly/", "Spotkanie 2020", true},
			{"content/events/undated.md", "/events/undated/", "Bez daty", true},
			{"content/news/item.md", "/news/item/", "Aktualność", true},
			{"content/organizacje/europol-agency.en.md", "/en/organizacje/europol-agency/", "Europol", true},
			{"content/organizacje/europol.md", "/organizacje/europol/", "Europol", true},
			{"content/posts/2019/weekly.md", "/posts/2019/weekly/", "Tygodnik 2019 (wpisy)", true},
			{"content/posts/draft.md", "/posts/draft/", "Szkic", false},
			{"content/posts/expired.md", "/posts/expired/", "Wygasły", false},
			{"content/posts/first-post.de.md", "/de/posts/first-post/", "Erster Beitrag", true},
			{"content/posts/first-post.en.md", "/en/posts/first-post/", "First post", true},
			{"content/posts/first-post.md", "/posts/first-post/", "Pierwszy wpis", true},
			{"content/posts/future.md", "/posts/future/", "Przyszły", false},
			{"content/posts/json-post.md", "/posts/json-post/", "Wpis w JSON", true},
			{"content/posts/second.md", "/posts/drugi-wpis-żółw/", "Drugi wpis", true},
			{"content/posts/trip/index.en.md", "/en/posts/trip/", "Trip", true},
			{"content/posts/trip/index.md", "/posts/trip/", "Wycieczka", true},
			{"content/projekty/hub.md", "/projekt-hub.html", "Projekt Hub", true},
			// A branch page with text (not in hugo list).
			{"content/posts/_index.md", "/posts/", "Wpisy", true},
		},
		notConverted: []string{
			`config.toml: language "de": hubgen publishes pl and en only; its pages are not imported`,
			`content/_index.md:4: the home page's text is not imported: hubgen's home page is made by its layout`,
			`content/about.md:6: raw HTML <span> is not published: the tags were removed, the text kept`,
			`content/news/item.md:4: alias "/aktualnosci/" cannot be kept: hubgen's list of news has it`,
			`content/posts/first-post.de.md: page in de: hubgen publishes pl and en only; not imported`,
			`content/posts/first-post.md:7: front matter key "author" dropped (hubgen does not read it)`,
			`content/posts/first-post.md:19: raw HTML <div> is not published: the tags were removed, the text kept`,
			`content/posts/first-post.md:45: unknown shortcode {{< gallery dir="/img" />}} removed`,
			`content/posts/first-post.md:57: link to /posts/nie-ma/ (no page of the site has that URL); written as plain text`,
			`static/css/site.css: not copied: hubgen's own static/css/site.css has that path`,
		},
		lists: map[string]string{
			"/news/": "/aktualnosci/", "/events/": "/aktualnosci/", "/en/posts/": "/en/news/",
			"/tags/": "/tematy/", "/tags/c/": "/tematy/c/", "/categories/c/": "/tematy/c-plus-plus/", "/en/tags/c/": "/en/topics/c-plus-plus/",
		},
	}, {
		dir: "testdata/hugodirs",
		pages: []hugoPage{
			{"content/en/news/first.md", "/en/news/first.html", "First", true},
			{"content/en/news/gallery/index.md", "/en/news/gallery.html", "Gallery", true},
			{"content/en/partners/europol.md", "/en/partners/europol.html", "Europol", true},
			{"content/pl/aktualnosci/galeria/index.md", "/pl/aktualnosci/galeria.html", "Galeria", true},
			{"content/pl/aktualnosci/pierwsza.md", "/pl/aktualnosci/pierwsza.html", "Pierwsza", true},
			{"content/pl/partnerzy/europol.md", "/pl/partnerzy/europol.html", "Europol", true},
		},
	}}
}

// TestImportAndBuild imports each fixture, builds the result with
// hubgen's engine and checks that every page Hugo publishes is reachable
// at its Hugo URL (the page or a redirect to it), that no shortcode is
// left, and what the report lists as not converted.
func TestImportAndBuild(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	for _, fx := range fixtures() {
		t.Run(filepath.Base(fx.dir), func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "site")
			rep, err := Import(fx.dir, dest, Options{Theme: os.DirFS(root), Now: testNow})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, it := range rep.NotConverted {
				got = append(got, it.String())
			}
			if !slices.Equal(got, fx.notConverted) {
				t.Errorf("not converted:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(fx.notConverted, "\n"))
			}
			checkHugoURLs(t, fx)
			out := filepath.Join(t.TempDir(), "public")
			res, err := site.Build(context.Background(), site.Options{Source: dest, Dest: out, Now: testNow, NoGitDates: true, NoCache: true})
			if err != nil {
				var all []string
				if res.Diags != nil {
					for _, d := range res.Diags.Items() {
						all = append(all, d.String())
					}
				}
				t.Fatalf("build: %v\n%s", err, strings.Join(all, "\n"))
			}
			for _, p := range fx.pages {
				if !p.published || strings.HasPrefix(p.url, "/de/") {
					continue
				}
				checkReachable(t, out, p)
			}
			for old, want := range fx.lists {
				f := filepath.Join(out, filepath.FromSlash(old), "index.html")
				b, err := os.ReadFile(f)
				if m := refreshRE.FindStringSubmatch(string(b)); err != nil || m == nil || html.UnescapeString(m[1]) != want {
					t.Errorf("old list %s: %v, want a redirect to %s", old, err, want)
				}
				if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(want), "index.html")); err != nil {
					t.Errorf("old list %s redirects to %s: %v", old, want, err)
				}
			}
			_ = filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
				if err == nil && strings.HasSuffix(p, ".html") {
					b, _ := os.ReadFile(p)
					if strings.Contains(string(b), "{{<") || strings.Contains(string(b), "{{%") {
						t.Errorf("%s: a shortcode is left", p)
					}
				}
				return nil
			})
		})
	}
}

var refreshRE = regexp.MustCompile(`url=([^"]+)"`)

// checkReachable checks that the Hugo URL of p serves p: the page itself
// or a redirect page whose target is p.
func checkReachable(t *testing.T, out string, p hugoPage) {
	t.Helper()
	read := func(u string) (string, bool) {
		f := strings.TrimPrefix(u, "/")
		if strings.HasSuffix(u, "/") {
			f += "index.html"
		}
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(f)))
		return string(b), err == nil
	}
	body, ok := read(p.url)
	if !ok {
		t.Errorf("%s: nothing at its Hugo URL %s", p.src, p.url)
		return
	}
	if m := refreshRE.FindStringSubmatch(body); m != nil && strings.Contains(body, "http-equiv=\"refresh\"") {
		target := html.UnescapeString(m[1])
		if u, err := url.Parse(target); err == nil {
			target = u.Path
		}
		if body, ok = read(target); !ok {
			t.Errorf("%s: %s redirects to %s, which is not there", p.src, p.url, target)
			return
		}
	}
	if !strings.Contains(body, html.EscapeString(p.title)) && !strings.Contains(body, p.title) {
		t.Errorf("%s: the page at %s is not titled %q", p.src, p.url, p.title)
	}
}

// checkHugoURLs checks the fixture's URLs against the package's rules and,
// when hugo is installed, against `hugo list all`.
func checkHugoURLs(t *testing.T, fx fixtureSite) {
	t.Helper()
	cfg, err := readConfig(fx.dir)
	if err != nil {
		t.Fatal(err)
	}
	s, err := scanContent(fx.dir, cfg)
	if err != nil {
		t.Fatal(err)
	}
	im := &importer{cfg: cfg, now: testNow, rep: &Report{}}
	computed := map[string]hugoPage{}
	for _, p := range s.pages {
		data, err := os.ReadFile(filepath.Join(fx.dir, p.src))
		if err != nil {
			t.Fatal(err)
		}
		if p.m, err = splitMatter(data); err != nil {
			t.Fatal(err)
		}
		im.readMatter(p)
		computed[p.src] = hugoPage{p.src, cfg.pageURL(p), p.title, p.published}
	}
	for _, want := range fx.pages {
		if got := computed[want.src]; got.url != want.url || got.published != want.published {
			t.Errorf("%s: computed %s (published %v), want %s (%v)", want.src, got.url, got.published, want.url, want.published)
		}
	}
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("hugo is not installed (apt-get install -y hugo; .ci/run does): CI checks the URLs against hugo list all")
		}
		t.Log("hugo is not installed: URLs not checked against hugo list all")
		return
	}
	// A copy: hugo writes a lock file into the site it reads.
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(fx.dir)); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(hugo, "list", "all", "--source", dir)
	csvOut, err := cmd.Output()
	if err != nil {
		t.Fatalf("hugo list all: %v", err)
	}
	rows, err := csv.NewReader(strings.NewReader(string(csvOut))).ReadAll()
	if err != nil || len(rows) == 0 {
		t.Fatalf("hugo list all: %v", err)
	}
	col := slices.Index(rows[0], "permalink")
	draftCol := slices.Index(rows[0], "draft")
	n := 0
	for _, row := range rows[1:] {
		u, err := url.Parse(row[col])
		if err != nil {
			t.Fatal(err)
		}
		got, ok := computed[row[0]]
		if !ok {
			t.Errorf("hugo lists %s, the import did not find it", row[0])
			continue
		}
		n++
		if got.url != u.Path {
			t.Errorf("%s: Hugo's URL %s, computed %s", row[0], u.Path, got.url)
		}
		if row[draftCol] == "true" && got.published {
			t.Errorf("%s: a draft, computed as published", row[0])
		}
	}
	if n == 0 {
		t.Error("hugo list all listed no page")
	}
}
