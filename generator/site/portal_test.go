package site

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// The portal across page kinds (issue 16): related content, typography,
// the menu's current section, the footer, the home page, projects,
// organisations, phrases in another language and the 404 pages, each
// asserted on the bundled portal.

// relatedLinks returns the titles of a page's related list, in order.
func relatedLinks(doc *html.Node) []string {
	var out []string
	for _, s := range findAllClass(doc, "section", "related") {
		for _, li := range findAll(s, "li") {
			if a := find(li, "a"); a != nil {
				out = append(out, strings.TrimSpace(renderText(a)))
			}
		}
	}
	return out
}

// TestRelatedLists: organisation, project, act and topic pages list the
// pages linked with them first, then those sharing their topics; news
// items at most three.
func TestRelatedLists(t *testing.T) {
	b := buildBundled(t)
	tests := []struct {
		file  string
		first []string // the list starts with these, in this order
		has   []string // and holds these
		max   int
	}{
		// Europol links to the EMPACT news item; the Knowledge Hub item links to Europol.
		{file: "organizacje/europol/index.html", first: []string{"Spotkanie eksperckie inaugurujące nowy cykl EMPACT na lata 2026–2029", "Inauguracja aktywności Knowledge Hub"}, max: relatedMaxForTest},
		{file: "en/organisations/europol/index.html", first: []string{"Expert meeting opens the new EMPACT cycle for 2026–2029"}, max: relatedMaxForTest},
		// The project links to its coordinator, which links back.
		{file: "projekty/2ps/index.html", first: []string{"Polska Platforma Bezpieczeństwa Wewnętrznego (PPBW)"}, max: relatedMaxForTest},
		{file: "organizacje/ppbw/index.html", has: []string{"2PS – Europejska inicjatywa na rzecz zapobiegania wykorzystywaniu seksualnemu dzieci"}, max: relatedMaxForTest},
		// The act: pages on nuclear terrorism and CBRN.
		{file: "akty-prawne/2023-1187/index.html", has: []string{"Biuro Narodów Zjednoczonych ds. Narkotyków i Przestępczości (UNODC)"}, max: relatedMaxForTest},
		{file: "aktualnosci/inauguracja-knowledge-hub/index.html", max: 3},
		{file: "en/news/knowledge-hub-inauguration/index.html", max: 3},
		// A topic's related topics.
		{file: "tematy/terroryzm-jadrowy-i-zagrozenia-cbrn/index.html", has: []string{"Zwalczanie terroryzmu"}, max: 6},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc := b.pages[tt.file]
			if doc == nil {
				t.Fatalf("no %s", tt.file)
			}
			got := relatedLinks(doc)
			if len(got) == 0 || len(got) > tt.max {
				t.Fatalf("related list of %d (max %d): %q", len(got), tt.max, got)
			}
			if len(got) < len(tt.first) || !slices.Equal(got[:len(tt.first)], tt.first) {
				t.Errorf("related list starts %q, want %q", got, tt.first)
			}
			for _, h := range tt.has {
				if !slices.Contains(got, h) {
					t.Errorf("related list %q has no %q", got, h)
				}
			}
			title := strings.TrimSpace(renderText(find(doc, "h1")))
			if slices.Contains(got, title) {
				t.Errorf("the page lists itself: %q", got)
			}
		})
	}
}

// relatedMaxForTest is the longest related list of a profile or an act.
const relatedMaxForTest = 8

