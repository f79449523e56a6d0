package site

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"hubgen/generator/buildcache"
	"hubgen/generator/output"
	"hubgen/internal/gittest"
)

// TestIncrementalBuild: after each edit, a build into the previous output
// (with the build cache beside it) leaves exactly the tree, manifest
// included, and reports exactly the problems that a full build into a new
// directory does; edits to bodies and front matter, and new pages, are
// built incrementally, a change that removes a file of the output in full,
// and a build that fails leaves the output as it was.
func TestIncrementalBuild(t *testing.T) {
	src := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	build(t, src, dest)
	news := "content/news/knowledge-hub-inauguration.pl.md"
	act := "content/decisions/2023-1187.pl.md"
	org := "content/organisations/frontex.en.md"
	appendTo := func(rel, text string) func(t *testing.T) {
		return func(t *testing.T) {
			p := filepath.Join(src, filepath.FromSlash(rel))
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			write(t, p, string(b)+text)
		}
	}
	replace := func(rel, old, new string) func(t *testing.T) {
		return func(t *testing.T) {
			p := filepath.Join(src, filepath.FromSlash(rel))
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(b), old) {
				t.Fatalf("%s has no %q", rel, old)
			}
			write(t, p, strings.Replace(string(b), old, new, 1))
		}
	}
	rows := []struct {
		name        string
		edit        func(t *testing.T)
		incremental bool   // built from the cache
		reason      string // else: why it built in full ("" when it had no cache to use)
		fails       bool
	}{
		{"nothing changed", func(*testing.T) {}, true, "", false},
		{"a sentence added to a news item", appendTo(news, "\nZdanie dopisane o Europolu.\n"), true, "", false},
		{"a file touched: the same bytes", func(t *testing.T) {
			p := filepath.Join(src, org)
			later := time.Now().Add(time.Hour)
			if err := os.Chtimes(p, later, later); err != nil {
				t.Fatal(err)
			}
		}, true, "", false},
		{"HTML in a body: a warning", appendTo(org, "\nText with <b>bold</b> HTML.\n"), true, "", false},
		{"the HTML removed: the warning goes", replace(org, "\nText with <b>bold</b> HTML.\n", "\n"), true, "", false},
		{"a link to another page's file", appendTo(news, "\nZobacz [Frontex](../organisations/frontex.md).\n"), true, "", false},
		{"a link to a part of another page", appendTo(news, "\nZobacz [art. 3](../decisions/2023-1187.md#art_3).\n"), true, "", false},
		{"a link to a missing part: an error", appendTo(news, "\nZobacz [art. 9](../decisions/2023-1187.md#art_9).\n"), true, "", true},
		{"the broken link fixed", replace(news, "#art_9", "#art_4"), true, "", false},
		{"a link to a profile: the profile's related list shows the item", appendTo(news, "\nZobacz też [CEPOL](../organisations/cepol.md).\n"), true, "", false},
		{"a linked profile retitled: the related lists showing it", replace("content/organisations/cepol.pl.md", `title: "`, `title: "Nowa nazwa: `), true, "", false},
		{"the link removed: out of the related list", replace(news, "\nZobacz też [CEPOL](../organisations/cepol.md).\n", "\n"), true, "", false},
		{"a coordinator's profile retitled: the project's link goes", replace("content/organisations/ppbw.pl.md", `title: "`, `title: "Dawniej `), true, "", false},
		{"a topic shared: related lists by topic", replace("content/organisations/unodc.en.md", "tags: [", "tags: [child-protection, "), true, "", false},
		{"the words of an act's paragraph changed", replace(act, "zajmują się UNODC i UNOCT", "zajmuje się UNODC wraz z UNOCT"), true, "", false},
		{"a heading added: the page's ids change", appendTo(news, "\n## Nowy rozdział\n\nTekst.\n"), false, "ids", false},
		{"a title changed: lists, feeds, the sitemap", replace(news, `title: "Inauguracja`, `title: "Otwarcie`), true, "", false},
		{"a date changed: the order of lists", replace(news, "date: 2024-10-10", "date: 2026-01-10"), true, "", false},
		{"lastmod set", replace(news, "date: 2026-01-10", "date: 2026-01-10\nlastmod: 2026-02-01"), true, "", false},
		{"a lastmod with a time zone: its parse is not kept", replace(news, "lastmod: 2026-02-01", "lastmod: 2026-02-01T10:00:00+01:00"), true, "", false},
		{"another page's body edited: that page parsed from its head", appendTo(org, "\nKolejne zdanie.\n"), true, "", false},
		{"the lastmod in UTC again", replace(news, "lastmod: 2026-02-01T10:00:00+01:00", "lastmod: 2026-02-01"), true, "", false},
		{"a tag that is not a topic: a new topic page", replace(news, "tags: [radicalisation,", "tags: [nowy-temat, radicalisation,"), true, "", false},
		{"the tag removed: its topic page goes", replace(news, "tags: [nowy-temat, radicalisation,", "tags: [radicalisation,"), false, "removes", false},
		{"a news item added", func(t *testing.T) {
			write(t, filepath.Join(src, "content/news/nowa.pl.md"), "---\ntitle: Nowa wiadomość\ndate: 2026-03-01\nsummary: Krótko.\ntags: [radicalisation]\n---\n\nTreść z linkiem do [Frontexu](../organisations/frontex.md).\n")
		}, true, "", false},
		{"its translation added", func(t *testing.T) {
			write(t, filepath.Join(src, "content/news/nowa.en.md"), "---\ntitle: A new item\ndate: 2026-03-01\nsummary: Briefly.\n---\n\nText.\n")
		}, true, "", false},
		{"an alias added: a redirect page", replace(org, "slug: frontex\n", "slug: frontex\naliases: [/en/agencies/frontex/]\n"), true, "", false},
		{"the alias moved: the old redirect goes", replace(org, "/en/agencies/frontex/", "/en/old/frontex/"), false, "removes", false},
		{"a page of the menu retitled", replace("content/pages/about.pl.md", "title: ", "title: Nowy tytuł – "), true, "", false},
		{"an item made a draft: its files go", replace("content/news/nowa.en.md", "title: A new item", "title: A new item\ndraft: true"), false, "removes", false},
		{"a file removed", func(t *testing.T) {
			if err := os.Remove(filepath.Join(src, "content/news/nowa.pl.md")); err != nil {
				t.Fatal(err)
			}
		}, false, "removed", false},
		{"a new item with a link to a missing file: an error", func(t *testing.T) {
			write(t, filepath.Join(src, "content/news/zla.pl.md"), "---\ntitle: Zła\ndate: 2026-03-02\nsummary: Zła.\n---\n\n[Brak](../organisations/brak.md).\n")
		}, true, "", true},
		{"the link fixed", replace("content/news/zla.pl.md", "brak.md", "olaf.md"), true, "", false},
		{"a page bundle with an image added", func(t *testing.T) {
			write(t, filepath.Join(src, "content/news/galeria/index.pl.md"), "---\ntitle: Galeria\ndate: 2026-03-03\ntags: [radicalisation]\n---\n\nWstęp do galerii.\n\n<!--more-->\n\n![Sala obrad](sala.png)\n")
			writePNG(t, filepath.Join(src, "content/news/galeria/sala.png"), 4, 3)
		}, false, "bundle", false},
		{"the bundle's page edited", appendTo("content/news/galeria/index.pl.md", "\nDruga sala.\n"), true, "", false},
		{"the teaser before <!--more--> edited: lists show it", replace("content/news/galeria/index.pl.md", "Wstęp do galerii.", "Nowy wstęp do galerii."), true, "", false},
		{"the bundle's image replaced", func(t *testing.T) {
			writePNG(t, filepath.Join(src, "content/news/galeria/sala.png"), 8, 5)
		}, false, "bundle", false},
		{"a file outside any bundle: a warning, the same output", func(t *testing.T) {
			write(t, filepath.Join(src, "content/news/notatki.txt"), "notatki")
		}, false, "bundle", false},
		{"a body edited with that file there: the warning stays", appendTo(news, "\nI jeszcze.\n"), true, "", false},
		{"a publishDate in the future: the item goes", replace("content/news/galeria/index.pl.md", "date: 2026-03-03", "date: 2026-03-03\npublishDate: 2099-01-01"), false, "removes", false},
		{"the publishDate removed", replace("content/news/galeria/index.pl.md", "publishDate: 2099-01-01\n", ""), false, "bundle", false},
		{"a url set: the page moves", replace(org, "slug: frontex\n", "slug: frontex\nurl: /en/frontex.html\n"), false, "removes", false},
		{"a body changed again, after a full build", appendTo(news, "\nJeszcze jedno zdanie.\n"), true, "", false},
		{"the style sheet changed", appendTo("static/css/site.css", "\n.x-test { color: red }\n"), false, "static", false},
		{"an output file edited by hand", func(t *testing.T) {
			write(t, filepath.Join(dest, "index.html"), "edited by hand")
		}, false, "destination", false},
		{"the build cache damaged", func(t *testing.T) {
			write(t, filepath.Join(buildcache.DefaultDir(dest), "state"), "hubgen build cache\nnot a state")
		}, false, "", false},
		{"a body changed: the new cache is used", appendTo(act, "\nUwaga końcowa.\n"), true, "", false},
	}
	// The edits whose languages' search index is updated in place from
	// the last build's state (search.Update), which must then equal the
	// full build's like every other file; the others are made whole.
	updates := map[string][]string{
		"a sentence added to a news item":                            {"pl"},
		"the words of an act's paragraph changed":                    {"pl"},
		"another page's body edited: that page parsed from its head": {"en"},
		"a body changed again, after a full build":                   {"pl"},
		"a linked profile retitled: the related lists showing it":    {"en"}, // pl: the titles' average length moved
		"a date changed: the order of lists":                         {"en"}, // pl: renumbered
		"a news item added":                                          {"en"}, // pl: a document more
	}
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			r.edit(t)
			before := readTree(t, dest)
			res, err := Build(context.Background(), Options{Source: src, Dest: dest, Now: testNow})
			fresh := filepath.Join(t.TempDir(), "public")
			fres, ferr := Build(context.Background(), Options{Source: src, Dest: fresh, Now: testNow, NoCache: true})
			if (err == nil) != (ferr == nil) || r.fails != (err != nil) {
				t.Fatalf("build error %v, full build error %v", err, ferr)
			}
			if got, want := diagStrings(res), diagStrings(fres); !reflect.DeepEqual(got, want) {
				t.Errorf("problems differ from a full build's:\n got %q\nwant %q", got, want)
			}
			if res.Incremental != r.incremental || !strings.Contains(res.FullReason, r.reason) {
				t.Errorf("incremental %v (%q), want %v (%q)", res.Incremental, res.FullReason, r.incremental, r.reason)
			}
			if want, ok := updates[r.name]; ok && !slices.Equal(res.IndexUpdated, want) {
				t.Errorf("search index updated in place in %q, want %q", res.IndexUpdated, want)
			}
			if err != nil {
				if diff := diffTrees(readTree(t, dest), before); diff != "" {
					t.Fatalf("a failed build changed the output:\n%s", diff)
				}
				return
			}
			if diff := diffTrees(readTree(t, dest), readTree(t, fresh)); diff != "" {
				t.Fatalf("the output differs from a full build's:\n%s", diff)
			}
			if unchanged := strings.HasPrefix(r.name, "nothing") || strings.Contains(r.name, "same bytes") || strings.Contains(r.name, "same output") || strings.Contains(r.name, "cache damaged"); unchanged != (res.Written == 0) {
				t.Errorf("%d files written", res.Written)
			}
		})
	}
}

