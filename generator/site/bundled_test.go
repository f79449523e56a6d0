package site

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/html"

	"hubgen/generator/config"
	"hubgen/generator/content"
	"hubgen/generator/i18n"
	"hubgen/generator/source"
)

// builtSite is a build of the bundled portal with its pages parsed.
type builtSite struct {
	res   *Result
	dest  string
	pages map[string]*html.Node // file -> document, HTML files only
	raw   map[string][]byte
}

// bundledOnce builds the bundled portal once for every test of the package
// that only reads the result (none may change it): building it per test
// made this package build the portal sixteen times.
var bundledOnce = sync.OnceValues(func() (*builtSite, error) {
	dir, err := os.MkdirTemp("", "hubgen-site-test-")
	if err != nil {
		return nil, err
	}
	dest := filepath.Join(dir, "public")
	res, err := Build(context.Background(), Options{Source: repoRoot, Dest: dest, Now: testNow})
	if err != nil {
		return nil, fmt.Errorf("building the bundled portal: %w", err)
	}
	raw, err := readTreeErr(dest)
	if err != nil {
		return nil, err
	}
	b := &builtSite{res: res, dest: dest, pages: map[string]*html.Node{}, raw: raw}
	for name := range b.raw {
		if strings.HasSuffix(name, ".html") {
			if b.pages[name], err = parseMaybe(filepath.Join(dest, name)); err != nil {
				return nil, err
			}
		}
	}
	return b, nil
})

// TestMain removes the shared build when the tests are done.
func TestMain(m *testing.M) {
	code := m.Run()
	if b, err := bundledOnce(); err == nil {
		os.RemoveAll(filepath.Dir(b.dest))
	}
	os.Exit(code)
}

