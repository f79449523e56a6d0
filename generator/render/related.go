package render

import (
	"cmp"
	"encoding/binary"
	"hash/fnv"
	"io"
	"slices"
	"strings"
	"time"

	"hubgen/generator/content"
	"hubgen/generator/i18n"
	"hubgen/internal/parallel"
)

// Related content: the pages of an organisation, project, act or news item
// list the pages related to it (related.title), computed at planning from
// the site alone, in a fixed order:
//
//  1. the pages it links to and those that link to it (a link in the body
//     to the content file, content.BodyLinks), newest first, then A–Z;
//  2. the pages sharing its topics, those sharing more first, then newest
//     first and A–Z. They are taken from the newest pages of each of its
//     topics (a few more than the list holds), so that a topic of
//     thousands of pages costs no more than a small one.
//
// Only pages of the same language and of listed kinds count, never the
// page itself or its translations. A topic's pages list the topics its
// pages share most often.

// Lengths of the related lists.
const (
	relatedMax    = 8 // organisations, projects, acts
	relatedNews   = 3 // news items (dated kinds that are not acts)
	relatedTopics = 6 // a topic's related topics
)

// relatedIndex is what related lists are made from, made once per plan.
type relatedIndex struct {
	links  map[*content.Page][]*content.Page // both ways, same language (repeats are dropped in use)
	topics map[string][]*content.Page        // lang + "/" + topic: newest first, then A–Z once sorted
	sorted map[string]bool                   // the lists of topics put in order (topicPages)
	// co counts, by language + "/" + topic, the pages each other topic
	// shares with it.
	co map[string]map[string]int
}

// relatedIndex returns the plan's index, made the first time.
func (p *env) relatedIndex() *relatedIndex {
	if p.related != nil {
		return p.related
	}
	ri := &relatedIndex{links: map[*content.Page][]*content.Page{}, topics: map[string][]*content.Page{}, sorted: map[string]bool{}, co: map[string]map[string]int{}}
	for _, pg := range p.Site.Pages {
		for _, target := range pg.Links {
			to, problem := p.Site.ResolveFile(pg, target)
			if problem != "" || to == nil || to == pg || to.Lang != pg.Lang {
				continue
			}
			ri.links[pg] = append(ri.links[pg], to)
			ri.links[to] = append(ri.links[to], pg)
		}
		for i, a := range pg.Tags {
			key := pg.Lang + "/" + a
			if pg.Kind.Listed {
				ri.topics[key] = append(ri.topics[key], pg)
			}
			for j, b := range pg.Tags {
				if i != j && a != b {
					if ri.co[key] == nil {
						ri.co[key] = map[string]int{}
					}
					ri.co[key][b]++
				}
			}
		}
	}
	p.related = ri
	return ri
}

// topicPages returns the pages of lang with topic key, newest first, then
// A–Z, put in order the first time they are asked for.
func (p *env) topicPages(lang, key string) []*content.Page {
	ri := p.relatedIndex()
	k := lang + "/" + key
	list := ri.topics[k]
	if !ri.sorted[k] {
		p.sortPages(lang, list, true)
		ri.sorted[k] = true
	}
	return list
}

// relatedOf returns the related pages (relatedPages) of each of pages,
// worked out on all cores: what relatedPages reads and would make the
// first time (the index, the languages' orders of titles, the lists of
// the pages' topics in order) is made first, the lists of topics sorted
// in parallel too, and then only read.
func (p *env) relatedOf(pages []*content.Page) map[*content.Page][]*content.Page {
	ri := p.relatedIndex()
	var langs, keys []string // keys: lang + "/" + topic, of lists not sorted yet
	for _, pg := range pages {
		if !pg.Kind.Listed {
			continue // relatedPages reads nothing for it
		}
		if !slices.Contains(langs, pg.Lang) {
			langs = append(langs, pg.Lang)
		}
		for _, t := range pg.Tags {
			if k := pg.Lang + "/" + t; !ri.sorted[k] {
				ri.sorted[k] = true // sorted below
				keys = append(keys, k)
			}
		}
	}
	for _, l := range langs {
		p.titleRanks(l)
	}
	parallel.For(len(keys), func(i int) {
		lang, _, _ := strings.Cut(keys[i], "/")
		p.sortPages(lang, ri.topics[keys[i]], true)
	})
	related := make([][]*content.Page, len(pages))
	parallel.For(len(pages), func(i int) { related[i] = p.relatedPages(pages[i]) })
	out := make(map[*content.Page][]*content.Page, len(pages))
	for i, pg := range pages {
		out[pg] = related[i]
	}
	return out
}

