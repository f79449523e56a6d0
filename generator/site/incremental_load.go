package site

import (
	"bytes"
	"encoding/binary"
	"hash/fnv"
	"io"
	"strings"

	"hubgen/generator/buildcache"
	"hubgen/generator/content"
	"hubgen/generator/diag"
	"hubgen/generator/render"
	"hubgen/internal/parallel"
)

// The loading of an incremental build: which content files changed, and
// what their change reaches.

// load lists content/ (unless listed: its directories have the times of
// the last build) and parses every file: from the cache when its size and
// time are those the cache has, otherwise read again. It returns the
// files and those whose bytes changed or that are new, or a reason to
// build in full.
func (b *incremental) load(listed bool) ([]*content.File, []string, string) {
	cached := b.st.Files
	var paths []string
	if listed {
		// No file added, removed or renamed: the listing is the last one.
		paths = make([]string, len(cached))
		for i := range cached {
			paths[i] = cached[i].Path
		}
	} else {
		var problems *diag.List
		paths, problems = content.ListFiles(b.tree)
		if problems.Len() > 0 {
			return nil, nil, "content/ has entries the build refuses"
		}
	}
	old := make(map[string]*buildcache.File, len(cached))
	for i := range cached {
		old[cached[i].Path] = &cached[i]
	}
	kept := 0
	for _, p := range paths {
		if old[p] != nil {
			kept++
		}
	}
	if kept != len(cached) {
		return nil, nil, "content files were removed or renamed"
	}
	files := make([]*content.File, len(paths))
	isChanged := make([]bool, len(paths))
	stamps, err := b.tree.OpenStamps()
	if err != nil {
		return nil, nil, "content/ cannot be read: " + err.Error()
	}
	defer stamps.Close()
	parallel.For(len(paths), func(i int) {
		c := old[paths[i]]
		if c != nil {
			if size, modTime, err := stamps.Stamp(c.Path); err == nil && size == c.Size && modTime == c.ModTime && !b.st.Racy(c.ModTime) {
				files[i] = b.cachedParse(c)
				if files[i].Page != nil {
					files[i].Page.Links = c.Links // the body is not read
				}
				return
			}
		}
		f := content.ParseFile(b.tree, b.cfg, paths[i])
		files[i] = f
		// The same bytes with a new time (a fresh checkout) are no change.
		isChanged[i] = c == nil || f.Page == nil || f.Page.SourceHash != c.SourceHash || !bytes.Equal(f.Head, c.Head) || f.Teaser != c.Teaser
	})
	var changed []string
	for i, yes := range isChanged {
		if yes {
			changed = append(changed, paths[i])
		}
	}
	return files, changed, ""
}

// pageSig digests what a page's outputs show of it besides its body: its
// front matter, URL and lastmod, and its translations' files, URLs and
// front matter (a fixed hash: it is compared across builds).
func pageSig(p *content.Page, langs []string) uint64 {
	h := fnv.New64a()
	var n [8]byte
	num := func(v uint64) { h.Write(binary.LittleEndian.AppendUint64(n[:0], v)) }
	str := func(v string) { num(uint64(len(v))); io.WriteString(h, v) }
	num(p.MatterHash)
	str(p.URL)
	num(uint64(p.Lastmod.UnixNano()))
	str(p.Lastmod.Location().String())
	for _, l := range langs {
		if t := p.Translations[l]; t != nil {
			str(l)
			str(t.Path)
			str(t.URL)
			num(t.MatterHash)
		}
	}
	return h.Sum64()
}

