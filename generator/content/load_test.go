package content

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"hubgen/generator/config"
	"hubgen/generator/diag"
	"hubgen/generator/source"
	"hubgen/internal/gittest"
)

const testConfig = `
baseURL = "https://example.org/"
defaultLanguage = "pl"
[languages.pl]
title = "Portal"
[languages.en]
title = "Portal"
[topics.cbrn]
pl = "CBRN"
en = "CBRN"
`

func testCfg(t *testing.T) *config.Config {
	t.Helper()
	cfg, err := config.Parse("config.toml", []byte(testConfig))
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// writeTree writes files (path relative to the source dir -> text) into a temp dir.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	gittest.Write(t, dir, files)
	return dir
}

var now = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

func load(t *testing.T, files map[string]string, opts ...Options) (*Site, *diag.List) {
	t.Helper()
	o := Options{Now: now}
	if len(opts) > 0 {
		o = opts[0]
	}
	tree, err := source.Open(writeTree(t, files))
	if err != nil {
		t.Fatal(err)
	}
	return Load(tree, testCfg(t), o)
}

func errorsOf(ds *diag.List) []string {
	var out []string
	for _, d := range ds.Items() {
		if d.Severity == diag.Error {
			out = append(out, d.String())
		}
	}
	return out
}

func TestFrontMatterFormats(t *testing.T) {
	tests := []struct {
		name, text string
	}{
		{"yaml", "---\ntitle: \"Łódź i Lublin\"\ndate: 2024-10-10\ntags: [cbrn]\n---\nTreść.\n"},
		{"yaml-rfc3339", "---\ntitle: Łódź i Lublin\ndate: 2024-10-10T09:00:00+02:00\ntags:\n  - cbrn\n---\nTreść.\n"},
		{"toml", "+++\ntitle = \"Łódź i Lublin\"\ndate = 2024-10-10\ntags = [\"cbrn\"]\n+++\nTreść.\n"},
		{"toml-string-date", "+++\ntitle = \"Łódź i Lublin\"\ndate = \"2024-10-10\"\ntags = [\"cbrn\"]\n+++\nTreść.\n"},
		{"json", "{\n  \"title\": \"Łódź i Lublin\",\n  \"date\": \"2024-10-10\",\n  \"tags\": [\"cbrn\"]\n}\n\nTreść.\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, ds := load(t, map[string]string{"content/news/a.pl.md": tc.text})
			if errs := errorsOf(ds); len(errs) > 0 {
				t.Fatalf("unexpected errors: %v", errs)
			}
			if len(s.Pages) != 1 {
				t.Fatalf("got %d pages, want 1", len(s.Pages))
			}
			p := s.Pages[0]
			if p.Title != "Łódź i Lublin" || p.Date.Format("2006-01-02") != "2024-10-10" || len(p.Tags) != 1 || p.Tags[0] != "cbrn" {
				t.Errorf("got title %q date %v tags %v", p.Title, p.Date, p.Tags)
			}
			if p.URL != "/aktualnosci/lodz-i-lublin/" {
				t.Errorf("URL = %q", p.URL)
			}
			if strings.TrimSpace(string(p.Body)) != "Treść." {
				t.Errorf("body = %q", p.Body)
			}
		})
	}
}

