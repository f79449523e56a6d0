package render

import (
	"reflect"

	"hubgen/generator/content"
	"hubgen/generator/diag"
	"hubgen/generator/markdown"
)

// group is what an output is planned with: a content page's own outputs
// (its page and an act's parallel view), a section's list pages in every
// language, a topic's list pages in every language, the topic index, the
// home pages, the pages that depend on the configuration alone (search,
// 404), or stage 4's outputs made from the whole site.
type group struct {
	kind groupKind
	key  string // the page's path, the section or the topic's key
}

type groupKind uint8

const (
	groupPage groupKind = iota + 1
	groupSection
	groupTopic
	groupTopics
	groupHome
	groupFixed
	groupPublish
)

// Change is what changed in a site since a previous plan of it, for
// PlanChange. A live preview works it out from what it parsed again.
type Change struct {
	// Pages are the content files (by path) whose own outputs are planned
	// again: every page added, removed, or changed in anything a layout
	// shows (front matter, URL, translations, body). PlanChange adds the
	// translations of each: they are linked to one another.
	Pages map[string]bool
	// Sections are the listed sections whose list pages are planned again
	// in every language, Topics the topics (by key) whose list pages are;
	// the topic index is planned again with any topic.
	Sections, Topics map[string]bool
	Home             bool // the home pages are planned again
	// FrontMatter tells that some front matter, URL or translation changed:
	// redirects, feeds and the sitemap are made again and collisions are
	// checked. Without it only bodies changed, and they are kept.
	FrontMatter bool
	// Linked, when only bodies changed, are the content files (by path)
	// the changed pages linked to before the change: with those they link
	// to now, the only pages whose related content (related.go) a change
	// to bodies can reach. With FrontMatter every page's is checked.
	Linked map[string]bool
	// Crossed tells that Pages already holds every page whose related
	// content the change reached (CrossChanged, which an incremental build
	// asks before converting them): PlanChange does not look again.
	Crossed bool
}

// dirty reports whether the change makes the outputs of g out of date.
func (ch *Change) dirty(g group) bool {
	switch g.kind {
	case groupPage:
		return ch.Pages[g.key]
	case groupSection:
		return ch.Sections[g.key]
	case groupTopic:
		return ch.Topics[g.key]
	case groupTopics:
		return len(ch.Topics) > 0
	case groupHome:
		return ch.Home
	case groupPublish:
		return ch.FrontMatter
	}
	return false
}

// PlanChange plans the site of in again after ch, given prev, the outputs
// of the previous plan (same configuration, UI strings and layouts; a
// successful plan): it plans only the groups of outputs ch makes out of
// date and takes every other output of prev as it is. It returns every
// output of the site (the same set Plan makes) and, of them, those planned
// again. When the change reaches what every page shows (a menu entry's
// page) or planning finds a problem, it plans the whole site with Plan, and
// fresh is every output.
func PlanChange(in Input, prev []*Output, ch Change) (all, fresh []*Output, ds *diag.List) {
	return newEnv(in).planChange(prev, ch)
}

// Replan plans a site again after a change in two steps, for a build that
// must know which pages to convert before it plans them: CrossChanged,
// then PlanChange with the bodies converted meanwhile. The steps share
// what they work out of the site (related content, the order of titles),
// which the functions CrossChanged and PlanChange each work out anew.
type Replan struct{ e *env }

// NewReplan prepares to plan the site of in again; in.Bodies is left
// out (PlanChange gives them).
func NewReplan(in Input) *Replan {
	in.Bodies = nil
	return &Replan{newEnv(in)}
}

// CrossChanged is the function CrossChanged for the site of r.
func (r *Replan) CrossChanged(prev []*Output, ch Change) map[string]bool {
	return r.e.crossChanged(prev, &ch)
}

// PlanChange is the function PlanChange for the site of r, with bodies as
// its Input.Bodies. Call it once.
func (r *Replan) PlanChange(bodies map[*content.Page]markdown.Result, prev []*Output, ch Change) (all, fresh []*Output, ds *diag.List) {
	r.e.Bodies = bodies // nothing r worked out so far reads bodies
	return r.e.planChange(prev, ch)
}

// planChange is PlanChange with e made of its input.
func (e *env) planChange(prev []*Output, ch Change) (all, fresh []*Output, ds *diag.List) {
	in := e.Input
	if e.ds.Len() > 0 || !sameInfos(e.infos, prev) {
		all, ds = Plan(in)
		return all, all, ds
	}
	// Pages whose related content another page's change reached.
	pages := map[string]bool{}
	if !ch.Crossed {
		pages = e.crossChanged(prev, &ch)
	}
	for path := range ch.Pages {
		pages[path] = true
	}
	ch.Pages = withTranslations(in.Site, pages)
	fresh = e.planPages(&ch)
	e.link(fresh)
	e.describe(fresh)
	all = make([]*Output, 0, len(prev)+len(fresh))
	for _, o := range prev {
		if !ch.dirty(o.group) {
			all = append(all, o)
		}
	}
	all = append(all, fresh...)
	if ch.FrontMatter {
		pub := e.publish(all)
		all = append(all, pub...)
		fresh = append(fresh, pub...)
		e.checkCollisions(all)
	}
	if e.ds.Len() > 0 {
		all, ds = Plan(in) // the problems as a whole plan reports them
		return all, all, ds
	}
	return all, fresh, e.ds
}

// withTranslations returns pages with the translations of each of them.
func withTranslations(site *content.Site, pages map[string]bool) map[string]bool {
	out := make(map[string]bool, len(pages))
	for p := range pages {
		out[p] = true
	}
	for _, pg := range site.Pages {
		if pages[pg.Path] {
			for _, t := range pg.Translations {
				out[t.Path] = true
			}
		}
	}
	return out
}

// sameInfos reports whether the site information of every language is what
// the outputs of prev were planned with.
func sameInfos(infos map[string]*SiteInfo, prev []*Output) bool {
	seen := map[*SiteInfo]bool{}
	for _, o := range prev {
		if o.Data == nil || o.Data.Site == nil || seen[o.Data.Site] {
			continue
		}
		seen[o.Data.Site] = true
		if !reflect.DeepEqual(o.Data.Site, infos[o.Data.Site.Lang]) {
			return false
		}
	}
	return len(prev) > 0
}

// PlanPages plans the own outputs of the content pages in paths (by file)
// and of their translations, exactly as Plan plans them, and nothing else:
// for an incremental build that knows that only those pages' bodies
// changed, so that no list, feed or other page shows anything new. Input
// needs the bodies of those pages and their translations only.
func PlanPages(in Input, paths map[string]bool) ([]*Output, *diag.List) {
	e := newEnv(in)
	ch := Change{Pages: withTranslations(in.Site, paths)}
	out := e.planPages(&ch)
	e.link(out)
	e.describe(out)
	return out, e.ds
}
