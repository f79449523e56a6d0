package site

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

var actPages = map[string]string{"pl": "akty-prawne/2023-1187/index.html", "en": "en/decisions/2023-1187/index.html"}

func idsOf(doc *html.Node) map[string]bool {
	ids := map[string]bool{}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if id := attr(n, "id"); id != "" {
			ids[id] = true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return ids
}

// TestBundledDecisionAddresses: the parts of decision 2023/1187 have their
// ELI-style ids, in both languages.
func TestBundledDecisionAddresses(t *testing.T) {
	b := buildBundled(t)
	paragraphs := map[int]int{1: 3, 2: 3, 3: 4, 4: 2, 5: 2}
	for lang, file := range actPages {
		ids := idsOf(b.pages[file])
		var want []string
		for i := 1; i <= 10; i++ {
			want = append(want, fmt.Sprintf("rct_%d", i))
		}
		for art := 1; art <= 5; art++ {
			want = append(want, fmt.Sprintf("art_%d", art))
			for par := 1; par <= paragraphs[art]; par++ {
				want = append(want, fmt.Sprintf("art_%d__par_%d", art, par))
			}
		}
		for _, pnt := range "abcde" {
			want = append(want, "art_1__par_2__pnt_"+string(pnt))
		}
		want = append(want, "cit_1", "cit_2", "fnp", "anx")
		for _, id := range want {
			if !ids[id] {
				t.Errorf("%s: no element with id %s", lang, id)
			}
		}
		for _, extra := range []string{"rct_11", "art_6", "art_1__par_4", "art_3__par_5", "art_1__par_2__pnt_f"} {
			if ids[extra] {
				t.Errorf("%s: unexpected id %s", lang, extra)
			}
		}
		// Every recital, article and paragraph links to itself.
		anchors := map[string]bool{}
		for _, a := range findAllClass(b.pages[file], "a", "anchor") {
			anchors[strings.TrimPrefix(attr(a, "href"), "#")] = attr(a, "aria-label") != ""
		}
		for _, id := range want {
			if strings.Contains(id, "pnt") || id == "fnp" || id == "anx" {
				continue
			}
			if !anchors[id] {
				t.Errorf("%s: %s has no labelled anchor link", lang, id)
			}
		}
	}
}

func TestBundledDecisionFootnotesBothWays(t *testing.T) {
	b := buildBundled(t)
	for lang, file := range actPages {
		doc := b.pages[file]
		ids := idsOf(doc)
		refs, backs := 0, 0
		for _, a := range findAll(doc, "a") {
			href := attr(a, "href")
			switch {
			case strings.HasPrefix(href, "#fn:"):
				refs++
				// The reference sits in an element the footnote links back to.
				back := "fnref:" + strings.TrimPrefix(href, "#fn:")
				if !ids[strings.TrimPrefix(href, "#")] || !ids[back] {
					t.Errorf("%s: footnote reference %s has no footnote or no id to return to", lang, href)
				}
			case strings.HasPrefix(href, "#fnref:"):
				backs++
				if !ids[strings.TrimPrefix(href, "#")] {
					t.Errorf("%s: back link %s leads nowhere", lang, href)
				}
			}
		}
		if refs != 3 || backs != 3 {
			t.Errorf("%s: %d footnote references and %d back links, want 3 and 3", lang, refs, backs)
		}
	}
}

func TestBundledDecisionCrossReferences(t *testing.T) {
	b := buildBundled(t)
	want := map[string]map[string]string{
		// link text -> target, one sample of each kind per language
		"pl": {"ust. 1": "#art_1__par_1", "art. 1": "#art_1", "art. 3 ust. 3": "#art_3__par_3"},
		"en": {"paragraph 1": "#art_1__par_1", "Article 1": "#art_1", "Article 3(3)": "#art_3__par_3"},
	}
	for lang, file := range actPages {
		got := map[string]map[string]bool{} // link text -> targets
		for _, a := range findAll(b.pages[file], "a") {
			if got[renderText(a)] == nil {
				got[renderText(a)] = map[string]bool{}
			}
			got[renderText(a)][attr(a, "href")] = true
		}
		for text, href := range want[lang] {
			if !got[text][href] {
				t.Errorf("%s: no %q linking to %q (links: %v)", lang, text, href, got[text])
			}
		}
		// The Treaty's and the Convention's articles stay plain text.
		for _, a := range findAll(b.pages[file], "a") {
			text, href := renderText(a), attr(a, "href")
			if strings.HasPrefix(href, "#art_") && (strings.Contains(text, "28") || strings.Contains(text, "31") || strings.Contains(text, "7")) {
				t.Errorf("%s: %q should not link (it cites another instrument), got %s", lang, text, href)
			}
		}
	}
}

func TestBundledParallelViewAligns(t *testing.T) {
	b := buildBundled(t)
	for _, file := range []string{"akty-prawne/2023-1187/widok-rownolegly/index.html", "en/decisions/2023-1187/parallel/index.html"} {
		doc := b.pages[file]
		if doc == nil {
			t.Fatalf("%s not built", file)
		}
		rows := map[string]*html.Node{}
		for _, div := range findAllClass(doc, "div", "parallel-row") {
			if k := attr(div, "data-part"); k != "" {
				rows[k] = div
			}
		}
		var parts []string
		for i := 1; i <= 5; i++ {
			parts = append(parts, fmt.Sprintf("art_%d", i))
		}
		for i := 1; i <= 10; i++ {
			parts = append(parts, fmt.Sprintf("rct_%d", i))
		}
		parts = append(parts, "cit_1", "cit_2", "fnp", "anx")
		for _, part := range parts {
			row := rows[part]
			if row == nil {
				t.Errorf("%s: no row for %s", file, part)
				continue
			}
			cells := findAllClass(row, "div", "parallel-cell")
			if len(cells) != 2 {
				t.Errorf("%s: row %s has %d cells", file, part, len(cells))
				continue
			}
			for _, c := range cells {
				lang := attr(c, "lang")
				if !idsOf(c)[lang+"-"+part] {
					t.Errorf("%s: row %s, %s cell lacks %s-%s", file, part, lang, lang, part)
				}
			}
		}
		// Ids are unique on the page although both versions share it.
		seen := map[string]int{}
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			if id := attr(n, "id"); id != "" {
				seen[id]++
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
		for id, n := range seen {
			if n > 1 {
				t.Errorf("%s: id %s used %d times", file, id, n)
			}
		}
	}
	// Both language versions link to their parallel view.
	for lang, file := range actPages {
		found := false
		for _, a := range findAllClass(b.pages[file], "a", "parallel-link") {
			found = found || strings.Contains(attr(a, "href"), map[string]string{"pl": "widok-rownolegly", "en": "parallel"}[lang])
		}
		if !found {
			t.Errorf("%s version does not link its parallel view", lang)
		}
	}
}

// TestBundledActsParsedOnce: a build parses every page's Markdown once,
// the acts included, although their pages, tables of contents and parallel
// views (checked above) all come from it.
func TestBundledActsParsedOnce(t *testing.T) {
	b := buildBundled(t)
	if b.res.Parses != b.res.Pages {
		t.Errorf("%d pages parsed %d times", b.res.Pages, b.res.Parses)
	}
	for _, file := range []string{"akty-prawne/2023-1187/widok-rownolegly/index.html", "en/decisions/2023-1187/parallel/index.html"} {
		if b.pages[file] == nil {
			t.Errorf("%s not built", file)
		}
	}
}

// TestJSONLD: every page's structured data parses; the act's names it.
func TestJSONLD(t *testing.T) {
	b := buildBundled(t)
	for _, name := range sortedNames(b.pages) {
		for _, s := range findAll(b.pages[name], "script") {
			if attr(s, "type") != "application/ld+json" {
				continue
			}
			var v map[string]any
			if err := json.Unmarshal([]byte(renderRaw(s)), &v); err != nil {
				t.Errorf("%s: JSON-LD does not parse: %v", name, err)
			}
		}
	}
	titles := map[string]string{
		"pl": "Decyzja Rady (WPZiB) 2023/1187 z dnia 19 czerwca 2023 r.",
		"en": "Council Decision (CFSP) 2023/1187 of 19 June 2023",
	}
	for lang, file := range actPages {
		var ld map[string]any
		for _, s := range findAll(b.pages[file], "script") {
			var v map[string]any
			if attr(s, "type") == "application/ld+json" && json.Unmarshal([]byte(renderRaw(s)), &v) == nil && v["@type"] == "Legislation" {
				ld = v
			}
		}
		if ld["@type"] != "Legislation" || !strings.HasPrefix(fmt.Sprint(ld["name"]), titles[lang]) || ld["inLanguage"] != lang {
			t.Errorf("%s: JSON-LD %v", lang, ld)
		}
		if ld["legislationDate"] != "2023-06-19" || !strings.Contains(fmt.Sprint(ld["legislationIdentifier"]), "CELEX:32023D1187") || ld["legislationJurisdiction"] != "EU" || ld["legislationType"] == nil {
			t.Errorf("%s: JSON-LD identity %v", lang, ld)
		}
		if ld["legislationLegalForce"] != "https://schema.org/InForce" {
			t.Errorf("%s: legal force %v, want InForce (the act's status on the build's day)", lang, ld["legislationLegalForce"])
		}
		if parts, _ := ld["hasPart"].([]any); len(parts) != 5 {
			t.Errorf("%s: hasPart has %d articles, want 5", lang, len(parts))
		}
		eli := 0
		for _, m := range findAll(b.pages[file], "meta") {
			if strings.HasPrefix(attr(m, "property"), "eli:") || strings.HasPrefix(attr(m, "typeof"), "eli:") {
				eli++
			}
		}
		if eli < 6 {
			t.Errorf("%s: %d ELI meta tags", lang, eli)
		}
	}
}

func renderRaw(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(c.Data)
	}
	return b.String()
}

func TestCheckWarnsWhenActVersionsDiffer(t *testing.T) {
	src := copySite(t)
	p := filepath.Join(src, "content/decisions/2023-1187.en.md")
	data, _ := os.ReadFile(p)
	// Drop paragraph 4 of Article 3 from the English version.
	text := string(data)
	i := strings.Index(text, "4. The Commission shall endeavour")
	if i < 0 {
		t.Fatal("test fixture moved: Article 3(4) not found")
	}
	j := strings.Index(text[i:], "\n")
	os.WriteFile(p, []byte(text[:i]+text[i+j+1:]), 0o644)
	res, err := Build(context.Background(), Options{Source: src, Check: true, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, d := range res.Diags.Items() {
		if d.Path == "content/decisions/2023-1187.en.md" && strings.Contains(d.Msg, "art_3__par_4") {
			found = true
		}
	}
	if !found {
		t.Errorf("no warning about the missing paragraph: %v", res.Diags.Items())
	}
}
