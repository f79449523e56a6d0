package search_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
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
		{"bundled", buildSite(t, repoRoot, ""), 0},
		{"generated", buildCorpus(t, 300, 7), 10},
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
			ixs := map[string]*search.Index{"search/pl": openIndex(t, s.dir, "pl"), "search/en": openIndex(t, s.dir, "en")}
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
func diffRanking(want *search.Result, got nodeResult, top int) string {
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
		if int(g[0]) != h.Doc || g[1] != h.Score || int(g[2]) != h.Matched {
			fmt.Fprintf(&b, "#%d: doc %d score %v (%x) matched %d, want doc %d score %v (%x) matched %d; ",
				i+1, int(g[0]), g[1], math.Float64bits(g[1]), int(g[2]), h.Doc, h.Score, math.Float64bits(h.Score), h.Matched)
		}
	}
	return b.String()
}

// TestClientTokenizesAndFoldsLikeGo: over the whole bundled content and a
// few hard cases, the client's tokenizer, folding and query words equal
// the Go ones the index is built with.
func TestClientTokenizesAndFoldsLikeGo(t *testing.T) {
	node := need(t, "node", "nodejs")
	texts := []string{
		"the EU's U.S.A. don't Hub’s", "1,5 mln 3.14 e-mail CELEX:32023D1187 a:b x_y",
		"東京 Полиция ΟΔΟΣ οδος İstanbul", "współ\u00adpraca ja\u0328drowy Zażółć GĘŚLĄ jaźń Straße Ærø",
		"terroryzm jąd", "terroryzm jąd ", "terroryzm.", "a a a b", "\U0001F600 x\U0001F600y",
	}
	files, err := filepath.Glob(filepath.Join(repoRoot, "content", "*", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, strings.Split(string(b), "\n")...)
	}
	in, _ := json.Marshal(texts)
	cmd := exec.Command(node, "testdata/parity.mjs", filepath.Join(repoRoot, "static/js/search-core.js"))
	cmd.Stdin = bytes.NewReader(in)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var got []struct {
		Words, Folded []string
		Query         struct {
			Words  []string
			Prefix string
		}
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	bad := 0
	for i, text := range texts {
		words := search.Tokenize(text)
		var folded []string
		for _, w := range words {
			folded = append(folded, search.Fold(w))
		}
		qw, prefix := search.QueryWords(text)
		g := got[i]
		if !slices.Equal(g.Words, words) || !slices.Equal(g.Folded, folded) || !slices.Equal(g.Query.Words, qw) || g.Query.Prefix != prefix {
			if bad++; bad <= 10 {
				t.Errorf("%q:\nclient %q %q %q %q\nGo     %q %q %q %q", text, g.Words, g.Folded, g.Query.Words, g.Query.Prefix, words, folded, qw, prefix)
			}
		}
	}
}
