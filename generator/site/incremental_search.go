package site

import (
	"strings"

	"hubgen/generator/buildcache"
	"hubgen/generator/output"
	"hubgen/generator/search"
)

// The search index of an incremental build: the languages whose documents
// changed are indexed again from the cache's documents.

// search makes again the index of the languages in dirty, from the cache's
// documents with those in docs (by content file) in place of theirs, and
// writes its files; made gets their names. The pages rendered again only
// have new passages in repassed; those converted again but not rendered
// again (cached[path]) keep the cache's passages. docs gets the documents
// of both, for the next cache. It returns the documents of the languages
// indexed again, for the next cache.
func (b *incremental) search(w *output.Writer, made, dirty map[string]bool, docs map[string]search.Doc, repassed map[string][]search.Passage, cached map[string]bool, lists []search.Doc) (map[string][]buildcache.Doc, error) {
	out := map[string][]buildcache.Doc{}
	for _, lang := range sortedKeys(dirty) {
		list, err := buildcache.ReadDocs(b.opts.Cache, b.st, lang)
		if err != nil {
			return nil, &fullError{"the search documents of the cache cannot be read"}
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
		for i := range list {
			if d, ok := docs[list[i].Path]; ok {
				list[i].Doc = d
				seen[list[i].Path] = true
			}
		}
		for _, path := range sortedKeys(docs) {
			if d := docs[path]; d.Lang == lang && !seen[path] {
				list = append(list, buildcache.Doc{Path: path, Doc: d}) // a page published since
			}
		}
		plain := make([]search.Doc, len(list))
		for i := range list {
			plain[i] = list[i].Doc
		}
		plain = append(plain, langDocs(lists, lang)...)
		files, err := search.Build([]string{lang}, plain, searchOptions(b.cfg, b.stems))
		if err != nil {
			return nil, err
		}
		for _, name := range sortedKeys(files) {
			made[name] = true
			w.Write(name, files[name])
		}
		out[lang] = list
	}
	return out, nil
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