// TestIncrementalBuildRefusesForeignFiles: a file no build wrote in the
// destination stops an incremental build as it stops a full one, and is
// left where it is.
func TestIncrementalBuildRefusesForeignFiles(t *testing.T) {
	src := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	build(t, src, dest)
	foreign := filepath.Join(dest, "aktualnosci", "notatki.txt")
	write(t, foreign, "mine")
	_, err := Build(context.Background(), Options{Source: src, Dest: dest, Now: testNow})
	var de *output.DestError
	if !errors.As(err, &de) || !strings.Contains(err.Error(), "aktualnosci/notatki.txt") {
		t.Fatalf("build into a destination with a foreign file: %v", err)
	}
	if b, err := os.ReadFile(foreign); err != nil || string(b) != "mine" {
		t.Errorf("the foreign file is gone or changed: %q, %v", b, err)
	}
}

// TestIncrementalBuildFutureDue: a page dated in the future is published
// by a build run after its date, which the cache cannot know: that build
// is a full one.
func TestIncrementalBuildFutureDue(t *testing.T) {
	src := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	page("content/news/zz-later.pl.md", "---\ntitle: Później\ndate: 2030-01-01\n---\nTekst.\n")(t, src)
	build(t, src, dest)
	res, err := Build(context.Background(), Options{Source: src, Dest: dest, Now: testNow})
	if err != nil || !res.Incremental {
		t.Fatalf("second build: incremental %v, %v", res.Incremental, err)
	}
	res, err = Build(context.Background(), Options{Source: src, Dest: dest, Now: time.Date(2030, 1, 2, 0, 0, 0, 0, time.UTC)})
	if err != nil || res.Incremental || !strings.Contains(res.FullReason, "due") {
		t.Fatalf("build after the date: incremental %v (%q), %v", res.Incremental, res.FullReason, err)
	}
	if _, err := os.Stat(filepath.Join(dest, "aktualnosci", "pozniej", "index.html")); err != nil {
		t.Errorf("the page due is not published: %v", err)
	}
}

