package site

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// actFacts reads an act's panel (dl.act-meta): each term's text, and the
// text and links of its description.
func actFacts(t *testing.T, doc *html.Node) map[string]*html.Node {
	t.Helper()
	dls := findAllClass(doc, "dl", "act-meta")
	if len(dls) != 1 {
		t.Fatalf("%d act panels", len(dls))
	}
	out := map[string]*html.Node{}
	term := ""
	for c := dls[0].FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.ElementNode && c.Data == "dt":
			term = renderText(c)
		case c.Type == html.ElementNode && c.Data == "dd":
			out[term] = c
		}
	}
	return out
}

// TestBundledActPage: the act's page as EUR-Lex shows an act, in both
// languages: the short title as H1 and the full title under it (no
// "published" line), the panel with the entry into force, the status on
// the build's day, the EUR-Lex and PDF links and the acts the footnotes
// cite; the English version says it is an unofficial translation and
// links the authentic text; the English citation reads "Articles 28(1)
// and 31(1) thereof", unlinked; article headings are their label alone;
// the footnotes have a heading and named back links; the contents list
// the annex's outcomes and outputs by their short names, and no annex
// heading is empty.
func TestBundledActPage(t *testing.T) {
	b := buildBundled(t)
	tests := []struct {
		lang, file, h1, titleStart string
		facts                      map[string]string // term -> text of the description
		eurlex, pdf                string
		cited                      []string
		unofficial                 string // the note, "" for none
		article, notes, back       string
		toc                        []string
	}{
		{"pl", actPages["pl"], "Decyzja Rady (WPZiB) 2023/1187", "Decyzja Rady (WPZiB) 2023/1187 z dnia 19 czerwca 2023 r. w sprawie",
			map[string]string{"Data przyjęcia": "19 czerwca 2023", "Wejście w życie": "19 czerwca 2023", "Status": "w mocy", "CELEX": "32023D1187"},
			"https://eur-lex.europa.eu/legal-content/PL/TXT/?uri=CELEX:32023D1187", "https://eur-lex.europa.eu/legal-content/PL/TXT/PDF/?uri=CELEX:32023D1187",
			[]string{"https://eur-lex.europa.eu/legal-content/PL/TXT/?uri=CELEX:32018D1939", "https://eur-lex.europa.eu/legal-content/PL/TXT/?uri=CELEX:32021D0919", "https://eur-lex.europa.eu/legal-content/PL/TXT/?uri=CELEX:32022D2185"},
			"", "Artykuł 1", "Przypisy", "Powrót do odwołania 1",
			[]string{"Streszczenie", "Kontekst", "Rezultat 1", "Produkt 1.1", "Produkt 1.2", "Rezultat 4", "Produkt 4.2", "Przypisy"}},
		{"en", actPages["en"], "Council Decision (CFSP) 2023/1187", "Council Decision (CFSP) 2023/1187 of 19 June 2023 on Union support",
			map[string]string{"Date of adoption": "19 June 2023", "Entry into force": "19 June 2023", "Status": "in force", "CELEX": "32023D1187"},
			"https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32023D1187", "https://eur-lex.europa.eu/legal-content/EN/TXT/PDF/?uri=CELEX:32023D1187",
			[]string{"https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32018D1939", "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32021D0919", "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32022D2185"},
			"Unofficial translation; the authentic English text is published in the Official Journal: Authentic text on EUR-Lex.", "Article 1", "Notes", "Back to reference 1",
			[]string{"Executive summary", "Background", "Outcome 1", "Output 1.1", "Output 1.2", "Outcome 4", "Output 4.2", "Notes"}},
	}
	for _, tc := range tests {
		t.Run(tc.lang, func(t *testing.T) {
			doc := b.pages[tc.file]
			if h1 := findAll(doc, "h1"); len(h1) != 1 || renderText(h1[0]) != tc.h1 {
				t.Errorf("h1 %v, want %q", texts(h1), tc.h1)
			}
			if p := findAllClass(doc, "p", "act-title"); len(p) != 1 || !strings.HasPrefix(renderText(p[0]), tc.titleStart) {
				t.Errorf("full title %v, want it to start %q", texts(p), tc.titleStart)
			}
			for _, p := range findAllClass(doc, "p", "meta") {
				t.Errorf("a dates line under the title: %q", renderText(p))
			}
			facts := actFacts(t, doc)
			for term, want := range tc.facts {
				if dd := facts[term]; dd == nil || strings.Join(strings.Fields(renderText(dd)), " ") != want {
					t.Errorf("%s: %v, want %q", term, texts([]*html.Node{dd}), want)
				}
			}
			docs := facts[map[string]string{"pl": "Dokument", "en": "Document"}[tc.lang]]
			if docs == nil || fmt.Sprint(hrefs(docs)) != fmt.Sprint([]string{tc.eurlex, tc.pdf}) {
				t.Errorf("document links %v, want %s and %s", hrefs(docs), tc.eurlex, tc.pdf)
			}
			cited := facts[map[string]string{"pl": "Akty powołane", "en": "Acts cited"}[tc.lang]]
			if cited == nil || fmt.Sprint(hrefs(cited)) != fmt.Sprint(tc.cited) {
				t.Errorf("cited acts %v, want %v", hrefs(cited), tc.cited)
			}
			notes := findAllClass(doc, "p", "act-unofficial")
			switch {
			case tc.unofficial == "" && len(notes) > 0:
				t.Errorf("an official text marked as a translation: %v", texts(notes))
			case tc.unofficial != "" && (len(notes) != 1 || renderText(notes[0]) != tc.unofficial || fmt.Sprint(hrefs(notes[0])) != fmt.Sprint([]string{tc.eurlex})):
				t.Errorf("translation note %v (links %v), want %q linking %s", texts(notes), hrefs(notes[0]), tc.unofficial, tc.eurlex)
			}
			var art, notesH *html.Node
			for _, h := range findAll(doc, "h2") {
				switch attr(h, "id") {
				case "art_1":
					art = h
				case "notes":
					notesH = h
				}
			}
			if art == nil || renderText(art) != tc.article || len(findAll(art, "a")) > 0 {
				t.Errorf("article heading %v, want %q alone", texts([]*html.Node{art}), tc.article)
			}
			if notesH == nil || renderText(notesH) != tc.notes {
				t.Errorf("footnotes heading %v, want %q", texts([]*html.Node{notesH}), tc.notes)
			}
			backs := findAllClass(doc, "a", "footnote-backref")
			if len(backs) != 3 || attr(backs[0], "aria-label") != tc.back {
				t.Errorf("%d back links, the first named %q; want 3, %q", len(backs), attr(backs[0], "aria-label"), tc.back)
			}
			var toc []string
			for _, a := range findAll(findAllClass(doc, "nav", "act-toc")[0], "a") {
				toc = append(toc, renderText(a))
			}
			for _, want := range tc.toc {
				found := false
				for _, e := range toc {
					found = found || e == want
				}
				if !found {
					t.Errorf("contents lack %q: %q", want, toc)
				}
			}
			for _, e := range toc {
				if len([]rune(e)) > 60 {
					t.Errorf("a long entry in the contents: %q", e)
				}
			}
			checkNoEmptyAnnexHeading(t, doc)
		})
	}
	// The English citation, as the Official Journal has it, links no article.
	for _, p := range findAll(b.pages[actPages["en"]], "p") {
		if attr(p, "id") == "cit_1" {
			if !strings.Contains(renderText(p), "Articles 28(1) and 31(1) thereof") || len(findAll(p, "a")) != 1 { // the anchor (¶) only
				t.Errorf("citation %q, links %v", renderText(p), hrefs(p))
			}
		}
	}
}