func TestMalformedFrontMatter(t *testing.T) {
	tests := []struct {
		name, text string
		want       string // the diagnostic must start with this (path:line:)
		contains   string
	}{
		{"yaml-bad-indent", "---\ntitle: A\ndate: 2024-10-10\n  tags: [x\n---\n", "content/news/a.pl.md:4:", "YAML"},
		{"yaml-tab", "---\ntitle: A\n\tdate: 2024-10-10\n---\n", "content/news/a.pl.md:3:", "YAML"},
		{"yaml-unclosed-quote", "---\ntitle: \"Zła\ndate: 2024-10-10\n---\n", "content/news/a.pl.md:2:1:", "never closed"},
		{"yaml-unclosed", "---\ntitle: A\ndate: 2024-10-10\n", "content/news/a.pl.md:1:1:", "never closed"},
		{"toml-unclosed-array", "+++\ntitle = \"A\"\ndate = 2024-10-10\ntags = [\"cbrn\"\n+++\n", "content/news/a.pl.md:4:", "TOML"},
		{"toml-missing-quote", "+++\ntitle = \"A\ndate = 2024-10-10\n+++\n", "content/news/a.pl.md:2:", "TOML"},
		{"json-trailing-comma", "{\n  \"title\": \"A\",\n  \"date\": \"2024-10-10\",\n}\n\nx\n", "content/news/a.pl.md:4:", "JSON"},
		{"json-unclosed", "{\n  \"title\": \"A\",\n", "content/news/a.pl.md:1:1:", "never closed"},
		{"leading-blank-lines", "\n\n---\ntitle: [A\n---\n", "content/news/a.pl.md:4:", "YAML"},
		{"no-front-matter", "Just text.\n", "content/news/a.pl.md:1:1:", "no front matter"},
		{"missing-title", "---\ndate: 2024-10-10\n---\n", "content/news/a.pl.md:1:1:", `missing required key "title"`},
		{"missing-date-news", "---\ntitle: A\n---\n", "content/news/a.pl.md:1:1:", `missing required key "date"`},
		{"bad-date", "---\ntitle: A\ndate: 10.10.2024\n---\n", "content/news/a.pl.md:3:1:", "is not a date"},
		{"slug-dotdot", "---\ntitle: A\ndate: 2024-10-10\nslug: ../../etc\n---\n", "content/news/a.pl.md:4:1:", "slug"},
		{"slug-slash", "---\ntitle: A\ndate: 2024-10-10\nslug: a/b\n---\n", "content/news/a.pl.md:4:1:", "slug"},
		{"tag-without-letters", "---\ntitle: A\ndate: 2024-10-10\ntags: [\"#\"]\n---\n", "content/news/a.pl.md:4:1:", `tag "#" has no letters or digits`},
		{"tags-not-list", "---\ntitle: A\ndate: 2024-10-10\ntags: {a: 1}\n---\n", "content/news/a.pl.md:4:1:", "must be a list"},
		{"draft-not-bool", "---\ntitle: A\ndate: 2024-10-10\ndraft: maybe\n---\n", "content/news/a.pl.md:4:1:", "true or false"},
		{"act-missing-number", "---\ntitle: A\ndate: 2024-10-10\nact:\n  type: Decyzja\n---\n", "content/news/a.pl.md:4:1:", `missing required key "number"`},
		{"url-relative", "---\ntitle: A\ndate: 2024-10-10\nurl: stara/strona/\n---\n", "content/news/a.pl.md:4:1:", `url "stara/strona/" must be a path from the site's root`},
		{"url-dotdot", "---\ntitle: A\ndate: 2024-10-10\nurl: /a/../../b/\n---\n", "content/news/a.pl.md:4:1:", "must not contain .. parts"},
		{"expiry-before-publish", "---\ntitle: A\ndate: 2024-10-10\nexpiryDate: 2024-10-09\n---\n", "content/news/a.pl.md:4:1:", "expiryDate 2024-10-09T00:00:00Z is not after the page is published"},
		{"publish-date-bad", "---\ntitle: A\ndate: 2024-10-10\npublishDate: jutro\n---\n", "content/news/a.pl.md:4:1:", `"publishDate": "jutro" is not a date`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := "content/news/a.pl.md"
			if strings.HasPrefix(tc.name, "act-") {
				path = "content/decisions/a.pl.md"
				tc.want = strings.Replace(tc.want, "news", "decisions", 1)
			}
			_, ds := load(t, map[string]string{path: tc.text})
			errs := errorsOf(ds)
			for _, e := range errs {
				if strings.HasPrefix(e, tc.want) && strings.Contains(e, tc.contains) {
					return
				}
			}
			t.Errorf("want an error starting %q containing %q; got %q", tc.want, tc.contains, errs)
		})
	}
}