// change works out, as a live preview does (Session.change), what the
// pages changed since the last build: the pages whose body changed, and
// every page added, published or left out since, or whose signature
// (pageSig) changed, with the lists it appears in before and after. It
// returns the change and every published page's signature.
func (b *incremental) change(s *content.Site, changed []string, entries map[string]*buildcache.File) (render.Change, map[string]uint64) {
	ch := render.Change{Pages: map[string]bool{}, Sections: map[string]bool{}, Topics: map[string]bool{}}
	mark := func(p *content.Page) {
		ch.Pages[p.Path] = true
		ch.FrontMatter = true
		if p.Kind.Listed {
			ch.Sections[p.Section] = true
			ch.Home = true
		}
		for _, t := range p.Tags {
			ch.Topics[t] = true
		}
	}
	// markOld marks the page as the last build had it.
	markOld := func(e *buildcache.File) {
		if f := b.cachedParse(e); f.Page != nil {
			mark(f.Page)
		}
	}
	for _, c := range changed {
		ch.Pages[c] = true
	}
	langs := b.cfg.LanguageCodes()
	sigs := make(map[string]uint64, len(s.Pages))
	published := make(map[string]bool, len(s.Pages))
	for _, p := range s.Pages {
		sig := pageSig(p, langs)
		sigs[p.Path] = sig
		published[p.Path] = true
		if e := entries[p.Path]; e == nil || !e.Published || e.Sig != sig {
			mark(p)
			if e != nil && e.Published {
				markOld(e)
			}
		}
	}
	for path, e := range entries {
		if e.Published && !published[path] {
			markOld(e)
		}
	}
	return ch, sigs
}

// toConvert returns the published pages to convert again: those whose
// bytes changed, those the change plans again (ch.Pages), those whose
// conversion asked for a changed file or act (see Session.convert), and
// the translations of each, whose outputs link to theirs. Each gets its
// body, read again where the cache parsed it.
func (b *incremental) toConvert(s *content.Site, changed []string, ch render.Change, entries map[string]*buildcache.File) ([]*content.Page, string) {
	stale := map[string]bool{}
	for _, c := range changed {
		stale[fileName(c)] = true
		if e := entries[c]; e != nil && strings.HasPrefix(c, "content/decisions/") {
			// An act's number may have changed: its old one is stale too.
			if f := b.cachedParse(e); f.Page != nil && f.Page.Act != nil && f.Page.Act.Number != "" {
				stale["act "+f.Page.Act.Number] = true
			}
		}
	}
	for _, p := range s.Pages {
		if ch.Pages[p.Path] {
			stale[fileName(p.Path)] = true
			for _, t := range p.Translations {
				stale[t.Name] = true
			}
			if p.Act != nil && p.Act.Number != "" {
				stale["act "+p.Act.Number] = true
			}
		}
	}
	pick := map[*content.Page]bool{}
	for _, p := range s.Pages {
		e := entries[p.Path]
		if ch.Pages[p.Path] || e == nil || !e.Published || dependsOn(e.Deps, stale) {
			pick[p] = true
			for _, t := range p.Translations {
				pick[t] = true
			}
		}
	}
	var todo []*content.Page
	for _, p := range s.Pages {
		if pick[p] {
			todo = append(todo, p)
		}
	}
	errs := make([]error, len(todo))
	parallel.For(len(todo), func(i int) {
		// A page parsed from the cache's head (files with new bytes were read).
		if p, e := todo[i], entries[todo[i].Path]; p.Body == nil && e != nil {
			errs[i] = content.ReadBody(b.tree, p, len(e.Head))
		}
	})
	for i, err := range errs {
		if err != nil {
			return nil, todo[i].Path + " changed during the build"
		}
	}
	return todo, ""
}

// cachedParse is the parse the cache kept of e's file as it was then
// (content.FromParsed), or its cached front matter parsed again when the
// parse could not be kept.
func (b *incremental) cachedParse(e *buildcache.File) *content.File {
	if f, ok := content.FromParsed(b.cfg, e.Parsed, e.Path, e.Head, e.Teaser, e.SourceHash, e.Size, e.ModTime); ok {
		return f
	}
	return content.ParseHead(b.cfg, e.Path, e.Head, e.Teaser, e.SourceHash, e.Size, e.ModTime)
}
