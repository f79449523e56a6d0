package ranker

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"hubgen/generator/search"
)

// clientQueries are run through the browser client and the reference
// ranker; their rankings must be identical. They mix one and several
// words, inflected forms, missing diacritics, half-typed last words,
// stop words, unknown words (the any-word fallback) and numbers.
var clientQueries = map[string][]string{
	"pl": {
		"terroryzm", "terroryzmu jądrowego", "terroryzm jadrowy", "terr", "terroryzm jąd", "współpraca", "wspolpracy",
		"współpraca międzynarodowa", "przeciwdziałanie radykalizacji", "radykal", "Europol", "europolu", "frontex granice",
		"ochrona dzieci", "dzieci w internecie", "2023/1187", "1187", "decyzja rady", "konwencja", "Knowledge Hub",
		"unia europejska", "EMPACT", "empact 2026", "przestępczość zorganizowana", "przestepczosc", "cyber",
		"Lublin", "lubelski", "centrum kompetencji", "w", "i oraz", "xyzzy", "terroryzm xyzzy", "broń masowego rażenia",
		"UNODC UNOCT", "szkolenia", "bezpieczeństwo wewnętrzne", "bezpieczenstwo wewn", "a", "zz", "pr", "prz", "nar",
		"projekt", "2PS", "organizacja", "policja", "Polska Platforma", "Bruksela", "bruksel",
	},
	"en": {
		"terrorism", "nuclear terrorism", "nuclear terr", "terr", "cooperation", "international cooperation",
		"radicalisation", "radicali", "Europol", "frontex borders", "child protection", "children online", "2023/1187",
		"council decision", "convention", "knowledge hub", "european union", "EMPACT", "organised crime", "cyber",
		"Lublin", "competence centre", "the", "xyzzy", "terrorism xyzzy", "weapons of mass destruction", "UNODC",
		"training", "internal security", "internal sec", "project", "2PS", "organisation", "police", "Brussels",
		"eastern", "partners", "a", "zz", "nat", "pre",
	},
}

// TestClientMatchesReferenceRanker runs the query set through the real
// client under node and through the Go reference ranker, over the bundled
// portal and a generated one, and requires identical rankings: the same
// documents in the same order with bit-identical scores (every hit for the
// bundled portal, the top ten for the generated one).
func TestClientMatchesReferenceRanker(t *testing.T) {
	sites := []struct {
		name string
		dir  string
		top  int
	}{
		{"bundled", portalIndex(t, repoRoot), 0},
		{"generated", corpusIndex(t, 300, 7), 10},
	}
	for _, s := range sites {
		t.Run(s.name, func(t *testing.T) {
			var reqs []nodeRequest
			for _, lang := range []string{"pl", "en"} {
				for _, q := range clientQueries[lang] {
					reqs = append(reqs, nodeRequest{Lang: "search/" + lang, Query: q, Top: s.top})
					// The same query typed to its end, then with a space after it.
					reqs = append(reqs, nodeRequest{Lang: "search/" + lang, Query: q + " ", Top: s.top})
				}
			}
			got := runNode(t, s.dir, reqs)
			ixs := map[string]*Index{"search/pl": openIndex(t, s.dir, "pl"), "search/en": openIndex(t, s.dir, "en")}
			nonEmpty := 0
			for i, req := range reqs {
				want, err := ixs[req.Lang].Search(req.Query)
				if err != nil {
					t.Fatal(err)
				}
				if len(want.Hits) > 0 {
					nonEmpty++
				}
				if d := diffRanking(want, got[i], req.Top); d != "" {
					t.Errorf("%s %q: client and reference ranker differ: %s", req.Lang, req.Query, d)
				}
			}
			if nonEmpty < len(reqs)/2 {
				t.Errorf("only %d of %d queries found anything: the comparison proves little", nonEmpty, len(reqs))
			}
		})
	}
}

// diffRanking describes how the client's answer differs from the
// reference ranker's, "" when they agree.
func diffRanking(want *Result, got nodeResult, top int) string {
	hits := want.Hits
	if top > 0 && len(hits) > top {
		hits = hits[:top]
	}
	if got.Total != len(want.Hits) || got.All != want.All {
		return fmt.Sprintf("%d hits (all words: %v), want %d (%v)", got.Total, got.All, len(want.Hits), want.All)
	}
	if len(got.Hits) != len(hits) {
		return fmt.Sprintf("%d hits listed, want %d", len(got.Hits), len(hits))
	}
	var b strings.Builder
	for i, h := range hits {
		g := got.Hits[i]
		if int(g[0]) != h.Doc || g[1] != h.Score || int(g[2]) != h.Matched || int(g[3]) != h.Near {
			fmt.Fprintf(&b, "#%d: doc %d score %v (%x) matched %d near %d, want doc %d score %v (%x) matched %d near %d; ",
				i+1, int(g[0]), g[1], math.Float64bits(g[1]), int(g[2]), int(g[3]), h.Doc, h.Score, math.Float64bits(h.Score), h.Matched, h.Near)
		}
	}
	return b.String()
}

// TestClientRanksLongWordsLikeGo: queries holding runs longer than
// search.MaxWordRunes (which both sides leave out of queries, as Tokenize
// does for pages) rank the same in the client and the reference ranker,
// over an index of pages with such runs.
func TestClientRanksLongWordsLikeGo(t *testing.T) {
	w64 := strings.Repeat("ż", search.MaxWordRunes)
	w65 := w64 + "a"
	docs := []search.Doc{
		{URL: "/a/", Lang: "pl", Kind: "news", Title: "Terroryzm", Body: "Terroryzm jądrowy " + w65 + " " + w64 + " " + strings.Repeat("b", 1<<16)},
		{URL: "/b/", Lang: "pl", Kind: "news", Title: "Współpraca", Body: "Współpraca z Europolem, terroryzmu."},
	}
	dir := t.TempDir()
	if _, err := search.Write(dir, []string{"pl"}, docs, search.Options{}); err != nil {
		t.Fatal(err)
	}
	ix := openIndex(t, dir, "pl")
	var reqs []nodeRequest
	for _, q := range []string{w64, w65, "terroryzm " + w65, w65 + " terroryzm", "współpraca " + w65 + " ", "terroryzm " + w64 + " ", strings.Repeat("b", 1<<16)} {
		reqs = append(reqs, nodeRequest{Lang: "search/pl", Query: q})
	}
	res := runNode(t, dir, reqs)
	for i, req := range reqs {
		want, err := ix.Search(req.Query)
		if err != nil {
			t.Fatal(err)
		}
		if d := diffRanking(want, res[i], 0); d != "" {
			t.Errorf("%.80q: client and reference ranker differ: %s", req.Query, d)
		}
	}
}
