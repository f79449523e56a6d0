package ranker

import (
	"slices"
	"strings"
	"testing"

	"hubgen/generator/search"
)

// unseenForms are Polish forms of words the bundled portal uses, in forms
// none of its pages uses, each with the pages it should find (any of
// them among the first three). The test checks that each form is still
// unseen: when the portal starts to use one, replace it.
var unseenForms = []struct {
	query string
	want  []string
}{
	{"frontexowi", []string{"/organizacje/frontex/"}},
	{"frontexie", []string{"/organizacje/frontex/"}},
	{"europolowi", []string{"/organizacje/europol/"}},
	{"europolem", []string{"/organizacje/europol/"}},
	{"eurojustem", []string{"/organizacje/eurojust/"}},
	{"eurojustowi", []string{"/organizacje/eurojust/"}},
	{"olafem", []string{"/organizacje/olaf/"}},
	{"olafowi", []string{"/organizacje/olaf/"}},
	{"cepolem", []string{"/organizacje/cepol/"}},
	{"cepolowi", []string{"/organizacje/cepol/"}},
	{"urzędem", []string{"/organizacje/olaf/"}},
	{"urzędowi", []string{"/organizacje/olaf/"}},
	{"urzędy", []string{"/organizacje/olaf/"}},
	{"nadużyciami", []string{"/organizacje/olaf/"}},
	{"nadużyciom", []string{"/organizacje/olaf/"}},
	{"biurze", []string{"/organizacje/unoct/", "/organizacje/unodc/"}},
	{"konwencjami", []string{"/akty-prawne/2023-1187/"}},
	{"decyzjami", []string{"/akty-prawne/2023-1187/"}},
	{"decyzjom", []string{"/akty-prawne/2023-1187/"}},
	{"spotkaniami", []string{"/aktualnosci/spotkanie-inaugurujace-cykl-empact-2026-2029/"}},
	{"spotkaniom", []string{"/aktualnosci/spotkanie-inaugurujace-cykl-empact-2026-2029/"}},
	{"inauguracjami", []string{"/aktualnosci/inauguracja-knowledge-hub/", "/aktualnosci/spotkanie-inaugurujace-cykl-empact-2026-2029/"}},
	{"platformie", []string{"/organizacje/ppbw/"}},
	{"platformami", []string{"/organizacje/ppbw/"}},
	{"rozwojem", []string{"/organizacje/undp/"}},
	{"rozwojowi", []string{"/organizacje/undp/"}},
	{"agencjom", []string{"/organizacje/cepol/", "/organizacje/frontex/", "/organizacje/europol/", "/organizacje/eurojust/"}},
	{"szkoleniami", []string{"/organizacje/cepol/"}},
	{"szkoleniom", []string{"/organizacje/cepol/"}},
	{"ściganiem", []string{"/organizacje/cepol/"}},
	{"kompetencjami", []string{"/organizacje/centrum-kompetencji-wschodnich/"}},
	{"kompetencjom", []string{"/organizacje/centrum-kompetencji-wschodnich/"}},
	{"centrami", []string{"/organizacje/centrum-kompetencji-wschodnich/"}},
	{"deklaracjami", []string{"/deklaracja-dostepnosci/"}},
	{"portalem", []string{"/o-portalu/"}},
	{"portalowi", []string{"/o-portalu/"}},
	{"inicjatywami", []string{"/projekty/2ps/"}},
	{"dzieciom", []string{"/projekty/2ps/"}},
	{"dziećmi", []string{"/projekty/2ps/"}},
	{"wykorzystywaniem", []string{"/projekty/2ps/"}},
	{"zjednoczonymi", []string{"/organizacje/undp/", "/organizacje/unoct/", "/organizacje/unodc/"}},
	{"narodom", []string{"/organizacje/undp/", "/organizacje/unoct/", "/organizacje/unodc/"}},
	{"narodami", []string{"/organizacje/undp/", "/organizacje/unoct/", "/organizacje/unodc/"}},
	{"upowszechnieniem", []string{"/akty-prawne/2023-1187/"}},
	{"wdrożeniem", []string{"/akty-prawne/2023-1187/"}},
	{"cyklem", []string{"/aktualnosci/spotkanie-inaugurujace-cykl-empact-2026-2029/"}},
	{"cyklami", []string{"/aktualnosci/spotkanie-inaugurujace-cykl-empact-2026-2029/"}},
	{"aktywnością", []string{"/aktualnosci/inauguracja-knowledge-hub/"}},
	{"terroryzmach", []string{"/akty-prawne/2023-1187/", "/organizacje/unoct/"}},
	{"ekspertom", []string{"/aktualnosci/spotkanie-inaugurujace-cykl-empact-2026-2029/"}},
}

// TestUnseenForms: forms of the portal's words that no page uses find
// their pages through the suffix rules the index learns from the site's
// own words, at least 90 % of them, and the client ranks each exactly as
// the reference ranker does.
func TestUnseenForms(t *testing.T) {
	dir := portalIndex(t, repoRoot)
	ix := openIndex(t, dir, "pl")
	var reqs []nodeRequest
	for _, c := range unseenForms {
		reqs = append(reqs, nodeRequest{Lang: "search/pl", Query: c.query + " ", Top: 0, Docs: true})
	}
	fromNode := runNode(t, dir, reqs)
	found := 0
	var missed []string
	for i, c := range unseenForms {
		w := search.Fold(c.query)
		if entry, _, _, err := ix.entry(w); err != nil || entry != nil {
			t.Errorf("%q is on the site (or a stem of it): not an unseen form any more; replace it", c.query)
			continue
		}
		r, err := ix.Search(c.query + " ")
		if err != nil {
			t.Fatal(err)
		}
		if d := diffRanking(r, fromNode[i], 0); d != "" {
			t.Errorf("%q: client and reference ranker differ: %s", c.query, d)
		}
		urls := hitURLs(t, ix, r, 3)
		if slices.ContainsFunc(c.want, func(u string) bool { return slices.Contains(urls, u) }) {
			found++
		} else {
			missed = append(missed, c.query+" -> "+strings.Join(urls, " "))
		}
	}
	if len(unseenForms) < 40 {
		t.Errorf("%d forms: the list must hold at least 40", len(unseenForms))
	}
	rate := float64(found) / float64(len(unseenForms))
	t.Logf("%d of %d unseen forms find their page among the first three (%.0f %%)", found, len(unseenForms), 100*rate)
	if rate < 0.9 {
		t.Errorf("%d of %d unseen forms find their page (%.0f %%, want at least 90 %%); missed:\n%s", found, len(unseenForms), 100*rate, strings.Join(missed, "\n"))
	}
}
