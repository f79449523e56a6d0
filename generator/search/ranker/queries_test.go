package ranker

import (
	"slices"
	"testing"
)

// queryCase is a query over the bundled portal and the page it must find
// among the first top results.
type queryCase struct {
	lang, query, want string
	top               int
}

// queryCases: inflected Polish (the page has other forms of the words),
// queries without diacritics, half-typed last words, and English forms.
var queryCases = []queryCase{
	// Polish: inflected forms.
	{"pl", "terroryzm jądrowy", "/akty-prawne/2023-1187/", 1},             // page: "terroryzmu jądrowego"
	{"pl", "szkoleniach w dziedzinie ścigania", "/organizacje/cepol/", 1}, // "Szkolenia w Dziedzinie Ścigania"
	{"pl", "Polskiej Platformy Bezpieczeństwa", "/organizacje/ppbw/", 1},  // "Polska Platforma Bezpieczeństwa"
	{"pl", "wykorzystywanie seksualne dzieci", "/projekty/2ps/", 1},       // "wykorzystywaniu seksualnemu dzieci"
	{"pl", "przeciwdziałaniu terroryzmowi", "/organizacje/unoct/", 1},     // "Przeciwdziałania Terroryzmowi"
	{"pl", "rozwoju narodów zjednoczonych", "/organizacje/undp/", 1},      // "Program Narodów Zjednoczonych ds. Rozwoju"
	{"pl", "spotkanie ekspertów EMPACT", "/aktualnosci/spotkanie-inaugurujace-cykl-empact-2026-2029/", 1},
	{"pl", "decyzji rady wpzib", "/akty-prawne/2023-1187/", 1},            // "Decyzja Rady (WPZiB)"
	{"pl", "radykalizacja", "/aktualnosci/inauguracja-knowledge-hub/", 1}, // only "radykalizacji" on the site
	{"pl", "Brukseli", "/aktualnosci/inauguracja-knowledge-hub/", 1},      // "w Brukseli"
	{"pl", "broni masowego rażenia", "/akty-prawne/2023-1187/", 2},        // "broni masowego rażenia"
	{"pl", "straży granicznej", "/organizacje/frontex/", 1},
	{"pl", "wymiarów sprawiedliwości", "/organizacje/eurojust/", 1},
	// Polish: without diacritics.
	{"pl", "terroryzm jadrowy", "/akty-prawne/2023-1187/", 1},
	{"pl", "naduzycia finansowe", "/organizacje/olaf/", 1},
	{"pl", "polska platforma bezpieczenstwa wewnetrznego", "/organizacje/ppbw/", 1},
	{"pl", "narkotykow i przestepczosci", "/organizacje/unodc/", 1},
	{"pl", "przeciwdzialanie radykalizacji", "/aktualnosci/inauguracja-knowledge-hub/", 1},
	{"pl", "deklaracja dostepnosci", "/deklaracja-dostepnosci/", 1},
	{"pl", "szkolenia sciganie", "/organizacje/cepol/", 1},
	{"pl", "lodz", "", 0}, // no page mentions Łódź: nothing, and no error
	// Polish: half-typed last words.
	{"pl", "terroryzmu jądr", "/akty-prawne/2023-1187/", 1},
	{"pl", "nadużyć fin", "/organizacje/olaf/", 1},
	{"pl", "centrum kompetencji wsch", "/organizacje/centrum-kompetencji-wschodnich/", 1},
	{"pl", "wykorzystywania seksualn", "/projekty/2ps/", 1},
	{"pl", "masowego raż", "/akty-prawne/2023-1187/", 2},
	{"pl", "masowego raz", "/akty-prawne/2023-1187/", 2}, // "raz" is a stop word, but being typed
	{"pl", "inauguracja knowl", "/aktualnosci/inauguracja-knowledge-hub/", 1},
	{"pl", "deklaracja dost", "/deklaracja-dostepnosci/", 1},
	// English.
	{"en", "nuclear terrorism", "/en/decisions/2023-1187/", 1},
	{"en", "law enforcement training", "/en/organisations/cepol/", 1},
	{"en", "anti-fraud office", "/en/organisations/olaf/", 1},
	{"en", "frauds", "/en/organisations/olaf/", 1},
	{"en", "homeland security platform", "/en/organisations/ppbw/", 1},
	{"en", "drugs and crime", "/en/organisations/unodc/", 1},
	{"en", "counter-terrorism office", "/en/organisations/unoct/", 1},
	{"en", "child sexual abuse", "/en/projects/2ps/", 1},
	{"en", "knowledge hub launch", "/en/news/knowledge-hub-inauguration/", 1},
	{"en", "border and coast guard", "/en/organisations/frontex/", 1},
	{"en", "council decision 2023/1187", "/en/decisions/2023-1187/", 1},
	{"en", "trainings", "/en/organisations/cepol/", 1},
	{"en", "prevention of radicalisation", "/en/news/knowledge-hub-inauguration/", 1},
	// English: half-typed last words.
	{"en", "nuclear terr", "/en/decisions/2023-1187/", 2},
	{"en", "sexual abus", "/en/projects/2ps/", 1},
	{"en", "accessib", "/en/accessibility-statement/", 1},
	{"en", "weapons of mass destr", "/en/decisions/2023-1187/", 2},
	{"en", "eastern compet", "/en/organisations/eastern-competence-centre/", 1},
	{"en", "expert meeting emp", "/en/news/expert-meeting-opens-empact-2026-2029/", 1},
}

// TestQueryCases runs the query cases through the reference ranker and
// through the client under node; both must put the wanted page among the
// first results.
func TestQueryCases(t *testing.T) {
	dir := portalIndex(t, repoRoot)
	var reqs []nodeRequest
	for _, c := range queryCases {
		reqs = append(reqs, nodeRequest{Lang: "search/" + c.lang, Query: c.query, Top: 10, Docs: true})
	}
	fromNode := runNode(t, dir, reqs)
	ixs := map[string]*Index{"pl": openIndex(t, dir, "pl"), "en": openIndex(t, dir, "en")}
	for i, c := range queryCases {
		ix := ixs[c.lang]
		r, err := ix.Search(c.query)
		if err != nil {
			t.Fatal(err)
		}
		fromGo := hitURLs(t, ix, r, 10)
		for who, urls := range map[string][]string{"reference ranker": fromGo, "client": fromNode[i].URLs} {
			if c.want == "" {
				if len(urls) > 0 {
					t.Errorf("%s %q (%s): want no results, got %v", c.lang, c.query, who, urls)
				}
				continue
			}
			at := slices.Index(urls, c.want)
			if at < 0 || at >= c.top {
				t.Errorf("%s %q (%s): want %s among the first %d, got %v", c.lang, c.query, who, c.want, c.top, urls)
			}
		}
	}
}
