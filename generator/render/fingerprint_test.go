package render

import (
	"hash/maphash"
	"html/template"
	"strings"
	"testing"
)

// TestFingerprint: an output's fingerprint changes with anything its layout
// can read (its own page's file, a listed page's front matter, a
// translation's URL, JSON-LD, a title) and not with a listed page's body,
// which no layout shows.
func TestFingerprint(t *testing.T) {
	seed := maphash.MakeSeed()
	plan := func() map[string]*Output {
		e := newEnv(fixtureInput(t))
		pages := e.planPages(nil)
		e.link(pages)
		e.describe(pages)
		return byPath(t, pages)
	}
	tests := []struct {
		name   string
		path   string
		change func(o *Output)
		same   bool
	}{
		{"nothing", "/aktualnosci/", func(o *Output) {}, true},
		{"a listed page's body", "/aktualnosci/", func(o *Output) { o.Data.Items[0].Page.SourceHash++ }, true},
		{"a listed page's front matter", "/aktualnosci/", func(o *Output) { o.Data.Items[0].Page.MatterHash++ }, false},
		{"an item's title", "/aktualnosci/", func(o *Output) { o.Data.Items[1].Title += "!" }, false},
		{"the page's own file", "/aktualnosci/alfa/", func(o *Output) { o.Data.Page.SourceHash++ }, false},
		{"a translation's URL", "/aktualnosci/alfa/", func(o *Output) { o.Data.Page.Translations["en"].URL += "x/" }, false},
		{"JSON-LD", "/aktualnosci/alfa/", func(o *Output) {
			o.Data.JSONLD[0] = template.JS(strings.Replace(string(o.Data.JSONLD[0].(template.JS)), `"headline":"Alfa"`, `"headline":"Inny"`, 1))
		}, false},
		{"the switcher", "/aktualnosci/beta/", func(o *Output) { o.Data.Switch[0].URL += "?" }, false},
	}
	for _, tc := range tests {
		a, b := plan()[tc.path], plan()[tc.path]
		if a == nil {
			t.Fatalf("no output at %s", tc.path)
		}
		tc.change(b)
		if same := a.Fingerprint(seed) == b.Fingerprint(seed); same != tc.same {
			t.Errorf("%s: same fingerprint %v, want %v", tc.name, same, tc.same)
		}
	}
}