// writePNG writes a w×h PNG image at p, making its directory.
func writePNG(t *testing.T, p string, w, h int) {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	write(t, p, b.String())
}

func diagStrings(res *Result) []string {
	var out []string
	for _, d := range res.Diags.Items() {
		out = append(out, d.String())
	}
	return out
}

func write(t *testing.T, p, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestIncrementalBuildGitDates: in CI every commit that edits a page
// changes its lastmod (from git), which lists, feeds and the sitemap show:
// the build after such a commit, in a fresh clone where every file has a
// new time, is still incremental and equals a full build.
func TestIncrementalBuildGitDates(t *testing.T) {
	site := portalRepo(t)
	repo := filepath.Dir(site)
	dest := filepath.Join(t.TempDir(), "public")
	build(t, site, dest)
	news := filepath.Join(site, "content/news/knowledge-hub-inauguration.pl.md")
	appendFile(t, news, "\nAkapit dodany w kolejnym commicie.\n")
	gittest.Commit(t, repo, secondCommit.Add(48*time.Hour), "a third commit")
	// A fresh checkout: the same bytes with new times.
	later := time.Now().Add(time.Minute)
	err := filepath.WalkDir(filepath.Join(site, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			err = os.Chtimes(p, later, later)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Build(context.Background(), Options{Source: site, Dest: dest, Now: testNow})
	if err != nil || !res.Incremental {
		t.Fatalf("build after the commit: incremental %v (%q), %v", res.Incremental, res.FullReason, err)
	}
	fresh := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Source: site, Dest: fresh, Now: testNow, NoCache: true}); err != nil {
		t.Fatal(err)
	}
	if diff := diffTrees(readTree(t, dest), readTree(t, fresh)); diff != "" {
		t.Fatalf("the output differs from a full build's:\n%s", diff)
	}
	sitemap, _ := os.ReadFile(filepath.Join(dest, "sitemap.xml"))
	if day := secondCommit.Add(48 * time.Hour).UTC().Format("2006-01-02"); !strings.Contains(string(sitemap), day) {
		t.Errorf("the sitemap has no lastmod %s", day)
	}
}

// TestStreamedBuild: a site over Options.KeepMarkdown has its pages read
// again as they convert; the output and problems are those of a build
// that held every page's Markdown, in build and in check.
func TestStreamedBuild(t *testing.T) {
	src := copySite(t)
	page("content/news/zz-broken.pl.md", "---\ntitle: Zepsuta\ndate: 2025-01-01\n---\n[link](../organisations/brak.md) i <b>HTML</b>.\n")(t, src)
	for _, check := range []bool{false, true} {
		held, streamed := filepath.Join(t.TempDir(), "public"), filepath.Join(t.TempDir(), "public")
		hres, herr := Build(context.Background(), Options{Source: src, Dest: held, Now: testNow, NoCache: true, Check: check})
		sres, serr := Build(context.Background(), Options{Source: src, Dest: streamed, Now: testNow, NoCache: true, Check: check, KeepMarkdown: 1})
		if herr == nil || serr == nil {
			t.Fatalf("check %v: a broken link built: %v, %v", check, herr, serr)
		}
		if got, want := diagStrings(sres), diagStrings(hres); !reflect.DeepEqual(got, want) {
			t.Errorf("check %v: problems differ:\n got %q\nwant %q", check, got, want)
		}
	}
	if err := os.Remove(filepath.Join(src, "content/news/zz-broken.pl.md")); err != nil {
		t.Fatal(err)
	}
	held, streamed := filepath.Join(t.TempDir(), "public"), filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Source: src, Dest: held, Now: testNow, NoCache: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(context.Background(), Options{Source: src, Dest: streamed, Now: testNow, NoCache: true, KeepMarkdown: 1}); err != nil {
		t.Fatal(err)
	}
	if diff := diffTrees(readTree(t, streamed), readTree(t, held)); diff != "" {
		t.Errorf("the streamed build's output differs:\n%s", diff)
	}
}
