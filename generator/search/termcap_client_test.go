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
)

// TestClientDropsLongWordsLikeGo: the client leaves runs longer than
// search.MaxWordRunes out of queries, as Tokenize does for pages and
// queries, so that a query holding such a run ranks the same in both.
func TestClientDropsLongWordsLikeGo(t *testing.T) {
	node := need(t, "node", "nodejs")
	w64 := strings.Repeat("ż", search.MaxWordRunes)
	w65 := w64 + "a"
	texts := []string{
		w64, w65, "terroryzm " + w65, w65 + " terroryzm", "terroryzm " + w65 + " ", "terroryzm " + w64,
		w64 + "." + w64, strings.Repeat("e\u0301", 40), strings.Repeat("\U0001F600x", 40), "a " + strings.Repeat("x", 100000),
		strings.Repeat("1", 59) + ",1234", strings.Repeat("1", 60) + ",1234",
	}
	in, _ := json.Marshal(texts)
	cmd := exec.Command(node, "testdata/parity.mjs", filepath.Join(repoRoot, "static/js/search-core.js"))
	cmd.Stdin = bytes.NewReader(in)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var got []struct {
		Words []string
		Query struct {
			Words  []string
			Prefix string
		}
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	for i, text := range texts {
		words := search.Tokenize(text)
		qw, prefix := search.QueryWords(text)
		g := got[i]
		if !slices.Equal(g.Words, words) || !slices.Equal(g.Query.Words, qw) || g.Query.Prefix != prefix {
			t.Errorf("%.80q:\nclient %.80q %.80q %.80q\nGo     %.80q %.80q %.80q", text, g.Words, g.Query.Words, g.Query.Prefix, words, qw, prefix)
		}
	}

	// The rankings of queries with long runs, over an index of pages with them.
	docs := []search.Doc{
		{URL: "/a/", Lang: "pl", Kind: "news", Title: "Terroryzm", Body: "Terroryzm jądrowy " + w65 + " " + w64 + " " + strings.Repeat("b", 1<<16)},
		{URL: "/b/", Lang: "pl", Kind: "news", Title: "Współpraca", Body: "Współpraca z Europolem, terroryzmu."},
	}
	files, err := search.Build([]string{"pl"}, docs, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
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