// relatedPages returns the pages related to pg, in order (see the top of
// this file), or nil for a kind that has none (standalone pages).
func (p *env) relatedPages(pg *content.Page) []*content.Page {
	if !pg.Kind.Listed {
		return nil
	}
	limit := relatedMax
	if pg.Kind.Dated && !pg.Kind.Act {
		limit = relatedNews
	}
	ri := p.relatedIndex()
	// Links and topics are the page's language's (relatedIndex): its
	// translations are never among them.
	skip := func(q *content.Page) bool { return q == pg || !q.Kind.Listed }
	var taken []*content.Page // a few dozen at most: a slice beats a map
	var out []*content.Page
	linked := slices.Clone(ri.links[pg])
	p.sortPages(pg.Lang, linked, true)
	for _, q := range linked {
		if len(out) == limit {
			break
		}
		if !skip(q) && !slices.Contains(taken, q) {
			taken = append(taken, q)
			out = append(out, q)
		}
	}
	if len(out) < limit && len(pg.Tags) > 0 {
		type cand struct {
			page   *content.Page
			shared int
			rank   int
			date   time.Time
		}
		ranks := p.titleRanks(pg.Lang)
		var cands []cand
		for _, t := range pg.Tags {
			n := 0
			for _, q := range p.topicPages(pg.Lang, t) {
				if n == limit+1 {
					break
				}
				if skip(q) || slices.Contains(taken, q) {
					continue
				}
				taken = append(taken, q)
				n++
				shared := 0
				for _, a := range q.Tags {
					if slices.Contains(pg.Tags, a) {
						shared++
					}
				}
				cands = append(cands, cand{q, shared, ranks[q], q.Date})
			}
		}
		slices.SortStableFunc(cands, func(a, b cand) int {
			if c := cmp.Compare(b.shared, a.shared); c != 0 {
				return c
			}
			if c := b.date.Compare(a.date); c != 0 {
				return c
			}
			return cmp.Compare(a.rank, b.rank)
		})
		for _, c := range cands {
			if len(out) == limit {
				break
			}
			out = append(out, c.page)
		}
	}
	return out
}

// relatedTopicLinks returns the topics that share most pages with topic
// key in lang, most first, then A–Z.
func (p *env) relatedTopicLinks(lang, key string) []Link {
	co := p.relatedIndex().co[lang+"/"+key]
	if len(co) == 0 {
		return nil
	}
	type entry struct {
		key, name string
		n         int
	}
	var list []entry
	for k, n := range co {
		if t := p.Config.Topic(k); t != nil {
			list = append(list, entry{k, t.Names[lang], n})
		}
	}
	col := i18n.NewCollator(lang)
	slices.SortFunc(list, func(a, b entry) int {
		if c := cmp.Compare(b.n, a.n); c != 0 {
			return c
		}
		if c := col.Compare(a.name, b.name); c != 0 {
			return c
		}
		return cmp.Compare(a.key, b.key)
	})
	if len(list) > relatedTopics {
		list = list[:relatedTopics]
	}
	out := make([]Link, len(list))
	for i, e := range list {
		out[i] = Link{Name: e.name, URL: p.base + p.topicPath(lang, e.key)}
	}
	return out
}

// crossDigest digests what a page's output shows of other pages besides
// the lists of sections, topics and the home page: its related pages (the
// title, URL, kind and date each shows) and a project's coordinator link.
// A later plan compares it (CrossChanged) to plan again the pages whose
// related content changed when another page did. Zero when it shows
// nothing of other pages.
func crossDigest(related []*content.Page, proj *ProjectView) uint64 {
	if len(related) == 0 && (proj == nil || proj.Coordinator.URL == "") {
		return 0
	}
	h := fnv.New64a()
	var n [8]byte
	num := func(v uint64) { h.Write(binary.LittleEndian.AppendUint64(n[:0], v)) }
	str := func(v string) {
		num(uint64(len(v)))
		io.WriteString(h, v)
	}
	for _, q := range related {
		str(q.URL)
		str(q.Title)
		str(q.Section)
		num(uint64(q.Date.Year())<<16 | uint64(q.Date.Month())<<8 | uint64(q.Date.Day())) // the day shown
	}
	if proj != nil {
		str(proj.Coordinator.Name)
		str(proj.Coordinator.URL)
	}
	return h.Sum64() | 1 // never zero
}

// crossChanged returns the published pages whose related content or
// coordinator link (crossDigest) differs from what prev, the outputs of
// an earlier plan, show: another page's change reached them. When ch
// changed bodies alone, only the link graph can have changed, and only
// the pages the changed ones link to, or linked to before (ch.Linked),
// are looked at.
func (p *env) crossChanged(prev []*Output, ch *Change) map[string]bool {
	var only map[*content.Page]bool
	if !ch.FrontMatter {
		only = map[*content.Page]bool{}
		for _, pg := range p.Site.Pages {
			if ch.Linked[pg.Path] {
				only[pg] = true
			}
			if !ch.Pages[pg.Path] {
				continue
			}
			for _, target := range pg.Links {
				if to, problem := p.Site.ResolveFile(pg, target); problem == "" && to != nil {
					only[to] = true
				}
			}
		}
		if len(only) == 0 {
			return map[string]bool{}
		}
	}
	old := make(map[string]uint64, len(prev))
	for _, o := range prev {
		if o.group.kind == groupPage && o.cross != 0 {
			old[o.group.key] = o.cross
		}
	}
	out := map[string]bool{}
	for _, pg := range p.Site.Pages {
		if only != nil && !only[pg] {
			continue
		}
		if crossDigest(p.relatedPages(pg), p.projectView(pg)) != old[pg.Path] {
			out[pg.Path] = true
		}
	}
	return out
}

// CrossChanged returns the content files (by path) of in whose pages show
// other pages (related content, a coordinator's profile) differently from
// prev, the outputs of an earlier plan of the site, after ch: PlanChange
// plans them again, and an incremental build converts them for it.
func CrossChanged(in Input, prev []*Output, ch Change) map[string]bool {
	return newEnv(in).crossChanged(prev, &ch)
}
