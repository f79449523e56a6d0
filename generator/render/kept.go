package render

import (
	"encoding/json"
	"hash/fnv"
)

// Kept is what a build keeps of one output of its plan so that a later
// build, in another process, can plan a change with PlanChange without
// planning the whole site first: what PlanChange reads of the outputs it
// does not plan again (the group it belongs to, its file, the sitemap
// entry, and what messages about a collision name).
type Kept struct {
	Path      string
	Layout    string
	Cluster   string
	Origin    string
	Title     string // for messages about a topic page
	Canonical string
	NoIndex   bool
	Raw       bool   // a file not rendered from a layout (feed, sitemap)
	Group     uint8  // the group's kind
	GroupKey  string // the group's key
	Sitemap   []byte // the output's sitemap entry, nil when it has none
	// Cross digests what the output shows of other pages besides lists
	// (related content, a project's coordinator: see crossDigest), so
	// that a change to those pages plans it again.
	Cross uint64
}

// Keep returns what a later build needs of o (see Kept).
func (o *Output) Keep() Kept {
	if o.kept != nil {
		return *o.kept // restored: what it was kept with
	}
	k := Kept{Path: o.Path, Layout: o.Layout, Cluster: o.cluster, Origin: o.origin, Raw: o.Raw != nil, Group: uint8(o.group.kind), GroupKey: o.group.key, Cross: o.cross}
	if d := o.Data; d != nil {
		k.Title, k.Canonical, k.NoIndex = d.Title, d.Canonical, d.NoIndex
		if _, ok := o.index(); ok {
			if o.sitemap == nil {
				o.sitemap = sitemapEntry(d)
			}
			k.Sitemap = o.sitemap
		}
	}
	return k
}

// Restore makes outputs from what Keep returned, to pass to PlanChange as
// the previous plan's outputs. They cannot be rendered and have no Data:
// PlanChange only keeps them (or plans their groups again), reading what
// they were kept with, and SiteDigest, not their data, tells whether what
// every page shows changed. The outputs refer to kept, which must not
// change.
func Restore(kept []Kept) []*Output {
	outputs := make([]Output, len(kept)) // one block: tens of thousands of outputs
	out := make([]*Output, len(kept))
	for i := range kept {
		k := &kept[i]
		o := &outputs[i]
		*o = Output{Path: k.Path, Layout: k.Layout, cluster: k.Cluster, origin: k.Origin, group: group{groupKind(k.Group), k.GroupKey}, sitemap: k.Sitemap, cross: k.Cross, kept: k}
		if k.Raw {
			o.Raw = []byte{}
		}
		out[i] = o
	}
	return out
}

// SiteDigest is a digest of what every page of in shows of the site (its
// title, menus, languages: SiteInfo): outputs kept from a plan with
// another digest are out of date.
func SiteDigest(in Input) uint64 {
	e := newEnv(in)
	h := fnv.New64a()
	enc := json.NewEncoder(h)
	for _, l := range in.Config.Languages {
		if err := enc.Encode(e.infos[l.Code]); err != nil {
			return 0 // not reached: SiteInfo holds strings, links and languages
		}
	}
	if e.ds.Len() > 0 {
		return 0
	}
	return h.Sum64()
}