// buildBundled returns the shared build of the bundled portal.
func buildBundled(t *testing.T) *builtSite {
	t.Helper()
	b, err := bundledOnce()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// fileFor maps a root-relative URL path to the file that serves it.
func fileFor(p string) string {
	p = strings.TrimPrefix(p, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	return p
}

func loadBundled(t *testing.T) *content.Site {
	t.Helper()
	cfg, err := config.Load(filepath.Join(repoRoot, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	tree, err := source.Open(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	s, ds := content.Load(tree, cfg, content.Options{Now: testNow})
	if ds.Len() > 0 {
		t.Fatalf("bundled content has problems: %v", ds.Items())
	}
	return s
}

func TestBundledContentComplete(t *testing.T) {
	s := loadBundled(t)
	var files []string
	filepath.WalkDir(filepath.Join(repoRoot, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return err
	})
	if len(s.Pages) != len(files) || len(files) < 30 {
		t.Errorf("%d content files but %d published pages", len(files), len(s.Pages))
	}
	for p, langs := range s.Missing() {
		t.Errorf("%s has no translation in %v", p.Path, langs)
	}
	// Every seed document is a page in both languages.
	for _, name := range []string{"news/knowledge-hub-inauguration", "news/empact-2026-2029-inauguration", "decisions/2023-1187", "organisations/eastern-competence-centre", "projects/2ps"} {
		for _, lang := range []string{"pl", "en"} {
			if _, err := os.Stat(filepath.Join(repoRoot, "content", name+"."+lang+".md")); err != nil {
				t.Errorf("seed page missing: %v", err)
			}
		}
	}
	// The knowledge-base profiles the seeds revolve around.
	for _, org := range []string{"ppbw", "unodc", "unoct", "europol", "frontex"} {
		if _, err := os.Stat(filepath.Join(repoRoot, "content", "organisations", org+".pl.md")); err != nil {
			t.Errorf("profile missing: %v", err)
		}
	}
}

func TestBundledInternalLinksResolve(t *testing.T) {
	b := buildBundled(t)
	ids := map[string]map[string]bool{}
	idsIn := func(file string) map[string]bool {
		if ids[file] == nil {
			ids[file] = idsOf(b.pages[file])
		}
		return ids[file]
	}
	names := sortedNames(b.pages)
	checked := 0
	for _, name := range names {
		doc := b.pages[name]
		for _, tag := range []string{"a", "link"} {
			for _, n := range findAll(doc, tag) {
				href := attr(n, "href")
				if tag == "link" && attr(n, "rel") != "stylesheet" {
					continue
				}
				u, err := url.Parse(href)
				if err != nil {
					t.Errorf("%s: bad href %q", name, href)
					continue
				}
				if u.Scheme != "" || href == "" {
					continue
				}
				target := name
				if u.Path != "" {
					if !strings.HasPrefix(u.Path, "/") {
						t.Errorf("%s: relative link %q", name, href)
						continue
					}
					target = fileFor(u.Path)
				}
				if _, ok := b.raw[target]; !ok {
					t.Errorf("%s: link to %s, which is not built", name, href)
					continue
				}
				if u.Fragment != "" && strings.HasSuffix(target, ".html") && !idsIn(target)[u.Fragment] {
					t.Errorf("%s: link to %s, but #%s is not on that page", name, href, u.Fragment)
				}
				checked++
			}
		}
	}
	if checked < 500 {
		t.Errorf("only %d links checked", checked)
	}
}

func sortedNames(m map[string]*html.Node) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// The scraped seeds carry noise that must never reach the site.
var noise = []string{
	"Kody Rabatowe", "Dziennik Kody", "zniżek", "Vobacom", "Webdeveloping", "Strony WWW",
	"Wyszukaj według", "Poprzedni Strona", "[Poprzedni", "EU flag 150", "Centurm", "środowska",
	"Powrót Drukuj", "Data publikacji 27.11.2025", "PRZYMUJE", "nieproliferaacja", "wołę",
	"Przemocności", "Consuting", "organiza- cjami", "**Streszczenie", "03:18",
}

var brokenTitle = regexp.MustCompile(`Inauguracja\s*\n\s*aktywności\s*\n\s*Knowledge\s*\n\s*Hub`)

func TestNoScrapingNoise(t *testing.T) {
	b := buildBundled(t)
	for name, data := range b.raw {
		text := string(data)
		if strings.HasSuffix(name, ".html") {
			text = renderText(b.pages[name]) + "\n" + text
		}
		for _, n := range noise {
			if strings.Contains(text, n) {
				t.Errorf("%s contains noise %q", name, n)
			}
		}
		if brokenTitle.MatchString(text) {
			t.Errorf("%s contains the title broken over four lines", name)
		}
	}
	// The sources themselves must not carry it either (they are what editors edit).
	filepath.WalkDir(filepath.Join(repoRoot, "content"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, _ := os.ReadFile(p)
		for _, n := range noise {
			if strings.Contains(string(data), n) {
				t.Errorf("%s contains noise %q", p, n)
			}
		}
		return nil
	})
}

// actStructure counts recitals, articles and annexes in a built act page.
func actStructure(doc *html.Node) (recitals []string, articles []string, annex bool) {
	rct := regexp.MustCompile(`^\((\d+)\) `)
	for _, div := range findAll(doc, "div") {
		if !strings.Contains(attr(div, "class"), "act-text") {
			continue
		}
		for _, p := range findAll(div, "p") {
			if m := rct.FindStringSubmatch(renderText(p)); m != nil {
				recitals = append(recitals, m[1])
			}
		}
		for _, h := range findAll(div, "h2") {
			txt := renderText(h)
			if strings.HasPrefix(txt, "Artykuł ") || strings.HasPrefix(txt, "Article ") {
				articles = append(articles, strings.Fields(txt)[1])
			}
			if strings.HasPrefix(txt, "ZAŁĄCZNIK") || strings.HasPrefix(txt, "ANNEX") {
				annex = true
			}
		}
	}
	return
}

func TestDecisionStructureBothLanguages(t *testing.T) {
	b := buildBundled(t)
	for _, file := range []string{"akty-prawne/2023-1187/index.html", "en/decisions/2023-1187/index.html"} {
		doc := b.pages[file]
		if doc == nil {
			t.Fatalf("%s not built", file)
		}
		rcts, arts, annex := actStructure(doc)
		if strings.Join(rcts, ",") != "1,2,3,4,5,6,7,8,9,10" {
			t.Errorf("%s: recitals %v, want 1–10", file, rcts)
		}
		if strings.Join(arts, ",") != "1,2,3,4,5" {
			t.Errorf("%s: articles %v, want 1–5", file, arts)
		}
		if !annex {
			t.Errorf("%s: no annex", file)
		}
		if n := len(findAllClass(doc, "li", "")); n == 0 {
			t.Errorf("%s: no list items", file)
		}
		fns := 0
		for _, a := range findAll(doc, "a") {
			if strings.HasPrefix(attr(a, "href"), "#fn:") {
				fns++
			}
		}
		if fns != 3 {
			t.Errorf("%s: %d footnote references, want 3", file, fns)
		}
	}
}

func findAllClass(n *html.Node, tag, class string) []*html.Node {
	var out []*html.Node
	for _, x := range findAll(n, tag) {
		if class == "" || strings.Contains(" "+attr(x, "class")+" ", " "+class+" ") {
			out = append(out, x)
		}
	}
	return out
}

func linksIn(doc *html.Node) map[string]bool {
	out := map[string]bool{}
	for _, a := range findAll(doc, "a") {
		out[attr(a, "href")] = true
	}
	return out
}

func TestHomePagesShowLatest(t *testing.T) {
	b := buildBundled(t)
	want := map[string][]string{
		"index.html":    {"/aktualnosci/inauguracja-knowledge-hub/", "/aktualnosci/spotkanie-inaugurujace-cykl-empact-2026-2029/", "/akty-prawne/2023-1187/"},
		"en/index.html": {"/en/news/knowledge-hub-inauguration/", "/en/news/expert-meeting-opens-empact-2026-2029/", "/en/decisions/2023-1187/"},
	}
	for file, urls := range want {
		links := linksIn(b.pages[file])
		for _, u := range urls {
			if !links[u] {
				t.Errorf("%s does not link %s", file, u)
			}
		}
	}
}

func TestTopicPagesListTaggedPages(t *testing.T) {
	s := loadBundled(t)
	b := buildBundled(t)
	cfg, _ := config.Load(filepath.Join(repoRoot, "config.toml"))
	for _, topic := range cfg.Topics {
		for _, l := range cfg.Languages {
			var want []string
			for _, p := range s.Pages {
				for _, tag := range p.Tags {
					if tag == topic.Key && p.Lang == l.Code {
						want = append(want, p.URL)
					}
				}
			}
			file := fileFor(cfg.SectionPath(l.Code, "topics") + i18n.Slugify(topic.Names[l.Code]) + "/")
			doc := b.pages[file]
			if doc == nil {
				if len(want) > 0 {
					t.Errorf("topic page %s missing", file)
				}
				continue
			}
			var got []string
			for doc != nil {
				for _, h := range findAllClass(doc, "h2", "item-title") {
					got = append(got, attr(find(h, "a"), "href"))
				}
				next := ""
				for _, a := range findAll(doc, "a") {
					if attr(a, "rel") == "next" {
						next = attr(a, "href")
					}
				}
				doc = nil
				if next != "" {
					doc = b.pages[fileFor(next)]
				}
			}
			sort.Strings(got)
			sort.Strings(want)
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("%s lists %v, want %v", file, got, want)
			}
		}
	}
	// A concrete case: the nuclear-terrorism topic lists the decision.
	if !linksIn(b.pages["tematy/terroryzm-jadrowy-i-zagrozenia-cbrn/index.html"])["/akty-prawne/2023-1187/"] {
		t.Error("the CBRN topic page does not list decision 2023/1187")
	}
}

func TestSourcesAndAliasesShown(t *testing.T) {
	s := loadBundled(t)
	b := buildBundled(t)
	for _, p := range s.Pages {
		doc := b.pages[fileFor(p.URL)]
		if p.Source == "" {
			continue
		}
		var shown bool
		for _, para := range findAllClass(doc, "p", "source") {
			label := map[string]string{"pl": "Źródło", "en": "Source"}[p.Lang]
			if strings.HasPrefix(renderText(para), label) && attr(find(para, "a"), "href") == p.Source {
				shown = true
			}
		}
		if !shown {
			t.Errorf("%s does not show its source %s", p.URL, p.Source)
		}
	}
	alias := "cpt/aktualnosci/2536,Inauguracja-aktywnosci-Knowledge-Hub.html"
	doc := b.pages[alias]
	if doc == nil {
		t.Fatalf("alias page %s not built", alias)
	}
	var refresh string
	for _, m := range findAll(doc, "meta") {
		if attr(m, "http-equiv") == "refresh" {
			refresh = attr(m, "content")
		}
	}
	if refresh != "0; url=/aktualnosci/inauguracja-knowledge-hub/" || !linksIn(doc)["/aktualnosci/inauguracja-knowledge-hub/"] {
		t.Errorf("alias does not redirect to the news item: refresh %q", refresh)
	}
}

func TestProjectPartners(t *testing.T) {
	s := loadBundled(t)
	for _, p := range s.Pages {
		if p.Section == "projects" && p.Name == "2ps" {
			if n := len(p.Project.Partners); n != 19 {
				t.Errorf("%s: %d partners, want the seed's 19", p.Path, n)
			}
			if p.Project.Start.Format("2006-01") != "2022-10" || p.Project.End.Format("2006-01") != "2025-09" {
				t.Errorf("%s: dates %v – %v", p.Path, p.Project.Start, p.Project.End)
			}
			for _, pt := range p.Project.Partners {
				if pt.Country == "" {
					t.Errorf("%s: partner %q without country", p.Path, pt.Name)
				}
			}
		}
	}
}

// TestAccessibleStructure: every page has one h1, headings that never skip
// a level, the landmarks, a skip link to main, and a language on <html>.
func TestAccessibleStructure(t *testing.T) {
	b := buildBundled(t)
	for _, name := range sortedNames(b.pages) {
		doc := b.pages[name]
		if hasMeta(doc, "refresh") {
			continue
		}
		var levels []int
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode && len(n.Data) == 2 && n.Data[0] == 'h' && n.Data[1] >= '1' && n.Data[1] <= '6' {
				levels = append(levels, int(n.Data[1]-'0'))
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
		if len(levels) == 0 || levels[0] != 1 {
			t.Errorf("%s: first heading is not h1: %v", name, levels)
			continue
		}
		for i := 1; i < len(levels); i++ {
			if levels[i] == 1 {
				t.Errorf("%s: a second h1", name)
			}
			if levels[i] > levels[i-1]+1 {
				t.Errorf("%s: heading level jumps from h%d to h%d", name, levels[i-1], levels[i])
				break
			}
		}
		if attr(find(doc, "html"), "lang") == "" {
			t.Errorf("%s: no lang", name)
		}
		for _, tag := range []string{"header", "main", "footer", "nav"} {
			if find(doc, tag) == nil {
				t.Errorf("%s: no <%s>", name, tag)
			}
		}
		if skip := findAllClass(doc, "a", "skip-link"); len(skip) != 1 || attr(skip[0], "href") != "#main" || attr(find(doc, "main"), "id") != "main" {
			t.Errorf("%s: no skip link to #main", name)
		}
	}
}
