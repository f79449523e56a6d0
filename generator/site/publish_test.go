package site

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
)

func TestAtomFeeds(t *testing.T) {
	b := buildBundled(t)
	const site = "https://hub.example.org"
	for lang, path := range map[string]string{"pl": "feed.xml", "en": "en/feed.xml"} {
		data, ok := b.raw[path]
		if !ok {
			t.Fatalf("%s not built", path)
		}
		feed, err := gofeed.NewParser().ParseString(string(data))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if feed.FeedType != "atom" || feed.Language != lang || feed.Title == "" || feed.UpdatedParsed == nil {
			t.Errorf("%s: type %s lang %s title %q updated %v", path, feed.FeedType, feed.Language, feed.Title, feed.Updated)
		}
		if len(feed.Items) != 3 {
			t.Errorf("%s: %d entries, want the two news items and the decision", path, len(feed.Items))
		}
		ids := map[string]bool{}
		for i, it := range feed.Items {
			if !strings.HasPrefix(it.GUID, "tag:hub.example.org,") || ids[it.GUID] {
				t.Errorf("%s: entry id %q is not a unique tag URI", path, it.GUID)
			}
			ids[it.GUID] = true
			if it.UpdatedParsed == nil || it.Description == "" || it.Title == "" {
				t.Errorf("%s: entry %q lacks updated or summary", path, it.Title)
			}
			if i > 0 && it.PublishedParsed.After(*feed.Items[i-1].PublishedParsed) {
				t.Errorf("%s: entries not newest first", path)
			}
			if _, ok := b.raw[fileFor(strings.TrimPrefix(it.Link, site))]; !ok {
				t.Errorf("%s: entry link %s is not a built page", path, it.Link)
			}
		}
	}
	// Every page (but redirects and the 404) advertises its language's feed.
	for _, name := range sortedNames(b.pages) {
		var feed string
		for _, l := range findAll(b.pages[name], "link") {
			if attr(l, "type") == "application/atom+xml" {
				feed = attr(l, "href")
			}
		}
		if strings.HasSuffix(name, "404.html") || hasMeta(b.pages[name], "refresh") {
			continue
		}
		lang := attr(find(b.pages[name], "html"), "lang")
		want := map[string]string{"pl": "/feed.xml", "en": "/en/feed.xml"}[lang]
		if feed != want {
			t.Errorf("%s advertises feed %q, want %q", name, feed, want)
		}
	}
}

type sitemapDoc struct {
	URLs []struct {
		Loc     string `xml:"loc"`
		Lastmod string `xml:"lastmod"`
		Links   []struct {
			Rel      string `xml:"rel,attr"`
			HrefLang string `xml:"hreflang,attr"`
			Href     string `xml:"href,attr"`
		} `xml:"http://www.w3.org/1999/xhtml link"`
	} `xml:"url"`
}

func TestSitemapAndRobots(t *testing.T) {
	b := buildBundled(t)
	const site = "https://hub.example.org"
	var sm sitemapDoc
	if err := xml.Unmarshal(b.raw["sitemap.xml"], &sm); err != nil {
		t.Fatal(err)
	}
	alts := map[string]map[string]string{}
	for _, u := range sm.URLs {
		if _, ok := b.raw[fileFor(strings.TrimPrefix(u.Loc, site))]; !ok {
			t.Errorf("sitemap lists %s, which is not built", u.Loc)
		}
		m := map[string]string{}
		for _, l := range u.Links {
			m[l.HrefLang] = l.Href
		}
		if m["x-default"] == "" {
			t.Errorf("%s: no x-default", u.Loc)
		}
		alts[u.Loc] = m
	}
	for loc, m := range alts {
		self := ""
		for hl, href := range m {
			if href == loc && hl != "x-default" {
				self = hl
			}
		}
		if self == "" {
			t.Errorf("%s: alternates do not include itself", loc)
		}
		for hl, href := range m {
			if hl == "x-default" {
				continue
			}
			if back, ok := alts[href]; !ok || back[self] != loc {
				t.Errorf("%s: alternate %s=%s does not point back", loc, hl, href)
			}
		}
	}
	// Every indexable page is listed, news and acts with their date.
	for _, name := range sortedNames(b.pages) {
		doc := b.pages[name]
		canon := ""
		for _, l := range findAll(doc, "link") {
			if attr(l, "rel") == "canonical" {
				canon = attr(l, "href")
			}
		}
		noindex := false
		for _, m := range findAll(doc, "meta") {
			noindex = noindex || attr(m, "name") == "robots" && strings.Contains(attr(m, "content"), "noindex")
		}
		if canon == "" || noindex || hasMeta(doc, "refresh") {
			continue
		}
		if _, ok := alts[canon]; !ok {
			t.Errorf("%s (%s) missing from the sitemap", name, canon)
		}
	}
	// The news item's lastmod is its date, or its file's last commit when
	// the portal is built from a git work tree with its history.
	want := lastmodOf("content/news/knowledge-hub-inauguration.pl.md", time.Date(2024, 10, 10, 0, 0, 0, 0, time.UTC)).UTC().Format("2006-01-02")
	for _, u := range sm.URLs {
		if strings.Contains(u.Loc, "/aktualnosci/inauguracja-knowledge-hub/") && u.Lastmod != want {
			t.Errorf("lastmod of the news item = %q, want %q", u.Lastmod, want)
		}
	}
	if !strings.Contains(string(b.raw["robots.txt"]), "Sitemap: https://hub.example.org/sitemap.xml") {
		t.Errorf("robots.txt does not name the sitemap: %s", b.raw["robots.txt"])
	}
}

