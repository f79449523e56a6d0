// Package sitetest loads a site's configuration and content for tests and
// benchmarks, as a build reads them.
package sitetest

import (
	"path/filepath"
	"testing"
	"time"

	"hubgen/generator/config"
	"hubgen/generator/content"
	"hubgen/generator/diag"
	"hubgen/generator/source"
)

// Load reads the site in dir (config.toml and content/) at now and
// returns its configuration, its content and the problems loading found;
// it fails tb when the site cannot be read at all.
func Load(tb testing.TB, dir string, now time.Time) (*config.Config, *content.Site, *diag.List) {
	tb.Helper()
	tree, err := source.Open(dir)
	if err != nil {
		tb.Fatal(err)
	}
	data, err := tree.ReadFile("config.toml")
	if err != nil {
		tb.Fatal(err)
	}
	cfg, err := config.Parse(filepath.Join(dir, "config.toml"), data)
	if err != nil {
		tb.Fatal(err)
	}
	s, ds := content.Load(tree, cfg, content.Options{Now: now})
	return cfg, s, ds
}
