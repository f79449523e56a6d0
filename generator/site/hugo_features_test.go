package site

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestHugoSiteFeatures builds the bundled portal with what pages moved
// from a Hugo site use: a page bundle with an image (copied beside both
// language versions, with its size), an image without alternative text, a
// file in content/ outside any bundle, a leading "# Title", a teaser
// before <!--more-->, a url, publishDate and expiryDate, tags "c", "c#"
// and "c++", and a date in one of Hugo's formats.
func TestHugoSiteFeatures(t *testing.T) {
	src := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	write(t, filepath.Join(src, "content/news/galeria/index.pl.md"), "---\ntitle: Galeria\ndate: \"Mon, 02 Mar 2026 10:00:00 +0100\"\ntags: [c, \"c#\", \"c++\"]\n---\n\n# Galeria\n\nWstęp do galerii.\n\n<!--more-->\n\n![Sala obrad](sala.png)\n\n![](sala.png)\n")
	write(t, filepath.Join(src, "content/news/galeria/index.en.md"), "---\ntitle: Gallery\ndate: 2026-03-02\nsummary: The gallery.\n---\n\n![The meeting room](sala.png)\n")
	writePNG(t, filepath.Join(src, "content/news/galeria/sala.png"), 4, 3)
	write(t, filepath.Join(src, "content/news/stray.pdf"), "%PDF")
	write(t, filepath.Join(src, "content/pages/stary.pl.md"), "---\ntitle: Stary adres\nurl: /stara/strona.html\n---\n\nTekst.\n")
	write(t, filepath.Join(src, "content/news/pozniej.pl.md"), "---\ntitle: Później\ndate: 2026-01-01\npublishDate: 2099-01-01\n---\n\nTekst.\n")
	write(t, filepath.Join(src, "content/news/wygasla.pl.md"), "---\ntitle: Wygasła\ndate: 2026-01-01\nexpiryDate: 2026-02-01\n---\n\nTekst.\n")
	cfg, err := os.ReadFile(filepath.Join(src, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(src, "config.toml"), string(cfg)+"\n[redirects]\n\"/blog\" = \"/aktualnosci/\"\n\"/en/blog/\" = \"/en/news/\"\n")
	res := build(t, src, dest)

	read := func(rel string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	img := read("aktualnosci/galeria/sala.png")
	if img != read("en/news/gallery/sala.png") {
		t.Error("the bundle's image differs between the language versions")
	}
	pl := read("aktualnosci/galeria/index.html")
	if !regexp.MustCompile(`<img src="sala.png" alt="Sala obrad" width="4" height="3"`).MatchString(pl) {
		t.Errorf("image without its size:\n%s", grepLines(pl, "<img"))
	}
	if n := strings.Count(pl, "<h1"); n != 1 {
		t.Errorf("%d <h1> on the page: the leading # Galeria must not repeat the title", n)
	}
	if !strings.Contains(pl, `<meta name="description" content="Wstęp do galerii.">`) {
		t.Errorf("the summary is not the teaser before <!--more-->:\n%s", grepLines(pl, "description"))
	}
	if !strings.Contains(pl, `datetime="2026-03-02`) {
		t.Errorf("the RFC 1123 date is not the page's date:\n%s", grepLines(pl, "datetime"))
	}
	if r := read("blog/index.html"); !strings.Contains(r, `url=/aktualnosci/"`) {
		t.Errorf("[redirects] /blog: %s", grepLines(r, "refresh"))
	}
	if r := read("en/blog/index.html"); !strings.Contains(r, `url=/en/news/"`) {
		t.Errorf("[redirects] /en/blog/: %s", grepLines(r, "refresh"))
	}
	if !strings.Contains(read("stara/strona.html"), "Stary adres") {
		t.Error("the page with url: /stara/strona.html is not there")
	}
	for _, gone := range []string{"aktualnosci/pozniej/index.html", "aktualnosci/wygasla/index.html"} {
		if _, err := os.Stat(filepath.Join(dest, gone)); err == nil {
			t.Errorf("%s published", gone)
		}
	}
	for _, topic := range []string{"tematy/c/index.html", "tematy/c-sharp/index.html", "tematy/c-plus-plus/index.html"} {
		if !strings.Contains(read(topic), "Galeria") {
			t.Errorf("%s does not list the page", topic)
		}
	}
	var problems []string
	for _, d := range res.Diags.Items() {
		problems = append(problems, d.String())
	}
	all := strings.Join(problems, "\n")
	for _, want := range []string{
		"content/news/galeria/index.pl.md:15:1: warning: image sala.png has no alternative text",
		"content/news/stray.pdf:1:1: warning: not published: a file under content/ is published only inside a page bundle",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("no %q in:\n%s", want, all)
		}
	}
	// check says why the two pages are not published.
	cres, err := Build(context.Background(), Options{Source: src, Check: true, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	var notes bytes.Buffer
	for _, d := range cres.Diags.Items() {
		notes.WriteString(d.String() + "\n")
	}
	for _, want := range []string{
		"content/news/pozniej.pl.md:4:1: note: not published until 2099-01-01, its publishDate",
		"content/news/wygasla.pl.md:4:1: note: not published: it expired on 2026-02-01 (expiryDate",
	} {
		if !strings.Contains(notes.String(), want) {
			t.Errorf("no %q in check's report:\n%s", want, notes.String())
		}
	}
}

// grepLines returns the lines of s that contain sub.
func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, strings.TrimSpace(l))
		}
	}
	return strings.Join(out, "\n")
}