func TestAliasCollisionsFail(t *testing.T) {
	tests := []struct {
		name, file, text, want string
	}{
		{"alias on a page", "content/news/zz-a.pl.md", "---\ntitle: A\ndate: 2024-01-01\naliases: [\"/aktualnosci/\"]\n---\n", "content/news/zz-a.pl.md:4:1: an alias of content/news/zz-a.pl.md collides with the list page"},
		{"alias on an alias", "content/news/zz-b.pl.md", "---\ntitle: B\ndate: 2024-01-01\naliases:\n  - /cpt/aktualnosci/2536,Inauguracja-aktywnosci-Knowledge-Hub.html\n---\n", "content/news/zz-b.pl.md:4:1: an alias of content/news/zz-b.pl.md collides with an alias of content/news/knowledge-hub-inauguration.pl.md"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := copySite(t)
			os.WriteFile(filepath.Join(src, filepath.FromSlash(tc.file)), []byte(tc.text), 0o644)
			_, err := Build(context.Background(), Options{Source: src, Dest: filepath.Join(t.TempDir(), "out"), Now: testNow})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v\nwant an error containing %q", err, tc.want)
			}
		})
	}
}

func jsonLD(t *testing.T, b *builtSite, file string) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	for _, s := range findAll(b.pages[file], "script") {
		if attr(s, "type") != "application/ld+json" {
			continue
		}
		var v map[string]any
		if err := json.Unmarshal([]byte(renderRaw(s)), &v); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		out[v["@type"].(string)] = v
	}
	return out
}

func TestStructuredDataByKind(t *testing.T) {
	b := buildBundled(t)
	tests := []struct{ file, typ, key, want string }{
		{"aktualnosci/inauguracja-knowledge-hub/index.html", "NewsArticle", "datePublished", "2024-10-10"},
		{"en/news/knowledge-hub-inauguration/index.html", "NewsArticle", "headline", "Launch of the Knowledge Hub's activities"},
		{"organizacje/europol/index.html", "Organization", "name", "Europol"},
		{"en/projects/2ps/index.html", "Project", "foundingDate", "2022-10"},
		{"akty-prawne/2023-1187/index.html", "Legislation", "legislationDate", "2023-06-19"},
		{"o-portalu/index.html", "WebPage", "inLanguage", "pl"},
	}
	for _, tc := range tests {
		ld := jsonLD(t, b, tc.file)
		if got := ld[tc.typ][tc.key]; got != tc.want {
			t.Errorf("%s: %s.%s = %v, want %q (all: %v)", tc.file, tc.typ, tc.key, got, tc.want, ld)
		}
		crumbs, _ := ld["BreadcrumbList"]["itemListElement"].([]any)
		visible := 0
		for _, nav := range findAllClass(b.pages[tc.file], "nav", "breadcrumbs") {
			visible = len(findAll(nav, "li"))
		}
		if len(crumbs) == 0 || len(crumbs) != visible {
			t.Errorf("%s: %d breadcrumbs in JSON-LD, %d visible", tc.file, len(crumbs), visible)
		}
	}
	for file, search := range map[string]string{"index.html": "https://hub.example.org/szukaj/?q={search_term_string}", "en/index.html": "https://hub.example.org/en/search/?q={search_term_string}"} {
		ws := jsonLD(t, b, file)["WebSite"]
		action, _ := ws["potentialAction"].(map[string]any)
		target, _ := action["target"].(map[string]any)
		if action["@type"] != "SearchAction" || target["urlTemplate"] != search {
			t.Errorf("%s: WebSite %v", file, ws)
		}
	}
	// Open Graph and Twitter cards.
	doc := b.pages["en/news/knowledge-hub-inauguration/index.html"]
	props := map[string]string{}
	for _, m := range findAll(doc, "meta") {
		props[attr(m, "property")+attr(m, "name")] = attr(m, "content")
	}
	for k, want := range map[string]string{"og:type": "article", "og:locale": "en_GB", "og:locale:alternate": "pl_PL", "og:url": "https://hub.example.org/en/news/knowledge-hub-inauguration/", "twitter:card": "summary", "og:title": "Launch of the Knowledge Hub's activities"} {
		if props[k] != want {
			t.Errorf("%s = %q, want %q", k, props[k], want)
		}
	}
}

// Test404HelpsBothLanguages: the root 404 (Polish) and the English one
// (/en/404.html, for the preview server) lead to both home pages, speak
// both languages, and mark the other language's part with its lang.
func Test404HelpsBothLanguages(t *testing.T) {
	b := buildBundled(t)
	for file, other := range map[string]string{"404.html": "en", "en/404.html": "pl"} {
		doc := b.pages[file]
		if doc == nil {
			t.Fatalf("no /%s", file)
		}
		links := linksIn(doc)
		if !links["/"] || !links["/en/"] {
			t.Errorf("%s does not lead to both home pages: %v", file, links)
		}
		var marked bool
		for _, s := range findAll(doc, "section") {
			marked = marked || attr(s, "lang") == other
		}
		if !marked || !strings.Contains(renderText(doc), "Nie znaleziono") || !strings.Contains(renderText(doc), "does not exist") {
			t.Errorf("%s does not speak both languages, the %s part marked", file, other)
		}
	}
}