// TestHugoDates: a date written in any form Hugo accepts is the same day.
func TestHugoDates(t *testing.T) {
	for _, written := range []string{
		"2024-10-10", "2024-10-10T09:30:00+02:00", "2024-10-10T09:30:00.123456+02:00", "2024-10-10T09:30:00",
		"2024-10-10 09:30:00", "2024-10-10T09:30", "2024-10-10 09:30", "2024-10-10T09:30:00-0700", "2024-10-10 09:30:00 +02:00",
		"2024-10-10 09:30:00 +0200", "2024-10-10 09:30:00Z", "Thu, 10 Oct 2024 09:30:00 +0200", "Thu, 10 Oct 2024 09:30:00 CEST",
		"10 Oct 24 09:30 +0200", "10 Oct 24 09:30 UTC", "Thursday, 10-Oct-24 09:30:00 UTC", "Thu Oct 10 09:30:00 2024",
		"Thu Oct 10 09:30:00 UTC 2024", "Thu Oct 10 09:30:00 +0200 2024", "10 Oct 2024", "10 October 2024", "October 10, 2024", "Oct 10, 2024",
	} {
		t.Run(written, func(t *testing.T) {
			s, ds := load(t, map[string]string{"content/news/a.pl.md": "---\ntitle: A\ndate: \"" + written + "\"\n---\n"})
			if errs := errorsOf(ds); len(errs) > 0 || len(s.Pages) != 1 {
				t.Fatalf("errors %q", errs)
			}
			if d := s.Pages[0].Date; d.Year() != 2024 || d.Month() != 10 || d.Day() != 10 {
				t.Errorf("date %v, want 2024-10-10", d)
			}
		})
	}
}

// TestPageBundles: index.md and index.<lang>.md in content/<section>/<name>/
// are the page <name> in their languages, linked as translations; the
// bundle's other files go beside each version; a file outside a bundle is
// a warning, another Markdown file in a bundle an error.
func TestPageBundles(t *testing.T) {
	s, ds := load(t, map[string]string{
		"content/news/galeria/index.md":    "---\ntitle: Galeria\ndate: 2024-10-10\n---\n\n![Sala](img/sala.png)\n",
		"content/news/galeria/index.en.md": "---\ntitle: Gallery\ndate: 2024-10-10\n---\n",
		"content/news/galeria/notes.md":    "---\ntitle: Notes\n---\n",
		"content/pages/o-nas.pl.md":        "---\ntitle: O nas\nurl: /o-nas.html\n---\n\n[Galeria](../news/galeria/index.md)\n",
		"content/news/zdjecie.png":         "png",
	})
	errs := errorsOf(ds)
	if len(errs) != 1 || !strings.HasPrefix(errs[0], "content/news/galeria/notes.md:") || !strings.Contains(errs[0], "index.md or index.<lang>.md") {
		t.Errorf("errors %q, want one for notes.md", errs)
	}
	var pl, en, about *Page
	for _, p := range s.Pages {
		switch p.Path {
		case "content/news/galeria/index.md":
			pl = p
		case "content/news/galeria/index.en.md":
			en = p
		case "content/pages/o-nas.pl.md":
			about = p
		}
	}
	if pl == nil || en == nil || about == nil {
		t.Fatalf("pages %v", s.Pages)
	}
	if pl.Name != "galeria" || pl.Lang != "pl" || pl.Bundle != "content/news/galeria" || pl.Translation("en") != en {
		t.Errorf("bundle page %+v", pl)
	}
	if about.URL != "/o-nas.html" {
		t.Errorf("url: page at %q", about.URL)
	}
	if to, problem := s.ResolveFile(about, "../news/galeria/index.md"); to != pl || problem != "" {
		t.Errorf("link to the bundle's index.md: %v %q", to, problem)
	}
	var warns diag.List
	copies := s.BundleFiles([]string{"content/news/galeria/img/sala.png", "content/news/zdjecie.png"}, &warns)
	want := map[string]string{
		"aktualnosci/galeria/img/sala.png": "content/news/galeria/img/sala.png",
		"en/news/gallery/img/sala.png":     "content/news/galeria/img/sala.png",
	}
	if !reflect.DeepEqual(copies, want) {
		t.Errorf("copies %v, want %v", copies, want)
	}
	if w := warns.Items(); len(w) != 1 || w[0].Path != "content/news/zdjecie.png" || w[0].Kind != diag.KindUnusedFile {
		t.Errorf("warnings %v, want one unused-file for content/news/zdjecie.png", w)
	}
}

