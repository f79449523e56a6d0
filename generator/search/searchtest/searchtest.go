// Package searchtest holds what the tests and benchmarks of package search
// and of its reference ranker share, so that none of them needs to build
// a whole site: a portal's pages as the build hands them to the index,
// small sites made of the bundled content, seed texts for fuzzing, and the
// programs the tests run, which CI must have.
package searchtest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hubgen/generator/config"
	"hubgen/generator/content"
	"hubgen/generator/diag"
	"hubgen/generator/markdown"
	"hubgen/generator/search"
	"hubgen/generator/source"
	"hubgen/internal/parallel"
)

// Now is when the tests' builds run, so that which pages are published
// (none dated in the future) does not change with the day they run.
var Now = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

// Load reads the portal in src (config.toml, content/), converts its
// Markdown on all cores and returns its configuration and its published
// pages as the build hands them to the index (search.PageDoc). A non-empty
// baseURL overrides config.toml's, as build --base-url does; now is when
// "the future" starts.
func Load(src, baseURL string, now time.Time) (*config.Config, []search.Doc, error) {
	cfg, err := config.Load(filepath.Join(src, "config.toml"))
	if err != nil {
		return nil, nil, err
	}
	if baseURL != "" {
		if err := cfg.SetBaseURL(baseURL); err != nil {
			return nil, nil, err
		}
	}
	tree, err := source.Open(src)
	if err != nil {
		return nil, nil, err
	}
	s, ds := content.Load(tree, cfg, content.Options{Now: now})
	if err := ds.Err(); err != nil {
		return nil, nil, err
	}
	conv := markdown.New(markdown.Config{BasePath: cfg.BasePath()})
	docs := make([]search.Doc, len(s.Pages))
	lists := make([]diag.List, len(s.Pages))
	parallel.For(len(s.Pages), func(i int) {
		docs[i] = search.PageDoc(cfg, s.Pages[i], conv.Convert(s.Pages[i], s, &lists[i]).Text)
	})
	for i := range lists {
		ds.Merge(&lists[i])
	}
	return cfg, docs, ds.Err()
}

// Docs returns the published pages of the portal in src as search
// documents (see Load), built at Now; a non-empty baseURL overrides the
// configured one.
func Docs(t testing.TB, src, baseURL string) []search.Doc {
	t.Helper()
	_, docs, err := Load(src, baseURL, Now)
	if err != nil {
		t.Fatalf("loading %s: %v", src, err)
	}
	return docs
}

// WriteIndex writes the search index of the portal in src under
// dir/search/ as a build at Now does (the configured languages, documents
// numbered in the order of the configured sections) and returns the
// portal's configuration. A non-empty baseURL overrides the configured one.
func WriteIndex(t testing.TB, dir, src, baseURL string) *config.Config {
	t.Helper()
	cfg, docs, err := Load(src, baseURL, Now)
	if err != nil {
		t.Fatalf("loading %s: %v", src, err)
	}
	if _, err := search.Write(dir, cfg.LanguageCodes(), docs, search.Options{Kinds: cfg.Sections()}); err != nil {
		t.Fatal(err)
	}
	return cfg
}

// ContentTexts returns the text of every bundled content file of lang in
// the repository repo.
func ContentTexts(t testing.TB, repo, lang string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(repo, "content", "*", "*."+lang+".md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no %s content: %v", lang, err)
	}
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	return out
}

// ContentDocs makes a small two-language site of the bundled content files
// of repo taken whole (front matter and all) as page bodies, with kinds,
// numbers, dates and topics.
func ContentDocs(t testing.TB, repo string) []search.Doc {
	t.Helper()
	var docs []search.Doc
	for _, lang := range []string{"pl", "en"} {
		for i, text := range ContentTexts(t, repo, lang) {
			kinds := config.DefaultKinds()
			k := kinds[i%len(kinds)]
			kind := k.Section
			d := search.Doc{
				URL: fmt.Sprintf("/%s/%s/%d/", lang, kind, i), Lang: lang, Kind: kind,
				Title: strings.SplitN(text, "\n", 3)[1], Summary: fmt.Sprintf("Summary %d", i), Body: text,
				Topics: []string{"Topic " + lang + fmt.Sprint(i%3)},
			}
			if k.Dated {
				d.Date = time.Date(2020+i%4, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC)
			}
			if k.Act {
				d.ActType, d.ActNumber = "Decyzja Rady (WPZiB)", fmt.Sprintf("2023/%d", 1000+i)
			}
			docs = append(docs, d)
		}
	}
	return docs
}

// Need finds a program the test needs. Under CI=true a missing program
// fails the test; elsewhere the test is skipped.
func Need(t testing.TB, names ...string) string {
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

// FuzzTexts are words and sentences from the portal and the corners of
// Unicode that tokenizing and folding meet: the seeds of the fuzz targets
// of package search and of its ranker.
var FuzzTexts = []string{
	"",
	" ",
	"Terroryzmu jądrowego",
	"Decyzja Rady (WPZiB) 2023/1187.",
	"the EU's U.S.A. don't",
	"Hub’s 1,5 mln 3.14 e-mail",
	"CELEX:32023D1187 a:b x_y covid19",
	"東京 Полиция ひらがな 한국어",
	"współ\u00adpraca, ja\u0328drowy",
	" … – „cytat” ",
	"ZAŻÓŁĆ GĘŚLĄ JAŹŃ Straße Ærø ΣΊΣΥΦΟΣ ὈΔΥΣΣΕΎΣ",
	"a.\u0301b a'\u200db 1.\u0301 2 .a a. 'x' 1,,2 1;2",
	"\u0301\u0328abc\u0301 \u200b\u200d\ufeff",
	"\xff\xfe\xc3 a\x00b\tc\nd\u00a0e\u2028f\u3000g",
	"ǰ\u0323 ᾳ\u0345 ΐ İ ǅ ﬁ",
	"１２３ ＡＢＣ ⅫⅢ ²³ ٣٤",
	"masowego raż",
	"terroryzm jadrowy ",
	"nuclear terr",
}
