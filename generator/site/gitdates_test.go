package site

import (
	"context"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
	"hubgen/generator/diag"
	"hubgen/generator/output"
	"hubgen/internal/corpus"
	"hubgen/internal/gittest"
)

var (
	// firstCommit adds the whole portal; secondCommit changes some files.
	firstCommit  = time.Date(2024, 11, 5, 9, 0, 0, 0, time.FixedZone("", 3600))
	secondCommit = time.Date(2025, 2, 3, 0, 15, 0, 0, time.FixedZone("", 3600)) // 2 February in UTC
)

// portalRepo makes a git repository holding a copy of the bundled portal
// in site/ (so that the site is not the top of the work tree), committed
// at firstCommit; then, at secondCommit, the Polish version of the
// Knowledge Hub news item gets a new paragraph, Europol's Polish profile a
// lastmod in its front matter, and a news item dated ten minutes before
// the commit is added.
// It returns the site's directory.
func portalRepo(t *testing.T) string {
	t.Helper()
	gittest.Need(t)
	repo := t.TempDir()
	site := filepath.Join(repo, "site")
	if err := os.MkdirAll(site, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := corpus.CopySite(repoRoot, site); err != nil {
		t.Fatal(err)
	}
	gittest.Init(t, repo)
	gittest.Commit(t, repo, firstCommit, "the portal")
	news := filepath.Join(site, "content/news/knowledge-hub-inauguration.pl.md")
	appendFile(t, news, "\nNowy akapit.\n")
	europol := filepath.Join(site, "content/organisations/europol.pl.md")
	b, err := os.ReadFile(europol)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(b), "\ntitle:", "\nlastmod: 2023-05-06\ntitle:", 1)
	if text == string(b) {
		t.Fatal("no title line in europol.pl.md")
	}
	gittest.Write(t, site, map[string]string{
		"content/organisations/europol.pl.md": text,
		"content/news/same-day.pl.md":         "---\ntitle: Tego samego dnia\nslug: tego-samego-dnia\ndate: 2025-02-03T00:05:00+01:00\n---\nTekst.\n",
	})
	gittest.Commit(t, repo, secondCommit, "an update")
	return site
}

