package site

import (
	"bytes"
	"slices"
	"time"

	"hubgen/generator/buildcache"
	"hubgen/generator/content"
	"hubgen/generator/i18n"
	"hubgen/generator/output"
	"hubgen/generator/render"
	"hubgen/generator/search"
)

// What an incremental build leaves in the cache for the next one.

// cacheUpdate is what an incremental build changes in the cache.
type cacheUpdate struct {
	readAt  time.Time
	dirs    []buildcache.Dir
	files   []*content.File // as load returned them
	site    *content.Site
	sigs    map[string]uint64 // by published page
	redone  map[string]*converted
	newDocs map[string]search.Doc
	docs    map[string][]buildcache.Doc // the documents of the languages indexed again
	kept    []render.Kept
	digest  uint64
	keys    *i18n.KeyCache // the titles' collation keys
}

// save writes the cache of an incremental build: the last state with the
// files read again, the pages converted again and the documents indexed
// again. A cache that cannot be written is removed.
func (b *incremental) save(target *output.Target, u cacheUpdate) {
	st := *b.st
	st.ReadAt, st.Dirs = u.readAt, u.dirs
	settled, err := output.ReadSettled(target)
	if err != nil {
		buildcache.Remove(b.opts.Cache)
		return
	}
	st.Manifest, st.Settled = settled.Manifest, settled.At
	st.Horizon = horizon(u.site, b.opts)
	st.Outputs, st.Site = u.kept, u.digest
	old := make(map[string]*buildcache.File, len(b.st.Files))
	for i := range b.st.Files {
		old[b.st.Files[i].Path] = &b.st.Files[i]
	}
	published := make(map[string]*content.Page, len(u.site.Pages))
	for _, p := range u.site.Pages {
		published[p.Path] = p
	}
	st.Files = make([]buildcache.File, len(u.files))
	for i, f := range u.files {
		e := &st.Files[i]
		if o := old[f.Path]; o != nil {
			*e = *o
		}
		if e.Parsed == nil || !bytes.Equal(e.Head, f.Head) || e.Teaser != f.Teaser {
			e.Parsed, _ = content.AppendParsed(nil, f) // read again: parsed anew
		}
		e.Path, e.Size, e.ModTime, e.Head, e.Teaser, e.SourceHash, e.Links = f.Path, f.Size, f.ModTime, f.Head, f.Teaser, f.Page.SourceHash, f.Page.Links
		e.Published, e.Lastmod, e.Sig, e.SortName, e.SortKey = false, time.Time{}, 0, "", nil
		if p := published[f.Path]; p != nil {
			e.Published, e.Lastmod, e.Sig = true, p.Lastmod, u.sigs[f.Path]
			e.SortName, e.SortKey = sortKey(u.keys, p)
		}
		if c := u.redone[f.Path]; c != nil {
			e.Diags, e.Deps = c.diags.Items(), c.deps
		}
		if d, ok := u.newDocs[f.Path]; ok {
			e.DocHash, e.PassHash = docHash(&d), passHash(d.Passages)
		}
	}
	// Changed documents go into the state; only when they add up to much
	// are their languages' files written again.
	delta := make([]buildcache.Doc, 0, len(u.newDocs))
	for _, p := range sortedKeys(u.newDocs) {
		delta = append(delta, buildcache.Doc{Path: p, Doc: u.newDocs[p]})
	}
	docs := u.docs
	st.Delta = slices.Clone(st.Delta) // b.st's stays as read
	if st.AddDelta(delta) {
		docs = nil
	}
	for lang, complete := range b.partial {
		if _, ok := docs[lang]; !ok {
			continue
		}
		list, err := complete() // written whole: with every bag
		if err != nil {
			buildcache.Remove(b.opts.Cache)
			return
		}
		docs[lang] = list
	}
	if err := buildcache.Write(b.opts.Cache, &st, docs); err != nil {
		buildcache.Remove(b.opts.Cache)
		return
	}
	writeSearchStates(b.opts.Cache, b.states)
}