// TestPolishTypographyOnPages: Polish pages get non-breaking spaces and
// „…”, English ones ’; code, links and attributes stay as written.
func TestPolishTypographyOnPages(t *testing.T) {
	b := buildBundled(t)
	pl := string(b.raw["organizacje/europol/index.html"])
	for _, want := range []string{"w\u00a0Hadze", "1999\u00a0r.", "2026–2029"} {
		if !strings.Contains(pl, want) {
			t.Errorf("Polish page: no %q", want)
		}
	}
	// The same page's address and ids are untouched.
	if !strings.Contains(pl, `href="/aktualnosci/spotkanie-inaugurujace-cykl-empact-2026-2029/"`) {
		t.Errorf("a link's address changed")
	}
	// The English item has one-letter words ("a"), which the Polish rules
	// would bind with a non-breaking space, and apostrophes and quotes.
	en := string(b.raw["en/news/expert-meeting-opens-empact-2026-2029/index.html"])
	if !strings.Contains(en, " a ") {
		t.Fatal("fixture: the English item has no one-letter word")
	}
	if strings.Contains(en, "\u00a0") {
		t.Errorf("English page got Polish non-breaking spaces")
	}
	for _, want := range []string{"Poland’s", "‘driver’"} {
		if !strings.Contains(en, want) {
			t.Errorf("English page: no %q", want)
		}
	}
	// The act's parallel view is typeset as its page is.
	if par := string(b.raw["akty-prawne/2023-1187/widok-rownolegly/index.html"]); !strings.Contains(par, "art.\u00a028") {
		t.Errorf("parallel view of the act: no non-breaking space after art.")
	}
}

// TestTypographyOff: [typography] polish = false leaves Polish text as
// written.
func TestTypographyOff(t *testing.T) {
	src := copySite(t)
	cfg := filepath.Join(src, "config.toml")
	appendFile(t, cfg, "\n[typography]\npolish = false\n")
	dest := filepath.Join(t.TempDir(), "public")
	build(t, src, dest)
	doc := readTree(t, dest)
	if pl := string(doc["organizacje/europol/index.html"]); strings.Contains(pl, "w\u00a0Hadze") || !strings.Contains(pl, "w Hadze") {
		t.Errorf("Polish typography still on")
	}
}

// TestMenuCurrentOnEveryKind: the main menu marks the page it leads to
// with aria-current="page" and the section of any other page with
// aria-current="true", on every kind of page, in both languages.
func TestMenuCurrentOnEveryKind(t *testing.T) {
	b := buildBundled(t)
	tests := []struct{ file, href, current string }{
		{"aktualnosci/index.html", "/aktualnosci/", "page"},
		{"aktualnosci/inauguracja-knowledge-hub/index.html", "/aktualnosci/", "true"},
		{"akty-prawne/2023-1187/index.html", "/akty-prawne/", "true"},
		{"akty-prawne/2023-1187/widok-rownolegly/index.html", "/akty-prawne/", "true"},
		{"organizacje/index.html", "/organizacje/", "page"},
		{"organizacje/europol/index.html", "/organizacje/", "true"},
		{"projekty/2ps/index.html", "/projekty/", "true"},
		{"tematy/index.html", "/tematy/", "page"},
		{"tematy/zwalczanie-terroryzmu/index.html", "/tematy/", "true"},
		{"o-portalu/index.html", "/o-portalu/", "page"},
		{"en/news/knowledge-hub-inauguration/index.html", "/en/news/", "true"},
		{"en/decisions/2023-1187/index.html", "/en/decisions/", "true"},
		{"en/organisations/frontex/index.html", "/en/organisations/", "true"},
		{"en/projects/2ps/index.html", "/en/projects/", "true"},
		{"en/topics/counter-terrorism/index.html", "/en/topics/", "true"},
		{"en/about/index.html", "/en/about/", "page"},
		{"index.html", "", ""},
		{"szukaj/index.html", "", ""},
		{"404.html", "", ""},
		{"en/404.html", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc := b.pages[tt.file]
			if doc == nil {
				t.Fatalf("no %s", tt.file)
			}
			nav := findAllClass(doc, "nav", "main-nav")
			if len(nav) != 1 {
				t.Fatalf("%d main menus", len(nav))
			}
			var marked []string
			for _, a := range findAll(nav[0], "a") {
				if c := attr(a, "aria-current"); c != "" {
					marked = append(marked, attr(a, "href")+" "+c)
				}
			}
			want := []string{tt.href + " " + tt.current}
			if tt.href == "" {
				want = nil
			}
			if !slices.Equal(marked, want) {
				t.Errorf("menu marks %q, want %q", marked, want)
			}
		})
	}
}