// TestSessionPageBundle: a live preview serves a page bundle's image beside
// the page, as a build writes it, and follows an edit of the image and a
// new file in the bundle.
func TestSessionPageBundle(t *testing.T) {
	dir := copySite(t)
	write(t, filepath.Join(dir, "content/news/galeria/index.pl.md"), "---\ntitle: Galeria\ndate: 2026-03-02\n---\n\n![Sala obrad](sala.png)\n")
	writePNG(t, filepath.Join(dir, "content/news/galeria/sala.png"), 4, 3)
	ctx := context.Background()
	s, _, err := NewSession(ctx, Options{Source: dir, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpdateSearch(); err != nil {
		t.Fatal(err)
	}
	want, err := fullBuild(t, dir)
	if err != nil {
		t.Fatal(err)
	}
	if diff := diffTrees(s.Files(), want); diff != "" {
		t.Errorf("session differs from Build:\n%s", diff)
	}
	writePNG(t, filepath.Join(dir, "content/news/galeria/sala.png"), 6, 2)
	writePNG(t, filepath.Join(dir, "content/news/galeria/plan.png"), 1, 1)
	rep, err := s.Update(ctx, []string{"content/news/galeria/sala.png", "content/news/galeria/plan.png"})
	if err != nil {
		t.Fatal(err)
	}
	files := s.Files()
	if !strings.Contains(strings.Join(rep.Changed, " "), "aktualnosci/galeria/sala.png") || files["aktualnosci/galeria/plan.png"] == nil {
		t.Errorf("changed %v; plan.png served: %v", rep.Changed, files["aktualnosci/galeria/plan.png"] != nil)
	}
}

// TestRedirectToNothing: a [redirects] entry whose target the site does
// not have is an error at config.toml, and nothing is published.
func TestRedirectToNothing(t *testing.T) {
	src := copySite(t)
	cfg, err := os.ReadFile(filepath.Join(src, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(src, "config.toml"), string(cfg)+"\n[redirects]\n\"/blog/\" = \"/nie-ma/\"\n")
	dest := filepath.Join(t.TempDir(), "public")
	res, err := Build(context.Background(), Options{Source: src, Dest: dest, Now: testNow})
	if err == nil {
		t.Fatal("the build passed")
	}
	if got := strings.Join(diagStrings(res), "\n"); !strings.Contains(got, "config.toml:1:1: [redirects]: /blog/ redirects to /nie-ma/, which is no page or file of the site") {
		t.Errorf("problems:\n%s", got)
	}
	if _, err := os.Stat(dest); err == nil {
		t.Error("the failed build published")
	}
}

// TestEnglishAtTheRoot: with English the default language (as a Hugo site
// whose default is English imports), its search page is /search/, beside
// the search index's directories search/<lang>/, not inside them.
func TestEnglishAtTheRoot(t *testing.T) {
	src := copySite(t)
	cfg, err := os.ReadFile(filepath.Join(src, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(src, "config.toml"), strings.Replace(string(cfg), `defaultLanguage = "pl"`, `defaultLanguage = "en"`, 1))
	dest := filepath.Join(t.TempDir(), "public")
	build(t, src, dest)
	for _, f := range []string{"search/index.html", "search/en/manifest.json", "pl/szukaj/index.html", "search/pl/manifest.json"} {
		if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(f))); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "search/index.html")); !strings.Contains(string(b), "data-search-results") {
		t.Error("search/index.html is not the search page")
	}
}
