package render

import (
	"encoding/json"
	"html/template"
	"testing"
	"time"
)

// TestDescribe: stage 3 dates lists by their newest item and gives each
// page Open Graph tags and JSON-LD of its kind.
func TestDescribe(t *testing.T) {
	e := newEnv(fixtureInput(t))
	pages := e.planPages(nil)
	e.link(pages)
	e.describe(pages)
	m := byPath(t, pages)
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	tests := []struct {
		path    string
		lastmod time.Time
		og      string
		ld      string
	}{
		{"/aktualnosci/alfa/", day("2025-03-05"), "article", "NewsArticle"},
		{"/aktualnosci/", day("2025-03-05"), "website", "WebPage"},
		{"/aktualnosci/strona/2/", day("2024-12-24"), "website", "WebPage"},
		{"/organizacje/europol/", time.Time{}, "website", "Organization"},
		{"/", day("2025-03-05"), "website", "WebSite"},
	}
	for _, tc := range tests {
		d := need(t, m, tc.path).Data
		if !d.Lastmod.Equal(tc.lastmod) {
			t.Errorf("%s: lastmod %v, want %v", tc.path, d.Lastmod, tc.lastmod)
		}
		if d.OG == nil || d.OG.Type != tc.og {
			t.Errorf("%s: Open Graph %+v, want type %s", tc.path, d.OG, tc.og)
		}
		var ld map[string]any
		if len(d.JSONLD) == 0 || json.Unmarshal([]byte(d.JSONLD[0].(template.JS)), &ld) != nil || ld["@type"] != tc.ld {
			t.Errorf("%s: JSON-LD %v, want %s", tc.path, d.JSONLD, tc.ld)
		}
		if d.Feed != "/portal"+e.feedPath(d.Lang) {
			t.Errorf("%s: feed %q", tc.path, d.Feed)
		}
	}
	if og := need(t, m, "/aktualnosci/alfa/").Data.OG; len(og.Alternates) != 1 || og.Alternates[0] != "en_GB" {
		t.Errorf("og:locale:alternate of a translated page: %v", og.Alternates)
	}
	if d := need(t, m, "/404.html").Data; d.JSONLD != nil {
		t.Error("the 404 page, which has no canonical URL, got JSON-LD")
	}
}