// TestFooterLinks: every page's footer links the accessibility statement
// and both feeds.
func TestFooterLinks(t *testing.T) {
	b := buildBundled(t)
	for _, file := range []string{"index.html", "organizacje/europol/index.html", "en/index.html", "en/404.html"} {
		doc := b.pages[file]
		footer := find(doc, "footer")
		links := linksIn(footer)
		statement := "/deklaracja-dostepnosci/"
		if strings.HasPrefix(file, "en/") {
			statement = "/en/accessibility-statement/"
		}
		for _, want := range []string{statement, "/feed.xml", "/en/feed.xml"} {
			if !links[want] {
				t.Errorf("%s: footer has no link to %s: %v", file, want, links)
			}
		}
	}
}

// TestHomePage: no id with a space, every aria-labelledby names an id of
// the page, "Wszystkie aktualności", counts that name what they count.
func TestHomePage(t *testing.T) {
	b := buildBundled(t)
	for file, want := range map[string][]string{
		"index.html":    {"Wszystkie aktualności", "Wszystkie akty prawne", "10 organizacji", "1 projekt"},
		"en/index.html": {"All news", "All legal acts", "10 organisations", "1 project"},
	} {
		doc := b.pages[file]
		ids := map[string]bool{}
		var walk func(n *html.Node)
		var labelled []string
		walk = func(n *html.Node) {
			if id := attr(n, "id"); id != "" {
				ids[id] = true
				if strings.ContainsAny(id, " \t\n") {
					t.Errorf("%s: id %q has a space", file, id)
				}
			}
			if l := attr(n, "aria-labelledby"); l != "" {
				labelled = append(labelled, l)
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
		for _, l := range labelled {
			if !ids[l] {
				t.Errorf("%s: aria-labelledby=%q names no id", file, l)
			}
		}
		text := renderText(doc)
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: no %q", file, w)
			}
		}
		for _, bad := range []string{"Wszystkie: ", "All: ", "strony)", "pages)"} {
			if strings.Contains(text, bad) {
				t.Errorf("%s: still %q", file, bad)
			}
		}
	}
}

// TestProjectPage: description before the partners, the status on the
// day of the build, the coordinator linked to its profile.
func TestProjectPage(t *testing.T) {
	b := buildBundled(t)
	page := string(b.raw["projekty/2ps/index.html"])
	desc, partners := strings.Index(page, `<div class="prose">`), strings.Index(page, `class="partners"`)
	if desc < 0 || partners < 0 || desc > partners {
		t.Errorf("description at %d, partners at %d: description first", desc, partners)
	}
	if !strings.Contains(page, `<dt>Koordynator</dt><dd><a href="/organizacje/ppbw/">`) {
		t.Errorf("coordinator not linked to its profile")
	}
	src := copySite(t)
	for _, tt := range []struct {
		now    time.Time
		pl, en string
	}{
		{time.Date(2022, 5, 1, 0, 0, 0, 0, time.UTC), "planowany", "planned"},
		{time.Date(2025, 9, 30, 12, 0, 0, 0, time.UTC), "w realizacji", "ongoing"},
		{time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC), "zakończony", "completed"},
	} {
		dest := filepath.Join(t.TempDir(), "public")
		if _, err := Build(context.Background(), Options{Source: src, Dest: dest, Now: tt.now, NoCache: true, Future: true}); err != nil {
			t.Fatal(err)
		}
		tree := readTree(t, dest)
		for file, want := range map[string]string{"projekty/2ps/index.html": tt.pl, "en/projects/2ps/index.html": tt.en} {
			if !strings.Contains(string(tree[file]), `">`+want+`</span>`) {
				t.Errorf("%v: %s has no status %q", tt.now.Format("2006-01-02"), file, want)
			}
		}
	}
}

