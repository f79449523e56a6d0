package markdown

import (
	"fmt"
	"strings"
	"testing"

	"hubgen/generator/content"
	"hubgen/generator/diag"
)

// TestPluralCrossReferences: a reference to several parts links each
// part it names ("art. 1–3": "art. 1" and "3"); a list joined by commas
// only, a part the act does not have, a singular English reference or a
// list followed by the name of another instrument links no further part.
func TestPluralCrossReferences(t *testing.T) {
	type link struct{ text, href string }
	tests := []struct {
		lang, where, text string
		want              []link
	}{
		{"pl", "ART", "Zgodnie z art. 1–3 stosuje się.", []link{{"art. 1", "#art_1"}, {"3", "#art_3"}}},
		{"pl", "ART", "Zgodnie z art. 1-3 stosuje się.", []link{{"art. 1", "#art_1"}, {"3", "#art_3"}}},
		{"pl", "ART", "O których mowa w art. 1 i 3.", []link{{"art. 1", "#art_1"}, {"3", "#art_3"}}},
		{"pl", "ART", "O których mowa w art. 1, 2 i 3.", []link{{"art. 1", "#art_1"}, {"2", "#art_2"}, {"3", "#art_3"}}},
		{"pl", "ART", "O których mowa w ust. 1 oraz 3.", []link{{"ust. 1", "#art_2__par_1"}, {"3", "#art_2__par_3"}}},
		{"pl", "ART", "Cele z art. 2 ust. 2 lit. a) i b).", []link{{"art. 2 ust. 2 lit. a)", "#art_2__par_2__pnt_a"}, {"b)", "#art_2__par_2__pnt_b"}}},
		{"pl", "RCT", "Zgodnie z art. 2 ust. 1 i art. 3.", []link{{"art. 2 ust. 1", "#art_2__par_1"}, {"art. 3", "#art_3"}}},
		{"pl", "ART", "Zgodnie z art. 1, 2 000 EUR.", []link{{"art. 1", "#art_1"}}},
		{"pl", "ART", "Zgodnie z art. 1 i 9.", []link{{"art. 1", "#art_1"}}},
		{"pl", "ART", "Zgodnie z art. 1 i 3 konwencji.", nil},
		{"en", "ART", "Articles 1 and 3 apply.", []link{{"Articles 1", "#art_1"}, {"3", "#art_3"}}},
		{"en", "ART", "Articles 1, 2 and 3 apply.", []link{{"Articles 1", "#art_1"}, {"2", "#art_2"}, {"3", "#art_3"}}},
		{"en", "ART", "Articles 1 to 3 apply.", []link{{"Articles 1", "#art_1"}, {"3", "#art_3"}}},
		{"en", "ART", "Articles 2(1) and 2(2)(b) apply.", []link{{"Articles 2(1)", "#art_2__par_1"}, {"2(2)(b)", "#art_2__par_2__pnt_b"}}},
		{"en", "ART", "Articles 1 and 9 apply.", []link{{"Articles 1", "#art_1"}}},
		{"en", "ART", "Article 2(1) and (3) apply.", []link{{"Article 2(1)", "#art_2__par_1"}, {"(3)", "#art_2__par_3"}}},
		{"en", "ART", "Article 2(2)(a) and (b) apply.", []link{{"Article 2(2)(a)", "#art_2__par_2__pnt_a"}, {"(b)", "#art_2__par_2__pnt_b"}}},
		{"en", "ART", "The agreements in paragraphs 1 and 3.", []link{{"paragraphs 1", "#art_2__par_1"}, {"3", "#art_2__par_3"}}},
		{"en", "ART", "Article 1 and 3 apply.", []link{{"Article 1", "#art_1"}}},
		{"en", "ART", "Articles 1 and 3 of the Convention.", nil},
		{"en", "RCT", "Articles 28(1) and 31(1) thereof.", nil},
		{"en", "CIT", "", nil}, // the citation "Article 28(1) thereof" of the fixture
	}
	for _, tc := range tests {
		t.Run(tc.lang+" "+tc.where+" "+tc.text, func(t *testing.T) {
			body := actWith(tc.lang, tc.where, tc.text)
			res, ds := convertAct(t, tc.lang, "decisions", body, true)
			if ds.Len() > 0 {
				t.Fatalf("problems: %v", ds.Items())
			}
			// The links of the part the text is in.
			unit := ""
			for _, u := range res.Act.Units {
				if tc.text != "" && strings.Contains(u.HTML, strings.Fields(tc.text)[0]) && (strings.HasPrefix(u.Key, "art_2") || strings.HasPrefix(u.Key, "rct_1") || strings.HasPrefix(u.Key, "cit_1")) {
					unit = u.HTML
				}
			}
			var got []link
			for _, m := range linkRE.FindAllStringSubmatch(unit, -1) {
				got = append(got, link{m[2], strings.Replace(m[1], "#"+tc.lang+"-", "#", 1)})
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("links %v\nwant %v", got, tc.want)
			}
		})
	}
}