func appendFile(t *testing.T, path, text string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// pageDates returns what a built page says of its dates: the text of its
// date line (p.meta under the h1) and the datetime of each <time> in it;
// for an act, its panel's "Updated" entry.
func pageDates(t *testing.T, dest, file string) (string, []string) {
	t.Helper()
	doc := parseFile(t, filepath.Join(dest, filepath.FromSlash(file)))
	for _, p := range findAllClass(doc, "p", "meta") {
		if hasAncestorClass(p, "item") {
			continue
		}
		var times []string
		for _, tm := range findAll(p, "time") {
			times = append(times, attr(tm, "datetime"))
		}
		return strings.Join(strings.Fields(renderText(p)), " "), times
	}
	// An act has no date line: its panel says when the page changed.
	if len(findAllClass(doc, "dl", "act-meta")) == 1 {
		for term, dd := range actFacts(t, doc) {
			if strings.HasPrefix(term, "Zaktualizowano") || strings.HasPrefix(term, "Updated") {
				var times []string
				for _, tm := range findAll(dd, "time") {
					times = append(times, attr(tm, "datetime"))
				}
				return term + ": " + strings.Join(strings.Fields(renderText(dd)), " "), times
			}
		}
	}
	return "", nil
}

// sitemapLastmods maps each URL of a built sitemap to its lastmod.
func sitemapLastmods(t *testing.T, dest string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dest, "sitemap.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var sm sitemapDoc
	if err := xml.Unmarshal(b, &sm); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, u := range sm.URLs {
		out[strings.TrimPrefix(u.Loc, "https://hub.example.org")] = u.Lastmod
	}
	return out
}

// TestGitDates builds the portal from a repository: pages without a
// lastmod take their file's last commit's date, shown as "Updated" and
// used by the sitemap, the feed and Open Graph; front matter wins; a
// commit before the page's own date or on its day shows no "Updated".
func TestGitDates(t *testing.T) {
	src := portalRepo(t)
	dest := filepath.Join(t.TempDir(), "public")
	res, err := Build(context.Background(), Options{Source: src, Dest: dest, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diags.Items() {
		t.Errorf("diagnostic: %s", d)
	}
	tests := []struct {
		name, url  string
		meta       string   // the page's date line
		times      []string // its <time datetime>s
		sitemap    string   // its lastmod in the sitemap
		modifiedOG string   // article:modified_time, for news and acts
	}{
		{"changed in the second commit", "/aktualnosci/inauguracja-knowledge-hub/",
			"Opublikowano: 10 października 2024 · Zaktualizowano: 3 lutego 2025", []string{"2024-10-10", "2025-02-03"},
			"2025-02-02", "2025-02-03T00:15:00+01:00"},
		{"its translation, unchanged since the first", "/en/news/knowledge-hub-inauguration/",
			"Published: 10 October 2024 · Updated: 5 November 2024", []string{"2024-10-10", "2024-11-05"},
			"2024-11-05", "2024-11-05T09:00:00+01:00"},
		{"committed before its date", "/aktualnosci/spotkanie-inaugurujace-cykl-empact-2026-2029/",
			"Opublikowano: 27 listopada 2025", []string{"2025-11-27"},
			"2025-11-27", ""},
		{"committed on its day, after its time", "/aktualnosci/tego-samego-dnia/",
			"Opublikowano: 3 lutego 2025", []string{"2025-02-03"},
			"2025-02-02", "2025-02-03T00:15:00+01:00"},
		{"an act: its panel, with no date line under the title", "/akty-prawne/2023-1187/",
			"Zaktualizowano na portalu: 5 listopada 2024", []string{"2024-11-05"},
			"2024-11-05", "2024-11-05T09:00:00+01:00"},
		{"front matter wins", "/organizacje/europol/",
			"Zaktualizowano: 6 maja 2023", []string{"2023-05-06"},
			"2023-05-06", ""},
		{"an organisation: no date of its own", "/en/organisations/europol/",
			"Updated: 5 November 2024", []string{"2024-11-05"},
			"2024-11-05", ""},
		{"a project", "/projekty/2ps/",
			"Zaktualizowano: 5 listopada 2024", []string{"2024-11-05"},
			"2024-11-05", ""},
	}
	lastmods := sitemapLastmods(t, dest)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			file := fileFor(tc.url)
			meta, times := pageDates(t, dest, file)
			if meta != tc.meta || strings.Join(times, " ") != strings.Join(tc.times, " ") {
				t.Errorf("%s: date line %q with times %v, want %q with %v", file, meta, times, tc.meta, tc.times)
			}
			if got := lastmods[tc.url]; got != tc.sitemap {
				t.Errorf("%s: sitemap lastmod %q, want %q", tc.url, got, tc.sitemap)
			}
			var modified string
			for _, m := range findAll(parseFile(t, filepath.Join(dest, file)), "meta") {
				if attr(m, "property") == "article:modified_time" {
					modified = attr(m, "content")
				}
			}
			if modified != tc.modifiedOG {
				t.Errorf("%s: article:modified_time %q, want %q", file, modified, tc.modifiedOG)
			}
		})
	}
	// The feed dates the changed item by the commit.
	feed, err := gofeed.NewParser().ParseString(string(readFile(t, filepath.Join(dest, "feed.xml"))))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, it := range feed.Items {
		if strings.HasSuffix(it.Link, "/aktualnosci/inauguracja-knowledge-hub/") {
			found = true
			if it.Updated != "2025-02-02T23:15:00Z" {
				t.Errorf("feed: the news item updated %s, want 2025-02-02T23:15:00Z", it.Updated)
			}
		}
	}
	if !found {
		t.Error("feed: no entry for the changed news item")
	}

	// Uncommitted changes do not date a page: the file keeps its commit's
	// date, and the build is the same as before but for the new text.
	appendFile(t, filepath.Join(src, "content/news/knowledge-hub-inauguration.en.md"), "\nA new paragraph, not committed.\n")
	again := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Source: src, Dest: again, Now: testNow}); err != nil {
		t.Fatal(err)
	}
	if meta, _ := pageDates(t, again, "en/news/knowledge-hub-inauguration/index.html"); meta != "Published: 10 October 2024 · Updated: 5 November 2024" {
		t.Errorf("after an uncommitted change: %q", meta)
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestNoGitDates: without git dates (the option, a shallow clone, a tree
// without git), pages are dated by their front matter alone, as before;
// a shallow clone says why.
func TestNoGitDates(t *testing.T) {
	src := portalRepo(t)
	shallow := filepath.Join(t.TempDir(), "clone")
	gittest.Git(t, src, "clone", "-q", "--depth", "1", "file://"+filepath.ToSlash(filepath.Dir(src)), shallow)
	plain := t.TempDir()
	if err := corpus.CopySite(repoRoot, plain); err != nil {
		t.Fatal(err)
	}
	// The same edits as the repository's, without git.
	gittest.Write(t, plain, map[string]string{
		"content/organisations/europol.pl.md":           string(readFile(t, filepath.Join(src, "content/organisations/europol.pl.md"))),
		"content/news/same-day.pl.md":                   string(readFile(t, filepath.Join(src, "content/news/same-day.pl.md"))),
		"content/news/knowledge-hub-inauguration.pl.md": string(readFile(t, filepath.Join(src, "content/news/knowledge-hub-inauguration.pl.md"))),
	})
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(plain))
	tests := []struct {
		name    string
		opts    Options
		warning string
	}{
		{"option", Options{Source: src, NoGitDates: true}, ""},
		{"shallow clone", Options{Source: filepath.Join(shallow, "site")}, filepath.ToSlash(filepath.Join(shallow, "site", "config.toml")) + ":1:1: warning: this is a shallow git clone: page dates from git are not used; clone with full history (actions/checkout: fetch-depth: 0) [git]"},
		{"no git work tree", Options{Source: plain}, ""},
		{"check reads no dates", Options{Source: filepath.Join(shallow, "site"), Check: true}, ""},
	}
	var first map[string][]byte
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opts := tc.opts
			opts.Now = testNow
			if !opts.Check {
				opts.Dest = filepath.Join(t.TempDir(), "public")
			}
			res, err := Build(context.Background(), opts)
			if err != nil {
				t.Fatal(err)
			}
			var warnings []string
			for _, d := range res.Diags.Items() {
				if d.Severity == diag.Warning && !strings.Contains(d.Msg, "translation") {
					warnings = append(warnings, d.String())
				}
			}
			if got := strings.Join(warnings, "\n"); got != tc.warning {
				t.Errorf("warnings:\n%s\nwant:\n%s", got, tc.warning)
			}
			if opts.Check {
				return
			}
			meta, _ := pageDates(t, opts.Dest, "aktualnosci/inauguracja-knowledge-hub/index.html")
			if meta != "Opublikowano: 10 października 2024" {
				t.Errorf("date line %q", meta)
			}
			if meta, _ := pageDates(t, opts.Dest, "organizacje/europol/index.html"); meta != "Zaktualizowano: 6 maja 2023" {
				t.Errorf("front matter lastmod: %q", meta)
			}
			if meta, _ := pageDates(t, opts.Dest, "en/organisations/europol/index.html"); meta != "" {
				t.Errorf("an undated page shows %q", meta)
			}
			if got := sitemapLastmods(t, opts.Dest)["/aktualnosci/inauguracja-knowledge-hub/"]; got != "2024-10-10" {
				t.Errorf("sitemap lastmod %q, want the page's date", got)
			}
			// All three build the same site.
			files := readTree(t, opts.Dest)
			delete(files, output.ManifestName)
			if first == nil {
				first = files
			} else if diff := diffTrees(files, first); diff != "" {
				t.Errorf("differs from the build with the option:\n%s", diff)
			}
		})
	}
}