// TestTeaser: without a summary, the text before <!--more--> on a line of
// its own is the page's summary, and it counts as front matter (lists
// show it) in MatterHash.
func TestTeaser(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"none", "Tekst.\n", ""},
		{"plain", "Pierwszy *akapit*\nw dwóch wierszach.\n\n<!--more-->\n\nReszta.\n", "Pierwszy akapit w dwóch wierszach."},
		{"title heading left out", "# A\n\nWstęp z [linkiem](x.md).\n<!--more-->\n", "Wstęp z linkiem."},
		{"inside code is no marker", "Wstęp.\n\n```\n<!--more-->\n```\n", ""},
		{"code before it left out", "Wstęp.\n\n```\nkod\n```\n\n<!--more-->\n", "Wstęp."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := load(t, map[string]string{"content/pages/a.pl.md": "---\ntitle: A\n---\n" + tc.body})
			if len(s.Pages) != 1 {
				t.Fatalf("%d pages", len(s.Pages))
			}
			if got := s.Pages[0].Summary; got != tc.want {
				t.Errorf("summary %q, want %q", got, tc.want)
			}
			if got := teaser([]byte(tc.body), "A"); got != tc.want {
				t.Errorf("teaser %q, want %q", got, tc.want)
			}
		})
	}
	with, _ := load(t, map[string]string{"content/pages/a.pl.md": "---\ntitle: A\n---\nJeden.\n<!--more-->\n"})
	other, _ := load(t, map[string]string{"content/pages/a.pl.md": "---\ntitle: A\n---\nDwa.\n<!--more-->\n"})
	if with.Pages[0].MatterHash == other.Pages[0].MatterHash {
		t.Error("two teasers, one MatterHash")
	}
}

func TestAllProblemsReportedTogether(t *testing.T) {
	_, ds := load(t, map[string]string{
		"content/news/a.pl.md": "---\ntitle: [A\n---\n",
		"content/news/b.pl.md": "---\ndate: 2024-01-01\n---\n",
		"content/news/c.en.md": "+++\ntitle = \n+++\n",
	})
	errs := errorsOf(ds)
	if len(errs) != 3 {
		t.Fatalf("want one error per broken file (3), got %d: %q", len(errs), errs)
	}
	for i, f := range []string{"content/news/a.pl.md:", "content/news/b.pl.md:", "content/news/c.en.md:"} {
		if !strings.HasPrefix(errs[i], f) {
			t.Errorf("error %d = %q, want it to name %s", i, errs[i], f)
		}
	}
}

func TestTranslationLinking(t *testing.T) {
	page := func(title, extra string) string {
		return "---\ntitle: " + title + "\ndate: 2024-10-10\n" + extra + "---\nx\n"
	}
	tests := []struct {
		name  string
		files map[string]string
		pairs [][2]string // paths that must be each other's translations
		alone []string    // paths with no translation
	}{
		{
			name: "shared name",
			files: map[string]string{
				"content/news/hub.pl.md":  page("Hub PL", ""),
				"content/news/hub.en.md":  page("Hub EN", ""),
				"content/news/solo.pl.md": page("Solo", ""),
			},
			pairs: [][2]string{{"content/news/hub.pl.md", "content/news/hub.en.md"}},
			alone: []string{"content/news/solo.pl.md"},
		},
		{
			name: "no suffix means default language",
			files: map[string]string{
				"content/news/hub.md":    page("Hub PL", ""),
				"content/news/hub.en.md": page("Hub EN", ""),
			},
			pairs: [][2]string{{"content/news/hub.md", "content/news/hub.en.md"}},
		},
		{
			name: "translationKey across names",
			files: map[string]string{
				"content/news/inauguracja.pl.md":  page("Inauguracja", "translationKey: hub-2024\n"),
				"content/news/inauguration.en.md": page("Inauguration", "translationKey: hub-2024\n"),
			},
			pairs: [][2]string{{"content/news/inauguracja.pl.md", "content/news/inauguration.en.md"}},
		},
		{
			name: "same name different section is not a translation",
			files: map[string]string{
				"content/news/x.pl.md":     page("X", ""),
				"content/projects/x.en.md": page("X", ""),
			},
			alone: []string{"content/news/x.pl.md", "content/projects/x.en.md"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, ds := load(t, tc.files)
			if errs := errorsOf(ds); len(errs) > 0 {
				t.Fatalf("errors: %v", errs)
			}
			byPath := map[string]*Page{}
			for _, p := range s.Pages {
				byPath[p.Path] = p
			}
			for _, pr := range tc.pairs {
				a, b := byPath[pr[0]], byPath[pr[1]]
				if a == nil || b == nil {
					t.Fatalf("missing page %v", pr)
				}
				if a.Translations[b.Lang] != b || b.Translations[a.Lang] != a {
					t.Errorf("%s and %s are not linked as translations", pr[0], pr[1])
				}
			}
			for _, p := range tc.alone {
				if n := len(byPath[p].Translations); n != 0 {
					t.Errorf("%s has %d translations, want none", p, n)
				}
			}
		})
	}
}

