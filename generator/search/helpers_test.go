package search_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"hubgen/generator/search"
	"hubgen/generator/site"
	"hubgen/internal/corpus"
)

// repoRoot is the repository: the bundled portal, static/js and layouts.
const repoRoot = "../.."

var testNow = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

// buildSite builds the portal in src into a temp directory and returns it.
func buildSite(t testing.TB, src string, baseURL string) string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	buildInto(t, src, dest, baseURL)
	return dest
}

// buildInto builds the portal in src into dest.
func buildInto(t testing.TB, src, dest, baseURL string) {
	t.Helper()
	if _, err := site.Build(context.Background(), site.Options{Source: src, Dest: dest, Now: testNow, BaseURL: baseURL}); err != nil {
		t.Fatalf("building %s: %v", src, err)
	}
}

// buildCorpus builds a generated portal of pairs translation pairs.
func buildCorpus(t testing.TB, pairs int, seed uint64) string {
	t.Helper()
	src := t.TempDir()
	if err := corpus.Generate(corpus.Options{Repo: repoRoot, Dir: src, Pairs: pairs, Seed: seed}); err != nil {
		t.Fatal(err)
	}
	return buildSite(t, src, "")
}

// need finds a program the test needs. Under CI=true a missing program
// fails the test; elsewhere the test is skipped.
func need(t testing.TB, names ...string) string {
	t.Helper()
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s not found, and CI=true: install it (see .ci/run)", names[0])
	}
	t.Skipf("%s not found; set CI=true to make this a failure", names[0])
	return ""
}

// nodeRequest is one query for the node harness.
type nodeRequest struct {
	Lang  string `json:"lang"` // index directory, e.g. "search/pl"
	Query string `json:"query"`
	Top   int    `json:"top"`   // 0: every hit
	Fresh bool   `json:"fresh"` // a new client, to record its downloads
	Docs  bool   `json:"docs"`  // also return the hits' URLs
}

// nodeResult is the harness's answer to a nodeRequest.
type nodeResult struct {
	Hits    [][3]float64 `json:"hits"` // doc, score, matched
	Total   int          `json:"total"`
	All     bool         `json:"all"`
	Fetched []string     `json:"fetched"`
	URLs    []string     `json:"urls"`
}

// runNode runs requests through static/js/search-core.js under node.
func runNode(t testing.TB, dir string, reqs []nodeRequest) []nodeResult {
	t.Helper()
	node := need(t, "node", "nodejs")
	in, err := json.Marshal(reqs)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, "testdata/harness.mjs", filepath.Join(repoRoot, "static/js/search-core.js"), dir)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node harness: %v\n%s", err, stderr.String())
	}
	var res []nodeResult
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("node harness output: %v", err)
	}
	if len(res) != len(reqs) {
		t.Fatalf("node harness answered %d of %d requests", len(res), len(reqs))
	}
	return res
}

// openIndex opens a language's index of a built site with the reference ranker.
func openIndex(t testing.TB, dir, lang string) *search.Index {
	t.Helper()
	ix, err := search.Open(os.DirFS(dir), "search/"+lang)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// hitURLs returns the URLs of the first n hits of r.
func hitURLs(t testing.TB, ix *search.Index, r *search.Result, n int) []string {
	t.Helper()
	var out []string
	for i, h := range r.Hits {
		if i == n {
			break
		}
		d, err := ix.Doc(h.Doc)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, d.URL)
	}
	return out
}