// TestProjectStatusDue: a build after a project's end is a full one (the
// cache's horizon), so that its status is not kept from before.
func TestProjectStatusDue(t *testing.T) {
	src := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	page("content/projects/later.pl.md", "---\ntitle: Później\nstart: 2026-01\nend: 2030-06\n---\nTekst.\n")(t, src)
	build(t, src, dest)
	res, err := Build(context.Background(), Options{Source: src, Dest: dest, Now: time.Date(2030, 7, 2, 0, 0, 0, 0, time.UTC)})
	if err != nil || res.Incremental || !strings.Contains(res.FullReason, "due") {
		t.Fatalf("build after the end: incremental %v (%q), %v", res.Incremental, res.FullReason, err)
	}
}

// TestOrganisationsSortTitle: the A–Z list sorts by sortTitle (the name
// readers know), and every profile with a source shows it.
func TestOrganisationsSortTitle(t *testing.T) {
	b := buildBundled(t)
	for file, want := range map[string][]string{
		"organizacje/index.html":      {"Centrum Kompetencji Wschodnich", "CEPOL", "Eurojust", "Europol", "Frontex", "OLAF", "PPBW", "UNDP", "UNOCT", "UNODC"},
		"en/organisations/index.html": {"CEPOL", "Eastern Competence Centre", "Eurojust", "Europol", "Frontex", "OLAF", "PPBW", "UNDP", "UNOCT", "UNODC"},
	} {
		var got []string
		for _, h := range findAllClass(b.pages[file], "h2", "item-title") {
			title := renderText(h)
			name := title
			if i := strings.LastIndex(title, "("); i >= 0 {
				name = strings.TrimSuffix(title[i+1:], ")")
			}
			got = append(got, strings.TrimSpace(name))
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: order %q, want %q", file, got, want)
		}
	}
	for _, file := range []string{"organizacje/centrum-kompetencji-wschodnich/index.html", "en/organisations/eastern-competence-centre/index.html"} {
		if doc := b.pages[file]; doc == nil || len(findAllClass(doc, "p", "source")) != 1 {
			t.Errorf("%s: no source line", file)
		}
	}
}

// TestLangSpanOnPage: a phrase marked {lang=en} on a Polish page is a span
// with lang="en".
func TestLangSpanOnPage(t *testing.T) {
	b := buildBundled(t)
	for file, want := range map[string]string{
		"projekty/2ps/index.html":                          `<span lang="en"><em>Prevent and Protect Through Support</em></span>`,
		"aktualnosci/inauguracja-knowledge-hub/index.html": `<span lang="en">EU Knowledge Hub</span>`,
	} {
		if !strings.Contains(string(b.raw[file]), want) {
			t.Errorf("%s: no %s", file, want)
		}
	}
}

// TestEnglish404: /en/404.html speaks English in English chrome, and both
// 404 pages have the language switcher.
func TestEnglish404(t *testing.T) {
	b := buildBundled(t)
	for file, tt := range map[string]struct{ lang, h1, other, nav string }{
		"404.html":    {"pl", "Nie znaleziono strony", "/en/404.html", "Menu główne"},
		"en/404.html": {"en", "Page not found", "/404.html", "Main menu"},
	} {
		doc := b.pages[file]
		if doc == nil {
			t.Fatalf("no %s", file)
		}
		if got := attr(find(doc, "html"), "lang"); got != tt.lang {
			t.Errorf("%s: lang %q", file, got)
		}
		if got := strings.TrimSpace(renderText(find(doc, "h1"))); got != tt.h1 {
			t.Errorf("%s: h1 %q", file, got)
		}
		if nav := findAllClass(doc, "nav", "main-nav"); len(nav) != 1 || attr(nav[0], "aria-label") != tt.nav {
			t.Errorf("%s: menu not in its language", file)
		}
		sw := findAllClass(doc, "nav", "lang-switch")
		if len(sw) != 1 || !linksIn(sw[0])[tt.other] {
			t.Errorf("%s: no switcher to %s", file, tt.other)
		}
	}
}