func TestTwoPagesOneLanguageSameKey(t *testing.T) {
	_, ds := load(t, map[string]string{
		"content/news/a.pl.md": "---\ntitle: A\ndate: 2024-10-10\ntranslationKey: k\n---\n",
		"content/news/b.pl.md": "---\ntitle: B\ndate: 2024-10-10\ntranslationKey: k\n---\n",
	})
	if errs := errorsOf(ds); len(errs) != 1 || !strings.Contains(errs[0], "both claim") {
		t.Errorf("want one 'both claim' error, got %q", errs)
	}
}

func TestTwoPagesOneURL(t *testing.T) {
	_, ds := load(t, map[string]string{
		"content/news/a.pl.md": "---\ntitle: A\ndate: 2024-10-10\nslug: same\n---\n",
		"content/news/b.pl.md": "---\ntitle: B\ndate: 2024-10-10\nslug: same\n---\n",
	})
	errs := errorsOf(ds)
	if len(errs) != 1 || !strings.HasPrefix(errs[0], "content/news/b.pl.md:4:1:") || !strings.Contains(errs[0], "content/news/a.pl.md") {
		t.Errorf("want an error at b's slug naming a; got %q", errs)
	}
}

func TestDraftsAndFuture(t *testing.T) {
	files := map[string]string{
		"content/news/draft.pl.md":  "---\ntitle: Draft\ndate: 2024-10-10\ndraft: true\n---\n",
		"content/news/future.pl.md": "---\ntitle: Future\ndate: 2027-01-01\n---\n",
		"content/news/now.pl.md":    "---\ntitle: Now\ndate: 2024-01-01\n---\n",
	}
	for _, tc := range []struct {
		opts Options
		want int
	}{
		{Options{Now: now}, 1},
		{Options{Now: now, Drafts: true}, 2},
		{Options{Now: now, Future: true}, 2},
		{Options{Now: now, Drafts: true, Future: true}, 3},
	} {
		s, _ := load(t, files, tc.opts)
		if len(s.Pages) != tc.want {
			t.Errorf("opts %+v: %d pages, want %d", tc.opts, len(s.Pages), tc.want)
		}
	}
}