// TestActNotesAndAnchors: an article's anchor is beside its heading, not
// in it (the heading's text is its accessible name); the footnotes have a
// heading, and each back link a name a screen reader says; the acts the
// footnotes cite are listed, with their pages on the portal.
func TestActNotesAndAnchors(t *testing.T) {
	ui := map[string]string{"act.notes.heading": "Przypisy", "act.notes.back": "Powrót do odwołania {n}"}
	conv := New(Config{
		UIText:      func(_, key string) string { return ui[key] },
		AnchorLabel: func(_, kind, num string) string { return "Link do " + kind + " " + num },
	})
	body := strings.NewReplacer("{CIT}", "", "{ANX}", "", "{ART}", "",
		"{RCT}", "Zob. decyzję (WPZiB) 2018/1939[^1] i dyrektywę 2011/93[^2].\n\n[^1]: Decyzja Rady (WPZiB) 2018/1939 z dnia 10 grudnia 2018 r. oraz decyzja (WPZiB) 2018/1939.\n[^2]: Rozporządzenie Komisji (UE) nr 2016/794 i dyrektywa 2011/93.").Replace(actPL)
	other := &content.Page{URL: "/akty-prawne/2018-1939/"}
	page := &content.Page{Path: "content/decisions/a.pl.md", Section: "decisions", Kind: kindOf("decisions"), Lang: "pl", Body: []byte(body), BodyLine: 1}
	res := conv.Convert(page, actResolver{acts: map[string]*content.Page{"pl 2018/1939": other}}, &diag.List{})
	html := res.HTML
	for _, want := range []string{
		"<div class=\"act-head\">\n<h2 id=\"art_1\">Artykuł 1</h2>\n<a class=\"anchor\" href=\"#art_1\" aria-label=\"Link do art 1\">¶</a></div>",
		`<h2 class="notes-heading" id="notes">Przypisy</h2>`,
		`class="footnote-backref" role="doc-backlink" aria-label="Powrót do odwołania 1">↩</a>`,
		`aria-label="Powrót do odwołania 2">↩</a>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %q", want)
		}
	}
	if !res.Act.Notes {
		t.Error("the act has notes")
	}
	got := fmt.Sprint(res.Act.Cited)
	if want := "[{2018/1939 68 /akty-prawne/2018-1939/} {2016/794 82 } {2011/93 76 }]"; got != want {
		t.Errorf("cited %s, want %s", got, want)
	}
	for _, c := range []struct {
		act   CitedAct
		celex string
	}{{res.Act.Cited[1], "32016R0794"}, {res.Act.Cited[2], "32011L0093"}, {CitedAct{Number: "2021/919", Type: 'D'}, "32021D0919"}} {
		if c.act.CELEX() != c.celex {
			t.Errorf("%+v: CELEX %s, want %s", c.act, c.act.CELEX(), c.celex)
		}
	}
	// The parallel view prefixes the notes' heading and back links too.
	var units strings.Builder
	for _, u := range res.Act.Units {
		units.WriteString(u.HTML)
	}
	for _, want := range []string{`id="pl-notes"`, `href="#pl-fnref:1" class="footnote-backref" role="doc-backlink" aria-label="Powrót do odwołania 1"`} {
		if !strings.Contains(units.String(), want) {
			t.Errorf("parallel view: missing %q", want)
		}
	}
	// Another page's footnotes are the footnote extension's.
	news := &content.Page{Path: "content/news/a.pl.md", Section: "news", Kind: kindOf("news"), Lang: "pl", Body: []byte("Tekst[^1].\n\n[^1]: Przypis.\n")}
	if h := conv.Convert(news, actResolver{}, &diag.List{}).HTML; strings.Contains(h, "notes-heading") || strings.Contains(h, "aria-label") || !strings.Contains(h, `class="footnote-backref"`) {
		t.Errorf("a news item's footnotes changed: %s", h)
	}
}
