package markdown

import (
	"regexp"
	"strings"
	"testing"

	"hubgen/generator/config"
	"hubgen/generator/content"
	"hubgen/generator/diag"
)

// A small act in each language with the parts the references point at:
// articles 1–3, article 2 with paragraphs 1–3 and points a)–b) in paragraph 2.
const actPL = `RADA UNII EUROPEJSKIEJ,

uwzględniając Traktat o Unii Europejskiej, w szczególności jego art. 28 ust. 1, {CIT}

a także mając na uwadze, co następuje:

(1) Motyw pierwszy. {RCT}

(2) Motyw drugi.

PRZYJMUJE NINIEJSZĄ DECYZJĘ:

## Artykuł 1

Artykuł bez ustępów.

## Artykuł 2

1. Ustęp pierwszy.
2. Ustęp drugi:
   - a) punkt a;
   - b) punkt b.
3. Ustęp trzeci. {ART}

## Artykuł 3

Ostatni artykuł.

Sporządzono w Luksemburgu dnia 19 czerwca 2023 r.

W imieniu Rady  
Przewodnicząca

## ZAŁĄCZNIK

### Tytuł załącznika

#### Sekcja

Tekst załącznika. {ANX}
`

const actEN = `THE COUNCIL OF THE EUROPEAN UNION,

Having regard to the Treaty on European Union, and in particular Article 28(1) thereof, {CIT}

Whereas:

(1) First recital. {RCT}

(2) Second recital.

HAS ADOPTED THIS DECISION:

## Article 1

An article without paragraphs.

## Article 2

1. First paragraph.
2. Second paragraph:
   - (a) point a;
   - (b) point b.
3. Third paragraph. {ART}

## Article 3

Last article.

Done at Luxembourg, 19 June 2023.

For the Council  
The President

## ANNEX

### Title of the annex

#### Section

Annex text. {ANX}
`

type actResolver struct{ acts map[string]*content.Page }

func (r actResolver) ResolveFile(*content.Page, string) (*content.Page, string) {
	return nil, "no files here"
}
func (r actResolver) ResolveAct(lang, number string) *content.Page { return r.acts[lang+" "+number] }

var linkRE = regexp.MustCompile(`<a href="([^"]*)">([^<]*)</a>`)

// actWith is the fixture act in lang with text in the place where
// ("CIT", "RCT", "ART" or "ANX") and nothing in the others.
func actWith(lang, where, text string) string {
	tpl := actPL
	if lang == "en" {
		tpl = actEN
	}
	return strings.NewReplacer("{CIT}", "", "{RCT}", "", "{ART}", "", "{ANX}", "").Replace(strings.Replace(tpl, "{"+where+"}", text, 1))
}

func convertAct(t *testing.T, lang, section, body string, strict bool) (Result, *diag.List) {
	t.Helper()
	other := &content.Page{URL: "/akty-prawne/2018-1939/"}
	otherEN := &content.Page{URL: "/en/decisions/2018-1939/"}
	r := actResolver{acts: map[string]*content.Page{"pl 2018/1939": other, "en 2018/1939": otherEN}}
	page := &content.Page{Path: "content/" + section + "/a." + lang + ".md", Section: section, Kind: kindOf(section), Lang: lang, Body: []byte(body), BodyLine: 10}
	ds := &diag.List{}
	return New(Config{Strict: strict}).Convert(page, r, ds), ds
}

// kindOf returns the portal's kind of a section, as content.Load sets
// Page.Kind.
func kindOf(section string) *config.Kind {
	for _, k := range config.DefaultKinds() {
		if k.Section == section {
			return &k
		}
	}
	return nil
}