func TestResolveFile(t *testing.T) {
	s, ds := load(t, map[string]string{
		"content/news/a.pl.md":            "---\ntitle: A\ndate: 2024-10-10\n---\n",
		"content/news/a.en.md":            "---\ntitle: A en\ndate: 2024-10-10\n---\n",
		"content/organisations/x.pl.md":   "---\ntitle: X\n---\n",
		"content/organisations/x.en.md":   "---\ntitle: X en\n---\n",
		"content/organisations/onlypl.md": "---\ntitle: Only\n---\n",
		"content/news/d.pl.md":            "---\ntitle: D\ndate: 2024-10-10\ndraft: true\n---\n",
	})
	if errs := errorsOf(ds); len(errs) > 0 {
		t.Fatal(errs)
	}
	var pl, en *Page
	for _, p := range s.Pages {
		if p.Path == "content/news/a.pl.md" {
			pl = p
		}
		if p.Path == "content/news/a.en.md" {
			en = p
		}
	}
	tests := []struct {
		from    *Page
		target  string
		wantURL string
		problem string
	}{
		{pl, "../organisations/x.md", "/organizacje/x/", ""},
		{en, "../organisations/x.md", "/en/organisations/x-en/", ""},
		{en, "../organisations/x.pl.md", "/organizacje/x/", ""},
		{pl, "../organisations/x.en.md", "/en/organisations/x-en/", ""},
		{en, "../organisations/onlypl.md", "/organizacje/only/", ""},
		{pl, "a.en.md", "/en/news/a-en/", ""},
		{pl, "../organisations/missing.md", "", "link to missing file"},
		{pl, "../organisations/x.de.md", "", "link to missing file"},
		{pl, "d.md", "", "not published (draft)"},
		{pl, "../../README.md", "", "not a content file"},
	}
	for _, tc := range tests {
		to, problem := s.ResolveFile(tc.from, tc.target)
		if tc.problem != "" {
			if !strings.Contains(problem, tc.problem) {
				t.Errorf("%s -> %s: problem %q, want %q", tc.from.Path, tc.target, problem, tc.problem)
			}
			continue
		}
		if problem != "" || to == nil || to.URL != tc.wantURL {
			t.Errorf("%s -> %s: got %v %q, want %s", tc.from.Path, tc.target, to, problem, tc.wantURL)
		}
	}
}

func TestUnknownKeysWarn(t *testing.T) {
	s, ds := load(t, map[string]string{"content/news/a.pl.md": "---\ntitle: A\ndate: 2024-10-10\nauthor: Jan\n---\n"})
	if ds.HasErrors() {
		t.Fatal(errorsOf(ds))
	}
	items := ds.Items()
	if len(items) != 1 || items[0].Severity != diag.Warning || items[0].Line != 4 {
		t.Errorf("want one warning at line 4, got %v", items)
	}
	if s.Pages[0].Params["author"] != "Jan" {
		t.Errorf("unknown key not kept: %v", s.Pages[0].Params)
	}
}

