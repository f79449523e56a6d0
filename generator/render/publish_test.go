package render

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
)

// TestPublishing: stage 4 adds a redirect at every alias, a feed per
// language with its dated pages newest first, and a sitemap of indexable
// pages with their alternates.
func TestPublishing(t *testing.T) {
	e := newEnv(fixtureInput(t))
	pages := e.planPages(nil)
	e.link(pages)
	e.describe(pages)

	aliases := e.aliases()
	if len(aliases) != 1 || aliases[0].Path != "/stare/alfa.html" || aliases[0].Data.Redirect != "/portal/aktualnosci/alfa/" || !aliases[0].Data.NoIndex {
		t.Fatalf("aliases: %+v", aliases)
	}

	feeds := byPath(t, e.feeds())
	pl := string(need(t, feeds, "/feed.xml").Raw)
	if a, b, c := strings.Index(pl, "<title>Alfa</title>"), strings.Index(pl, "<title>Beta</title>"), strings.Index(pl, "<title>Gamma</title>"); a < 0 || !(a < b && b < c) {
		t.Errorf("Polish feed does not list Alfa, Beta, Gamma newest first:\n%s", pl)
	}
	if strings.Contains(pl, "Europol") {
		t.Error("an undated organisation profile is in the feed")
	}
	if !strings.Contains(pl, `href="https://example.org/portal/en/news/alpha/" hreflang="en"`) {
		t.Error("the feed entry does not link the English version")
	}
	en := string(need(t, feeds, "/en/feed.xml").Raw)
	if !strings.Contains(en, "<title>Alpha</title>") || strings.Contains(en, "Beta") {
		t.Errorf("English feed:\n%s", en)
	}

	sm := byPath(t, e.sitemap(append(pages, aliases...)))
	xml := string(need(t, sm, "/sitemap.xml").Raw)
	for _, want := range []string{"<loc>https://example.org/portal/aktualnosci/alfa/</loc>", `hreflang="x-default" href="https://example.org/portal/aktualnosci/alfa/"`, "<lastmod>2025-03-05</lastmod>"} {
		if !strings.Contains(xml, want) {
			t.Errorf("sitemap lacks %s", want)
		}
	}
	for _, not := range []string{"/szukaj/", "404", "stare"} {
		if strings.Contains(xml, not) {
			t.Errorf("sitemap lists a page that is not to be indexed (%s)", not)
		}
	}
	if r := string(need(t, sm, "/robots.txt").Raw); !strings.Contains(r, "Sitemap: https://example.org/portal/sitemap.xml") {
		t.Errorf("robots.txt: %q", r)
	}
}

// TestCollisions: stage 5 reports two outputs claiming one file at the
// alias's line, and Plan returns it.
func TestCollisions(t *testing.T) {
	in := fixtureInput(t)
	for _, p := range in.Site.Pages {
		if p.Path == "content/news/b.pl.md" {
			p.Aliases, p.AliasesLine = []string{"/aktualnosci/"}, 7
		}
	}
	_, ds := Plan(in)
	errs := ds.Items()
	if len(errs) != 1 || errs[0].String() != "content/news/b.pl.md:7:1: an alias of content/news/b.pl.md collides with the list page: both would be /aktualnosci/" {
		t.Errorf("diagnostics %v", errs)
	}
}

// TestEscapeXML: text goes into the sitemap as xml.EscapeText writes it.
func TestEscapeXML(t *testing.T) {
	for _, s := range []string{"", "pl", "x-default", "https://example.org/portal/en/news/alpha/", "https://example.org/?a=1&b=<2>", `"quoted" 'single'`, "tab\tnew\nline\r", "Zażółć", "\x00\x7f\u2028", "\xff invalid", "\uFFFD"} {
		var got, want bytes.Buffer
		escapeXML(&got, s)
		if err := xml.EscapeText(&want, []byte(s)); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%q: %q, want %q", s, got.String(), want.String())
		}
	}
}