// TestCrossReferences is the cross-reference table: each sentence placed in
// one part of an act (or in a news item) and the link it must become.
func TestCrossReferences(t *testing.T) {
	tests := []struct {
		lang, where, text, wantText, wantHref string // wantHref "" means: no link at all
	}{
		{"pl", "ART", "Zgodnie z art. 1 stosuje się.", "art. 1", "#art_1"},
		{"pl", "ART", "Kwota, o której mowa w art. 2 ust. 3, wynosi.", "art. 2 ust. 3", "#art_2__par_3"},
		{"pl", "ART", "Umowy, o których mowa w ust. 1, zawiera się.", "ust. 1", "#art_2__par_1"},
		{"pl", "ART", "Cele, o których mowa w art. 2 ust. 2 lit. b), realizuje się.", "art. 2 ust. 2 lit. b)", "#art_2__par_2__pnt_b"},
		{"pl", "RCT", "Działanie, o którym mowa w art. 3, jest ważne.", "art. 3", "#art_3"},
		{"pl", "ART", "Zgodnie z art. 2 niniejszej decyzji.", "art. 2", "#art_2"},
		{"pl", "ART", "Rada przyjęła decyzję (WPZiB) 2018/1939.", "decyzję (WPZiB) 2018/1939", "/akty-prawne/2018-1939/"},
		{"pl", "CIT", "oraz decyzję (WPZiB) 2018/1939,", "decyzję (WPZiB) 2018/1939", "/akty-prawne/2018-1939/"},
		{"pl", "ART", "Zgodnie z decyzją (WPZiB) 2021/919.", "", ""},            // no such act on the portal
		{"pl", "ART", "Zgodnie z art. 7 ust. 4 konwencji.", "", ""},             // another instrument
		{"pl", "ART", "Na podstawie art. 31 ust. 1 Traktatu.", "", ""},          // another instrument
		{"pl", "CIT", "a także art. 31 ust. 1,", "", ""},                        // citations name the Treaty's articles
		{"pl", "ANX", "Zgodnie z art. 7 ust. 4 państwa informują ONZ.", "", ""}, // the annex is about the Convention
		{"pl", "RCT", "Jak stanowi ust. 1, to ważne.", "", ""},                  // a recital has no "this article"
		{"pl", "ART", "Kwart. 1 to nie odniesienie.", "", ""},                   // not at a word start
		{"en", "ART", "In accordance with Article 1.", "Article 1", "#art_1"},
		{"en", "ART", "The amount referred to in Article 2(3) shall be.", "Article 2(3)", "#art_2__par_3"},
		{"en", "ART", "The agreements referred to in paragraph 1.", "paragraph 1", "#art_2__par_1"},
		{"en", "ART", "The objectives in Article 2(2)(a) apply.", "Article 2(2)(a)", "#art_2__par_2__pnt_a"},
		{"en", "RCT", "The action referred to in Article 3 matters.", "Article 3", "#art_3"},
		{"en", "ART", "As laid down in Article 2 of this Decision.", "Article 2", "#art_2"},
		{"en", "ART", "The Council adopted Decision (CFSP) 2018/1939.", "Decision (CFSP) 2018/1939", "/en/decisions/2018-1939/"},
		{"en", "ART", "Under Article 7(4) of the Convention.", "", ""},
		{"en", "ART", "Under Article 31(1) TEU.", "", ""},
		{"en", "CIT", "and Article 31(1) thereof,", "", ""},
		{"en", "ANX", "In line with Article 7(4), States Parties inform the UN.", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.lang+" "+tc.where+" "+tc.text, func(t *testing.T) {
			body := actWith(tc.lang, tc.where, tc.text)
			res, ds := convertAct(t, tc.lang, "decisions", body, true)
			if ds.HasErrors() {
				t.Fatalf("errors: %v", ds.Items())
			}
			var links [][]string
			for _, m := range linkRE.FindAllStringSubmatch(string(res.HTML), -1) {
				if strings.Contains(tc.text, m[2]) && m[2] != "" {
					links = append(links, m)
				}
			}
			if tc.wantHref == "" {
				if len(links) > 0 {
					t.Errorf("want no link, got %v", links)
				}
				return
			}
			if len(links) != 1 || links[0][1] != tc.wantHref || links[0][2] != tc.wantText {
				t.Errorf("want <a href=%q>%s</a>, got %v", tc.wantHref, tc.wantText, links)
			}
		})
	}
}

func TestNewsItemsDoNotLinkArticles(t *testing.T) {
	res, _ := convertAct(t, "pl", "news", "Zgodnie z art. 1 ust. 1 i art. 2 decyzji (WPZiB) 2018/1939.\n", true)
	if strings.Contains(string(res.HTML), "<a ") || res.Act != nil {
		t.Errorf("a news item got act links: %s", res.HTML)
	}
}

func TestMissingPartIsWarningOrError(t *testing.T) {
	body := strings.NewReplacer("{CIT}", "", "{RCT}", "", "{ANX}", "", "{ART}", "Zob. art. 9 ust. 2.").Replace(actPL)
	// "art. 9" is on line 23 of the body, column 23 ("3. Ustęp trzeci. Zob. "); the body starts on line 10.
	const where = "content/decisions/a.pl.md:32:23: "
	for _, strict := range []bool{false, true} {
		_, ds := convertAct(t, "pl", "decisions", body, strict)
		items := ds.Items()
		if len(items) != 1 || !strings.HasPrefix(items[0].String(), where) || !strings.Contains(items[0].Msg, "art_9__par_2") {
			t.Fatalf("strict=%v: got %v", strict, items)
		}
		if want := map[bool]diag.Severity{false: diag.Warning, true: diag.Error}[strict]; items[0].Severity != want {
			t.Errorf("strict=%v: severity %v", strict, items[0].Severity)
		}
	}
}

