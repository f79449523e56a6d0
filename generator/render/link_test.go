package render

import "testing"

// TestLink: stage 2 links every version of a page to the others
// (reciprocal hreflang, x-default in the default language) and sends the
// switcher of a page without a translation to the section, with a note.
func TestLink(t *testing.T) {
	e := newEnv(fixtureInput(t))
	pages := e.planPages(nil)
	e.link(pages)
	m := byPath(t, pages)
	pl, en := need(t, m, "/aktualnosci/alfa/").Data, need(t, m, "/en/news/alpha/").Data
	for _, d := range []*Data{pl, en} {
		if len(d.Alternates) != 2 || d.Alternates[0].Href != "https://example.org/portal/aktualnosci/alfa/" || d.Alternates[1].Href != "https://example.org/portal/en/news/alpha/" {
			t.Errorf("%s: alternates %+v", d.URL, d.Alternates)
		}
		if d.XDefault != "https://example.org/portal/aktualnosci/alfa/" {
			t.Errorf("%s: x-default %q", d.URL, d.XDefault)
		}
	}
	if len(pl.Switch) != 1 || pl.Switch[0].URL != "/portal/en/news/alpha/" || pl.Switch[0].Missing || len(pl.NoTranslation) != 0 {
		t.Errorf("switcher of a translated page: %+v", pl.Switch)
	}
	beta := need(t, m, "/aktualnosci/beta/").Data
	if len(beta.Switch) != 1 || !beta.Switch[0].Missing || beta.Switch[0].URL != "/portal/en/news/" || beta.Switch[0].Note == "" {
		t.Errorf("switcher of an untranslated page: %+v", beta.Switch)
	}
	if len(beta.NoTranslation) != 1 || len(beta.Alternates) != 1 {
		t.Errorf("untranslated page: note %+v, alternates %+v", beta.NoTranslation, beta.Alternates)
	}
	list2 := need(t, m, "/aktualnosci/strona/2/").Data
	if len(list2.Switch) != 1 || !list2.Switch[0].Missing || list2.Switch[0].URL != "/portal/en/news/" {
		t.Errorf("page 2 of a list with one page in English: %+v", list2.Switch)
	}
	if len(list2.NoTranslation) != 0 {
		t.Error("a list page shows the missing-translation note meant for content")
	}
}