// TestCleanAlias: aliases written differently compare as one path, so that
// "/./" cannot slip past the check that protects the home page.
func TestCleanAlias(t *testing.T) {
	tests := []struct {
		in, want string // want "" means refused
	}{
		{"/stare/", "/stare/"},
		{"/stare", "/stare/"},
		{"/cpt/2536,Inauguracja.html", "/cpt/2536,Inauguracja.html"},
		{"/./", "/"},
		{"/en/./", "/en/"},
		{"/aktualnosci//", "/aktualnosci/"},
		{"/./404.html", "/404.html"},
		{"/a/./b//c", "/a/b/c/"},
		{"/feed.xml", "/feed.xml/"},
		{"stare/", ""},
		{"//evil.example/", ""},
		{"/a/../b/", ""},
		{"/..", ""},
		{"/a\\b/", ""},
		{"/a?b", ""},
		{"/a#b", ""},
		{"/a\nb/", ""},
		{"/" + strings.Repeat("a", 201) + "/", ""},
	}
	for _, tc := range tests {
		got, err := CleanAlias(tc.in)
		switch {
		case tc.want == "" && err == nil:
			t.Errorf("CleanAlias(%q) = %q, want an error", tc.in, got)
		case tc.want != "" && (err != nil || got != tc.want):
			t.Errorf("CleanAlias(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

// TestLongTitlesAndSlugs: a slug made from a long title is cut at a word to
// a readable length (a 312-character title once made a file name the file
// system refused); a slug written too long is an error at its line.
func TestLongTitlesAndSlugs(t *testing.T) {
	long := strings.Repeat("Bardzo długi tytuł ", 16)
	s, ds := load(t, map[string]string{
		"content/news/a.pl.md": "---\ntitle: " + long + "\ndate: 2024-10-10\n---\n",
		"content/news/b.pl.md": "---\ntitle: B\ndate: 2024-10-10\nslug: " + strings.Repeat("ab-", 80) + "c\n---\n",
	})
	errs := errorsOf(ds)
	if len(errs) != 1 || !strings.HasPrefix(errs[0], "content/news/b.pl.md:4:1: slug is 241 characters long") {
		t.Errorf("errors %q, want one at b's slug", errs)
	}
	var a *Page
	for _, p := range s.Pages {
		if p.Name == "a" {
			a = p
		}
	}
	if a == nil || len(a.Slug) > 80 || !strings.HasPrefix(a.Slug, "bardzo-dlugi-tytul-bardzo") || strings.HasSuffix(a.Slug, "-") || !strings.HasSuffix(a.Slug, "tytul") {
		t.Errorf("slug of a long title: %+v", a)
	}
}

// TestContentThatLeavesTheTree: a Markdown file that is a link out of the
// site, or a named pipe, is an error naming it; the rest still loads.
func TestContentThatLeavesTheTree(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.md")
	if err := os.WriteFile(outside, []byte("---\ntitle: Secret\ndate: 2024-01-01\n---\nhidden\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := writeTree(t, map[string]string{"content/news/ok.pl.md": "---\ntitle: OK\ndate: 2024-01-01\n---\n"})
	if err := os.Symlink(outside, filepath.Join(dir, "content/news/leak.pl.md")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "content/news/pipe.pl.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	tree, err := source.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	s, ds := Load(tree, testCfg(t), Options{Now: now})
	errs := errorsOf(ds)
	want := []string{"content/news/leak.pl.md:1:1: leads outside the site's directory", "content/news/pipe.pl.md:1:1: is a named pipe"}
	if len(errs) != 2 || !strings.HasPrefix(errs[0], want[0]) || !strings.HasPrefix(errs[1], want[1]) {
		t.Errorf("errors %q, want %q", errs, want)
	}
	if len(s.Pages) != 1 || s.Pages[0].Title != "OK" {
		t.Errorf("pages %v, want only OK", s.Pages)
	}
}

// TestParseHead: a file parsed again from the head ParseFile kept of it is
// the same page with the same problems, without its body, for every kind
// of front matter and for files whose body is empty or starts at once.
func TestParseHead(t *testing.T) {
	files := map[string]string{
		"content/news/yaml.pl.md":   "---\ntitle: \"A: b\"\ndate: 2024-01-01\ntags: [cbrn, nieznany]\nsumary: x\n---\nTreść.\n\n## Nagłówek\n",
		"content/news/toml.en.md":   "+++\ntitle = \"T\"\ndate = 2024-01-02\n+++\nBody.\n",
		"content/news/bom.pl.md":    "\ufeff---\ntitle: BOM\ndate: 2024-01-03\n---\nTekst.\n",
		"content/news/crlf.pl.md":   "---\r\ntitle: CRLF\r\ndate: 2024-01-04\r\n---\r\nTekst.\r\n",
		"content/news/empty.pl.md":  "---\ntitle: Pusta\ndate: 2024-01-05\n---\n",
		"content/news/noeol.pl.md":  "---\ntitle: Bez końca\ndate: 2024-01-06\n---",
		"content/news/broken.pl.md": "---\ntitle: [\ndate: 2024-01-07\n---\nTekst.\n",
	}
	dir := writeTree(t, files)
	tree, err := source.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	cfg := testCfg(t)
	pages := 0
	for rel := range files {
		f := ParseFile(tree, cfg, rel)
		if f.Page == nil {
			if f.Head != nil {
				t.Errorf("%s: no page, but a head", rel)
			}
			continue
		}
		pages++
		h := ParseHead(cfg, rel, f.Head, f.Teaser, f.Page.SourceHash, f.Size, f.ModTime)
		if !reflect.DeepEqual(h.Diags.Items(), f.Diags.Items()) {
			t.Errorf("%s: problems %v, from the file %v", rel, h.Diags.Items(), f.Diags.Items())
		}
		if h.Page.Body != nil {
			t.Errorf("%s: a body from the head", rel)
		}
		want := *f.Page
		want.Body = nil
		if !reflect.DeepEqual(*h.Page, want) {
			t.Errorf("%s: page from the head\n%+v\nfrom the file\n%+v", rel, *h.Page, want)
		}
	}
	if pages != len(files)-1 {
		t.Errorf("%d pages of %d files: only the broken one is none", pages, len(files))
	}
}
