package render

import (
	"path/filepath"
	"testing"
	"time"

	"hubgen/generator/config"
	"hubgen/generator/content"
	"hubgen/generator/diag"
	"hubgen/generator/i18n"
	"hubgen/generator/markdown"
	"hubgen/generator/source"
	"hubgen/internal/gittest"
)

const fixtureConfig = `baseURL = "https://example.org/portal/"
pageSize = 2
[languages.pl]
title = "Portal"
[languages.en]
title = "Portal EN"
[topics.cbrn]
pl = "CBRN"
en = "CBRN"
[topics.cybercrime]
pl = "Cyberprzestępczość"
en = "Cybercrime"
`

// fixturePages is a small bilingual site: three Polish news items (one with
// an English version and an alias), an organisation profile and a page.
var fixturePages = map[string]string{
	"content/news/a.pl.md":          "---\ntitle: Alfa\nslug: alfa\ndate: 2025-03-01\nlastmod: 2025-03-05\ntags: [cbrn]\naliases: [\"/stare/alfa.html\"]\n---\nTekst.\n",
	"content/news/a.en.md":          "---\ntitle: Alpha\nslug: alpha\ndate: 2025-03-01\ntags: [cbrn]\n---\nText.\n",
	"content/news/b.pl.md":          "---\ntitle: Beta\nslug: beta\ndate: 2025-01-10\n---\nTekst.\n",
	"content/news/c.pl.md":          "---\ntitle: Gamma\nslug: gamma\ndate: 2024-12-24\n---\nTekst.\n",
	"content/organisations/o.pl.md": "---\ntitle: Europol\nslug: europol\nwebsite: https://www.europol.europa.eu/\n---\nOpis.\n",
	"content/pages/about.pl.md":     "---\ntitle: O portalu\nslug: o-portalu\n---\nO nas.\n",
}

var fixtureNow = time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)

// fixtureInput loads fixturePages as the build hands them to Plan.
func fixtureInput(t *testing.T) Input {
	t.Helper()
	return inputOf(t, fixturePages)
}

// inputOf loads a site of pages (path -> file) with fixtureConfig as the
// build hands it to Plan, at fixtureNow.
func inputOf(t *testing.T, pages map[string]string) Input {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{"config.toml": fixtureConfig}
	for k, v := range pages {
		files[k] = v
	}
	gittest.Write(t, dir, files)
	cfg, err := config.Parse("config.toml", []byte(fixtureConfig))
	if err != nil {
		t.Fatal(err)
	}
	bundle, err := i18n.LoadBundle(filepath.Join("..", "..", "i18n"), cfg.LanguageCodes())
	if err != nil {
		t.Fatal(err)
	}
	tree, err := source.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	s, ds := content.Load(tree, cfg, content.Options{Now: fixtureNow})
	if err := ds.Err(); err != nil {
		t.Fatal(err)
	}
	conv := markdown.New(markdown.Config{BasePath: cfg.BasePath(), UIText: bundle.T})
	bodies := map[*content.Page]markdown.Result{}
	for _, p := range s.Pages {
		bodies[p] = conv.Convert(p, s, &diag.List{})
	}
	return Input{Config: cfg, Bundle: bundle, Site: s, Bodies: bodies, Now: fixtureNow}
}

// byPath indexes outputs by their site path.
func byPath(t *testing.T, outputs []*Output) map[string]*Output {
	t.Helper()
	m := map[string]*Output{}
	for _, o := range outputs {
		if m[o.Path] != nil {
			t.Fatalf("two outputs at %s", o.Path)
		}
		m[o.Path] = o
	}
	return m
}

func need(t *testing.T, m map[string]*Output, path string) *Output {
	t.Helper()
	o := m[path]
	if o == nil {
		var have []string
		for p := range m {
			have = append(have, p)
		}
		t.Fatalf("no output at %s; have %v", path, have)
	}
	return o
}
