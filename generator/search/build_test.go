package search_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"

	"hubgen/generator/search"
	"hubgen/generator/search/searchtest"
)

// repoRoot is the repository: the bundled portal, static/, layouts/ and i18n/.
const repoRoot = "../.."

// TestBuildIsDeterministic: the same pages in any order give the same
// bytes.
func TestBuildIsDeterministic(t *testing.T) {
	docs := searchtest.ContentDocs(t, repoRoot)
	a, err := search.Build([]string{"pl", "en"}, docs, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rev := slices.Clone(docs)
	slices.Reverse(rev)
	b, err := search.Build([]string{"pl", "en"}, rev, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs between two builds", name)
		}
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			t.Errorf("%s is not JSON: %v", name, err)
		}
	}
}

// TestBuildRefusesBadLanguageCode: a language code is a directory name.
func TestBuildRefusesBadLanguageCode(t *testing.T) {
	if _, err := search.Build([]string{"../x"}, nil, search.Options{}); err == nil {
		t.Error("a language code with a path in it was accepted")
	}
}
