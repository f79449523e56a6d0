package ranker

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"testing/fstest"

	"hubgen/generator/search"
	"hubgen/generator/search/searchtest"
	"hubgen/internal/corpus"
)

// repoRoot is the repository: the bundled portal and static/js.
const repoRoot = "../../.."

// portalIndex writes the search index of the portal in src into a temp
// directory, as a build does, and returns the directory.
func portalIndex(t testing.TB, src string) string {
	t.Helper()
	dir := t.TempDir()
	searchtest.WriteIndex(t, dir, src, "")
	return dir
}

// corpusIndex writes the search index of a generated portal of pairs
// translation pairs into a temp directory and returns the directory.
func corpusIndex(t testing.TB, pairs int, seed uint64) string {
	t.Helper()
	src := t.TempDir()
	if err := corpus.Generate(corpus.Options{Repo: repoRoot, Dir: src, Pairs: pairs, Seed: seed}); err != nil {
		t.Fatal(err)
	}
	return portalIndex(t, src)
}

// buildFS builds the index of docs in langs into an in-memory file system.
func buildFS(t testing.TB, langs []string, docs []search.Doc, opts search.Options) fstest.MapFS {
	t.Helper()
	files, err := search.Build(langs, docs, opts)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	return fsys
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
	Hits    [][4]float64 `json:"hits"` // doc, score, matched, near
	Total   int          `json:"total"`
	All     bool         `json:"all"`
	Fetched []string     `json:"fetched"`
	URLs    []string     `json:"urls"`
}

// runNode runs requests through static/js/search-core.js under node, over
// the index under dir/search/.
func runNode(t testing.TB, dir string, reqs []nodeRequest) []nodeResult {
	t.Helper()
	node := searchtest.Need(t, "node", "nodejs")
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

// openIndex opens a language's index under dir/search/.
func openIndex(t testing.TB, dir, lang string) *Index {
	t.Helper()
	ix, err := Open(os.DirFS(dir), "search/"+lang)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// hitURLs returns the URLs of the first n hits of r.
func hitURLs(t testing.TB, ix *Index, r *Result, n int) []string {
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