// checkNoEmptyAnnexHeading fails t when a section of the annex has nothing
// but its heading and the next section is not below it.
func checkNoEmptyAnnexHeading(t *testing.T, doc *html.Node) {
	t.Helper()
	level := func(s *html.Node) int {
		for c := s.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && len(c.Data) == 2 && c.Data[0] == 'h' {
				return int(c.Data[1] - '0')
			}
		}
		return 0
	}
	secs := findAllClass(doc, "section", "act-annex-section")
	if len(secs) < 10 {
		t.Fatalf("%d annex sections", len(secs))
	}
	for i, s := range secs[:len(secs)-1] {
		elements := 0
		for c := s.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				elements++
			}
		}
		if elements == 1 && level(secs[i+1]) <= level(s) {
			t.Errorf("annex section %q is an empty heading", renderText(s))
		}
	}
}

// texts returns the text of each node, "<nil>" for none.
func texts(ns []*html.Node) []string {
	var out []string
	for _, n := range ns {
		if n == nil {
			out = append(out, "<nil>")
			continue
		}
		out = append(out, renderText(n))
	}
	return out
}

// hrefs returns the links inside n.
func hrefs(n *html.Node) []string {
	if n == nil {
		return nil
	}
	var out []string
	for _, a := range findAll(n, "a") {
		out = append(out, attr(a, "href"))
	}
	return out
}

// TestActStatusOnBuildDay: an act's status is the one on the build's day,
// and a build after the act's end of validity is a full one (the cache
// cannot know the day changed the page), which shows it expired.
func TestActStatusOnBuildDay(t *testing.T) {
	src := copySite(t)
	for _, lang := range []string{"pl", "en"} {
		rel := filepath.Join(src, "content", "decisions", "2023-1187."+lang+".md")
		b, err := os.ReadFile(rel)
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Replace(string(b), "  inForce: 2023-06-19\n", "  inForce: 2023-06-19\n  validUntil: 2027-06-30\n", 1)
		write(t, rel, text)
	}
	dest := filepath.Join(t.TempDir(), "public")
	status := func() string {
		t.Helper()
		facts := actFacts(t, parseFile(t, filepath.Join(dest, filepath.FromSlash(actPages["pl"]))))
		return renderText(facts["Status"]) + " / " + renderText(facts["Koniec obowiązywania"])
	}
	build(t, src, dest)
	if got := status(); got != "w mocy / 30 czerwca 2027" {
		t.Errorf("status %q", got)
	}
	res, err := Build(context.Background(), Options{Source: src, Dest: dest, Now: time.Date(2027, 6, 30, 23, 0, 0, 0, time.UTC)})
	if err != nil || !res.Incremental {
		t.Fatalf("build on the last day: incremental %v, %v", res.Incremental, err)
	}
	res, err = Build(context.Background(), Options{Source: src, Dest: dest, Now: time.Date(2027, 7, 1, 8, 0, 0, 0, time.UTC)})
	if err != nil || res.Incremental || !strings.Contains(res.FullReason, "due") {
		t.Fatalf("build after the end of validity: incremental %v (%q), %v", res.Incremental, res.FullReason, err)
	}
	if got := status(); got != "wygasł / 30 czerwca 2027" {
		t.Errorf("status %q after the end of validity", got)
	}
}