func TestActStructure(t *testing.T) {
	for _, tc := range []struct{ lang, body string }{{"pl", actPL}, {"en", actEN}} {
		body := strings.NewReplacer("{CIT}", "", "{RCT}", "", "{ART}", "", "{ANX}", "").Replace(tc.body)
		res, _ := convertAct(t, tc.lang, "decisions", body, true)
		a := res.Act
		if strings.Join(a.Citations, " ") != "cit_1" || strings.Join(a.Recitals, " ") != "rct_1 rct_2" {
			t.Errorf("%s: citations %v recitals %v", tc.lang, a.Citations, a.Recitals)
		}
		want := "art_1 art_1__par_1 art_2 art_2__par_1 art_2__par_2 art_2__par_2__pnt_a art_2__par_2__pnt_b art_2__par_3 art_3 art_3__par_1"
		if got := strings.Join(a.IDs()[2:], " "); got != want {
			t.Errorf("%s: ids\n got %s\nwant %s", tc.lang, got, want)
		}
		var keys []string
		for _, u := range a.Units {
			keys = append(keys, u.Key)
		}
		if got := strings.Join(keys, " "); got != "pbl cit_1 pbl_intro rct_1 rct_2 enc art_1 art_2 art_3 fnp anx anx__sec_1" {
			t.Errorf("%s: units %s", tc.lang, got)
		}
		html := string(res.HTML)
		for _, w := range []string{`<p id="rct_1"><a class="anchor" href="#rct_1"`, `<h2 id="art_2">`, `<li id="art_2__par_2">`, `id="art_2__par_2__pnt_b"`, `<p id="fnp">`, `<h2 id="anx">`, `id="anx__sec_1"`, `<section class="act-article">`} {
			if !strings.Contains(html, w) {
				t.Errorf("%s: missing %s", tc.lang, w)
			}
		}
		if !a.Final || len(a.Annexes) != 1 || a.Annexes[0].Title == "" || len(a.Annexes[0].Sections) != 1 {
			t.Errorf("%s: final %v annexes %+v", tc.lang, a.Final, a.Annexes)
		}
	}
}

// TestParallelPrefixesIDs: the units rendered for the parallel view carry
// the prefix "<lang>-" on every id and fragment link of the act, the page
// itself none, both from one parse.
func TestParallelPrefixesIDs(t *testing.T) {
	body := strings.NewReplacer("{CIT}", "", "{RCT}", "Zob. art. 2 ust. 1.[^1]\n\n[^1]: Przypis.", "{ART}", "", "{ANX}", "").Replace(actPL)
	page := &content.Page{Path: "content/decisions/a.pl.md", Section: "decisions", Kind: kindOf("decisions"), Lang: "pl", Body: []byte(body), BodyLine: 1}
	res := New(Config{}).Convert(page, actResolver{}, &diag.List{})
	var units strings.Builder
	for _, u := range res.Act.Units {
		if len(u.HTML) == 0 {
			t.Errorf("unit %s not rendered on its own", u.Key)
		}
		units.WriteString(u.HTML)
	}
	html := units.String()
	for _, w := range []string{`id="pl-rct_1"`, `href="#pl-art_2__par_1"`, `id="pl-art_2__par_1"`, `href="#pl-fn:1"`, `id="pl-fn:1"`} {
		if !strings.Contains(html, w) {
			t.Errorf("missing %s", w)
		}
		if page := strings.Replace(w, "pl-", "", 1); !strings.Contains(string(res.HTML), page) {
			t.Errorf("the page lacks %s", page)
		}
	}
	if regexp.MustCompile(`id="(rct|art|fn)`).MatchString(html) {
		t.Error("an id without the language prefix")
	}
	if strings.Contains(string(res.HTML), "pl-") {
		t.Error("the page has prefixed ids")
	}
}

// TestActParsedOnce: one Convert per language version parses each once and
// gives everything the act's page, table of contents and parallel view need.
func TestActParsedOnce(t *testing.T) {
	conv := New(Config{})
	for _, tc := range []struct{ lang, body string }{{"pl", actPL}, {"en", actEN}} {
		body := strings.NewReplacer("{CIT}", "", "{RCT}", "", "{ART}", "", "{ANX}", "").Replace(tc.body)
		page := &content.Page{Path: "content/decisions/a." + tc.lang + ".md", Section: "decisions", Kind: kindOf("decisions"), Lang: tc.lang, Body: []byte(body), BodyLine: 1}
		res := conv.Convert(page, actResolver{}, &diag.List{})
		if len(res.HTML) == 0 || res.Act == nil || len(res.Act.Articles) != 3 || len(res.Act.Units) == 0 {
			t.Fatalf("%s: incomplete result %+v", tc.lang, res.Act)
		}
		for _, u := range res.Act.Units {
			if !strings.Contains(string(u.HTML), `id="`+tc.lang+`-`) && u.Key != "pbl" && u.Key != "pbl_intro" && u.Key != "enc" {
				t.Errorf("%s: unit %s not rendered for the parallel view: %s", tc.lang, u.Key, u.HTML)
			}
		}
	}
	if n := conv.Parses(); n != 2 {
		t.Errorf("two act pages parsed %d times", n)
	}
}
