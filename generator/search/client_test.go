package search_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"hubgen/generator/search"
	"hubgen/generator/search/searchtest"
)

// parity is what the client makes of a text (testdata/parity.mjs): its
// words, each folded, and the text's words as a query.
type parity struct {
	Words, Folded []string
	Query         struct {
		Words  []string
		Prefix string
	}
}

// runParity runs texts through the client's tokenizer and folding
// (static/js/search-core.js) under node.
func runParity(t *testing.T, texts []string) []parity {
	t.Helper()
	var got []parity
	runClient(t, "testdata/parity.mjs", texts, &got)
	return got
}

// runClient runs a script of testdata under node with the client
// (static/js/search-core.js) as its argument, in as JSON on its standard
// input, and reads its JSON output into out.
func runClient(t *testing.T, script string, in, out any) {
	t.Helper()
	node := searchtest.Need(t, "node", "nodejs")
	data, _ := json.Marshal(in)
	cmd := exec.Command(node, script, filepath.Join(repoRoot, "static/js/search-core.js"))
	cmd.Stdin = bytes.NewReader(data)
	b, err := cmd.Output()
	if err != nil {
		t.Fatalf("node %s: %v", script, err)
	}
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatalf("node %s said %s: %v", script, b, err)
	}
}

// TestClientTokenizesAndFoldsLikeGo: over the whole bundled content and a
// few hard cases, the client's tokenizer, folding and query words equal
// the Go ones the index is built with.
func TestClientTokenizesAndFoldsLikeGo(t *testing.T) {
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
	got := runParity(t, texts)
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

// TestClientDropsLongWordsLikeGo: the client leaves runs longer than
// search.MaxWordRunes out of queries, as Tokenize does for pages and
// queries. (The rankings of queries holding such runs are compared in
// package ranker.)
func TestClientDropsLongWordsLikeGo(t *testing.T) {
	w64 := strings.Repeat("ż", search.MaxWordRunes)
	w65 := w64 + "a"
	texts := []string{
		w64, w65, "terroryzm " + w65, w65 + " terroryzm", "terroryzm " + w65 + " ", "terroryzm " + w64,
		w64 + "." + w64, strings.Repeat("e\u0301", 40), strings.Repeat("\U0001F600x", 40), "a " + strings.Repeat("x", 100000),
		strings.Repeat("1", 59) + ",1234", strings.Repeat("1", 60) + ",1234",
	}
	got := runParity(t, texts)
	for i, text := range texts {
		words := search.Tokenize(text)
		qw, prefix := search.QueryWords(text)
		g := got[i]
		if !slices.Equal(g.Words, words) || !slices.Equal(g.Query.Words, qw) || g.Query.Prefix != prefix {
			t.Errorf("%.80q:\nclient %.80q %.80q %.80q\nGo     %.80q %.80q %.80q", text, g.Words, g.Query.Words, g.Query.Prefix, words, qw, prefix)
		}
	}
}

// TestClientReadsPassageFiltersLikeGo: for filters of the bundled act's
// passages and stems in them and not, the client's passageHas answers as
// the filter was written: every stem written is found, and the others as
// Go's PassageBits says.
func TestClientReadsPassageFiltersLikeGo(t *testing.T) {
	texts := []string{"Finansowa kwota odniesienia wynosi 4 000 000 EUR.", "Wydatkami pokrywanymi z kwoty odniesienia zarządza się zgodnie z zasadami.", "Ąę żółć, Unia Europejska", "x"}
	probes := []string{"kwot", "odniesienie", "unia", "europol", "terroryzm", "zzz", "żółć", "a"}
	type probe struct {
		bits, stem string
		want       bool
	}
	var cases []probe
	for _, text := range texts {
		bits, stems, err := search.PassageFilter("pl", text)
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range append(stems, probes...) {
			cases = append(cases, probe{bits, st, slices.Contains(stems, st) || search.FilterHas(bits, st)})
		}
	}
	in := make([][2]string, len(cases))
	for i, c := range cases {
		in[i] = [2]string{c.bits, c.stem}
	}
	var got []bool
	runClient(t, "testdata/passagehas.mjs", in, &got)
	if len(got) != len(cases) {
		t.Fatalf("node gave %d answers for %d cases", len(got), len(cases))
	}
	positives := 0
	for i, c := range cases {
		if got[i] != c.want {
			t.Errorf("filter %q, stem %q: client %v, Go %v", c.bits, c.stem, got[i], c.want)
		}
		if c.want {
			positives++
		}
	}
	if positives == len(cases) {
		t.Error("every probe is in every filter: the filters tell nothing")
	}
}
