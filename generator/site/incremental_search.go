package site

import (
	"maps"
	"strings"

	"hubgen/generator/buildcache"
	"hubgen/generator/output"
	"hubgen/generator/search"
)

// The search index of an incremental build: the languages whose documents
// changed are indexed again from the cache's documents.

// search makes again the index of the languages in dirty, from the cache's
// documents with those in docs (by content file) in place of theirs (see
// cachedDocs), and writes its files; made gets their names. It updates
// the last build's index (search.Update) when the cache holds its state
// (named by the digest of its manifest in prev, the previous output) and
// the change fits it, and else indexes every document again. It returns
// the documents of the languages indexed again, for the next cache: those
// search.Update made hold only the changed documents' bags (partial can
// read the rest).
func (b *incremental) search(w *output.Writer, prev map[string]string, made, dirty map[string]bool, docs map[string]search.Doc, repassed map[string][]search.Passage, cached map[string]bool, lists []search.Doc) (map[string][]buildcache.Doc, error) {
	out := map[string][]buildcache.Doc{}
	b.states = map[string]indexState{}
	b.partial = map[string]func() ([]buildcache.Doc, error){}
	for _, lang := range sortedKeys(dirty) {
		// Only the changed documents' bags at first: search.Update needs
		// no others.
		complete := func() ([]buildcache.Doc, error) {
			list, _, _, err := b.cachedDocs(lang, docs, repassed, cached, true)
			return list, err
		}
		list, changed, old, err := b.cachedDocs(lang, docs, repassed, cached, false)
		if err != nil {
			return nil, err
		}
		withLists := func(list []buildcache.Doc) []search.Doc {
			plain := make([]search.Doc, len(list))
			for i := range list {
				plain[i] = list[i].Doc
			}
			return append(plain, langDocs(lists, lang)...)
		}
		opts := searchOptions(b.cfg, b.stems)
		var files map[string][]byte
		var state *search.State
		err = search.ErrNoUpdate
		if prevState := buildcache.ReadSearchState(b.opts.Cache, lang, prev[manifestFile(lang)]); prevState != nil {
			files, state, err = search.Update(prevState, lang, withLists(list), changed, old, opts)
		}
		if err == nil {
			b.updated = append(b.updated, lang)
			b.partial[lang] = complete // the bags not read, should the cache need them
		} else {
			// No state, or one that does not fit: the language's index
			// is made whole, from every bag.
			if list, err = complete(); err != nil {
				return nil, err
			}
			var states map[string]*search.State
			if files, states, err = search.BuildState([]string{lang}, withLists(list), opts); err != nil {
				return nil, err
			}
			state = states[lang]
		}
		b.states[lang] = indexState{manifest: output.Digest(files[manifestFile(lang)]), state: state}
		for _, name := range sortedKeys(files) {
			made[name] = true
			w.Write(name, files[name])
		}
		out[lang] = list
	}
	return out, nil
}

// cachedDocs returns the cache's documents of lang with those of docs (by
// content file) in place of theirs, with the bags of all or, unless all,
// only of the documents in docs and repassed (the others' are left
// empty); and, by URL, the documents changed and their versions in the
// cache. The pages rendered again only have new passages in repassed;
// those converted again but not rendered again (cached[path]) keep the
// cache's passages. docs gets the documents of both.
func (b *incremental) cachedDocs(lang string, docs map[string]search.Doc, repassed map[string][]search.Passage, cached map[string]bool, all bool) ([]buildcache.Doc, map[string]bool, map[string]*search.Doc, error) {
	bags := func(path string) bool {
		_, changed := docs[path]
		_, moved := repassed[path]
		return changed || moved
	}
	if all {
		bags = nil
	}
	list, err := buildcache.ReadDocs(b.opts.Cache, b.st, lang, bags)
	if err != nil {
		return nil, nil, nil, &fullError{"the search documents of the cache cannot be read"}
	}
	for i := range list {
		path := list[i].Path
		if ps, ok := repassed[path]; ok {
			list[i].Doc.Passages = ps
			docs[path] = list[i].Doc
		}
		if d, ok := docs[path]; ok && cached[path] {
			d.Passages = list[i].Doc.Passages
			docs[path] = d
		}
	}
	seen := make(map[string]bool, len(docs))
	changed, old := map[string]bool{}, map[string]*search.Doc{}
	for i := range list {
		if d, ok := docs[list[i].Path]; ok {
			was := list[i].Doc
			old[was.URL], changed[was.URL] = &was, true
			list[i].Doc = d
			seen[list[i].Path] = true
		}
	}
	for _, path := range sortedKeys(docs) {
		if d := docs[path]; d.Lang == lang && !seen[path] {
			list = append(list, buildcache.Doc{Path: path, Doc: d}) // a page published since
		}
	}
	return list, changed, old, nil
}

// indexState is a language's search index state for the cache
// (buildcache.WriteSearchState), with the digest of the index's manifest.
type indexState struct {
	manifest string
	state    *search.State
}

// manifestFile is the path of lang's search index manifest in the output.
func manifestFile(lang string) string { return searchDir + lang + "/manifest.json" }

// writeSearchStates stores the search index states in the cache. One
// that cannot be written leaves the last, which names the last index's
// manifest: no build takes it for the new index.
func writeSearchStates(dir string, states map[string]indexState) {
	for _, lang := range sortedKeys(states) {
		buildcache.WriteSearchState(dir, lang, states[lang].manifest, states[lang].state)
	}
}

// buildIndex makes the search index of langs from docs; withState, it
// stores each language's state in the cache dir as soon as it is made
// (it names the digest of the index's manifest: a build that then fails
// leaves the previous index, which it does not name), so that no two are
// held at once.
func buildIndex(langs []string, docs []search.Doc, opts search.Options, withState bool, dir string) (map[string][]byte, error) {
	if !withState {
		return search.Build(langs, docs, opts)
	}
	files := map[string][]byte{}
	for _, lang := range langs {
		some, states, err := search.BuildState([]string{lang}, docs, opts)
		if err != nil {
			return nil, err
		}
		buildcache.WriteSearchState(dir, lang, output.Digest(some[manifestFile(lang)]), states[lang])
		maps.Copy(files, some)
	}
	return files, nil
}

// dirtySearch reports whether f is a file of the search index of a
// language made again.
func dirtySearch(f string, dirty map[string]bool) bool {
	rest, ok := strings.CutPrefix(f, searchDir)
	if !ok {
		return false
	}
	lang, _, _ := strings.Cut(rest, "/")
	return dirty[lang]
}
