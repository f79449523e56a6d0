package site

import (
	"hubgen/generator/buildcache"
	"hubgen/generator/content"
	"hubgen/generator/render"
)

// linkedPages returns the published pages of s (by path) that links, the
// content files a body of page from linked to (content.BodyLinks), lead to:
// when only bodies changed, the pages whose related content a change to
// from's links may reach (render.Change.Linked).
func linkedPages(s *content.Site, from *content.Page, links []string) map[string]bool {
	out := map[string]bool{}
	for _, target := range links {
		if to, problem := s.ResolveFile(from, target); problem == "" && to != nil {
			out[to.Path] = true
		}
	}
	return out
}

// crossChanged adds to ch.Pages the pages of an incremental build whose
// related content (or coordinator link) the change of other pages
// reached (Replan.CrossChanged against prev, the last plan's outputs), so
// that they are converted and planned again, and marks ch Crossed; ch.Linked
// gets what the changed pages linked to before, from the cache's entries.
func (b *incremental) crossChanged(s *content.Site, entries map[string]*buildcache.File, replan *render.Replan, prev []*render.Output, ch *render.Change) {
	ch.Linked = map[string]bool{}
	for _, p := range s.Pages {
		if e := entries[p.Path]; e != nil && ch.Pages[p.Path] {
			for path := range linkedPages(s, p, e.Links) {
				ch.Linked[path] = true
			}
		}
	}
	for path := range replan.CrossChanged(prev, *ch) {
		ch.Pages[path] = true
	}
	ch.Crossed = true
}