// TestSessionGitDates: the live preview dates pages as Build does, and
// keeps the dates through edits to front matter and bodies.
func TestSessionGitDates(t *testing.T) {
	src := portalRepo(t)
	ctx := context.Background()
	s, _, err := NewSession(ctx, Options{Source: src, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	const gitDate = `<time datetime="2024-11-05">5 November 2024</time>`
	check := func(what, want string) {
		t.Helper()
		if _, err := s.UpdateSearch(); err != nil {
			t.Fatal(err)
		}
		full, err := fullBuild(t, src)
		if err != nil {
			t.Fatal(err)
		}
		if diff := diffTrees(s.Files(), full); diff != "" {
			t.Fatalf("%s: session differs from Build:\n%s", what, diff)
		}
		if !strings.Contains(string(s.Files()["en/news/knowledge-hub-inauguration/index.html"]), want) {
			t.Fatalf("%s: the English news item does not show %s", what, want)
		}
	}
	check("first build", gitDate)
	const rel = "content/news/knowledge-hub-inauguration.en.md"
	text := string(readFile(t, filepath.Join(src, rel)))
	edits := []struct{ what, text, want string }{
		{"body", text + "\nMore text.\n", gitDate},
		{"title", strings.Replace(text, "title: \"Launch", "title: \"The launch", 1), gitDate},
		{"lastmod in front matter", strings.Replace(text, "\ntitle:", "\nlastmod: 2025-01-01\ntitle:", 1), `<time datetime="2025-01-01">1 January 2025</time>`},
		{"lastmod removed", text, gitDate},
	}
	for _, e := range edits {
		if e.text == text && e.what != "lastmod removed" {
			t.Fatalf("%s: the edit changes nothing", e.what)
		}
		gittest.Write(t, src, map[string]string{rel: e.text})
		if _, err := s.Update(ctx, []string{rel}); err != nil {
			t.Fatalf("%s: %v", e.what, err)
		}
		check(e.what, e.want)
	}
}

// lastCommit is the date of the last commit (along first parents) that
// touched file (slash path under dir), as `git log -1` gives it: found
// without package gitdates, to hold the build to. There is none when git,
// a work tree, its full history or a commit of the file is missing.
func lastCommit(dir, file string) (time.Time, bool) {
	out, err := exec.Command("git", "-C", dir, "rev-parse", "--is-shallow-repository").Output()
	if err != nil || strings.TrimSpace(string(out)) != "false" {
		return time.Time{}, false
	}
	out, err = exec.Command("git", "-C", dir, "log", "-1", "--first-parent", "--format=%cI", "--", file).Output()
	if err != nil || len(strings.TrimSpace(string(out))) == 0 {
		return time.Time{}, false
	}
	d, err := time.Parse(time.RFC3339, strings.TrimSpace(string(out)))
	return d, err == nil
}

// lastmodOf is the lastmod a content page of the bundled portal must
// have: the later of its front matter date and its file's last commit.
func lastmodOf(file string, date time.Time) time.Time {
	if d, ok := lastCommit(repoRoot, file); ok && !d.Before(date) {
		return d
	}
	return date
}
