package site

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"hash/fnv"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"hubgen/generator/buildcache"
	"hubgen/generator/content"
	"hubgen/generator/i18n"
	"hubgen/generator/output"
	"hubgen/generator/render"
	"hubgen/generator/search"
	"hubgen/generator/source"
	"hubgen/internal/parallel"
)

// What a build keeps for the next one (package buildcache), and the key
// that tells whether the next one may use it.

// cacheKey digests everything the output depends on besides content
// files: this program, the options that change the output, config.toml,
// layouts/, i18n/ and static/, by content, not time (a fresh checkout in
// CI gives every file a new time). (content/'s other files, page bundles'
// images and documents, are State.Assets.) It returns "" when something cannot be
// read: the build then neither uses nor writes a cache.
func cacheKey(tree *source.Tree, opts Options) string {
	h := sha256.New()
	fmt.Fprintf(h, "hubgen build cache key 1\n%q %t %t %t\n", opts.BaseURL, opts.Drafts, opts.Future, opts.NoGitDates)
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	_, err = io.Copy(h, f)
	f.Close()
	if err != nil {
		return ""
	}
	if !hashFile(h, tree, "config.toml") {
		return ""
	}
	for _, dir := range []string{"layouts", "i18n", "static"} {
		files, problems := tree.Files(dir)
		if len(problems) > 0 {
			return ""
		}
		for _, rel := range files {
			if !hashFile(h, tree, rel) {
				return ""
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// readAsset stats and digests a file of content/ other than Markdown.
func readAsset(tree *source.Tree, rel string) (buildcache.Asset, error) {
	info, err := tree.Stat(rel)
	if err != nil {
		return buildcache.Asset{}, err
	}
	data, err := tree.ReadFile(rel)
	if err != nil {
		return buildcache.Asset{}, err
	}
	h := fnv.New64a()
	h.Write(data)
	return buildcache.Asset{Path: rel, Size: info.Size(), ModTime: info.ModTime().UnixNano(), Hash: h.Sum64()}, nil
}

// hashFile adds a file's name, length and bytes to h.
func hashFile(h hash.Hash, tree *source.Tree, rel string) bool {
	data, err := tree.ReadFile(rel)
	if err != nil {
		return false
	}
	fmt.Fprintf(h, "%q %d\n", rel, len(data))
	h.Write(data)
	return true
}

// contentDirs returns content/ and the directories under it with their
// times, or nil when content/ holds a symbolic link (whose target can
// change without a directory of content/ changing).
func contentDirs(tree *source.Tree) []buildcache.Dir {
	root := filepath.Join(tree.Dir(), "content")
	dirs := []buildcache.Dir{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type()&fs.ModeSymlink != 0 {
			return errSymlink
		}
		if !d.IsDir() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(tree.Dir(), p)
		dirs = append(dirs, buildcache.Dir{Path: filepath.ToSlash(rel), ModTime: info.ModTime().UnixNano()})
		return nil
	})
	if err != nil {
		return nil
	}
	return dirs
}

var errSymlink = errors.New("symbolic link")

// sameDirs reports whether the directories have the times they had.
func sameDirs(tree *source.Tree, dirs []buildcache.Dir) bool {
	if dirs == nil {
		return false
	}
	for _, d := range dirs {
		info, err := tree.Stat(d.Path)
		if err != nil || info.ModTime().UnixNano() != d.ModTime {
			return false
		}
	}
	return true
}

// fullCache is what a full build leaves for the next build.
type fullCache struct {
	tree   *source.Tree
	readAt time.Time        // when loading started
	dirs   []buildcache.Dir // content/'s directories then
	key    string
	files  []*content.File
	other  []string // content/'s files other than Markdown
	site   *content.Site
	convs  []converted    // by s.Pages: problems and dependencies
	docs   []search.Doc   // by s.Pages
	kept   []render.Kept  // by output of the plan
	digest uint64         // render.SiteDigest
	keys   *i18n.KeyCache // the titles' collation keys
}

// preparedCache is what a full build's cache holds but for what only
// publishing tells (the output's manifest): made while the search index
// is made (prepare), stored once the build is published (store).
type preparedCache struct {
	st   *buildcache.State
	docs map[string][]buildcache.Doc
	err  error
}

// prepare makes the cache's state but for the output's manifest, on a
// goroutine of its own; the returned function waits for it. It reads
// what the build no longer changes once its pages are rendered.
func (c *fullCache) prepare(opts Options) func() preparedCache {
	done := make(chan preparedCache, 1)
	go func() {
		st, docs, err := c.state(opts)
		done <- preparedCache{st, docs, err}
	}()
	return sync.OnceValue(func() preparedCache { return <-done })
}

// write stores the cache, as prepare made it, once the build is published
// into t. A cache that cannot be written is removed: the next build then
// builds in full.
func (c *fullCache) write(opts Options, t *output.Target, prep preparedCache) {
	if err := c.store(opts, t, prep); err != nil {
		buildcache.Remove(opts.Cache)
	}
}

func (c *fullCache) store(opts Options, t *output.Target, prep preparedCache) error {
	if prep.err != nil {
		return prep.err
	}
	settled, err := output.ReadSettled(t)
	if err != nil {
		return err
	}
	st := prep.st
	st.Dest, st.Manifest, st.Settled = t.Dir, settled.Manifest, settled.At
	// The files' parses are encoded now, not while the search index is
	// made: the build's memory peaks then.
	parallel.For(len(c.files), func(k int) { st.Files[k].Parsed, _ = content.AppendParsed(nil, c.files[k]) })
	return buildcache.Write(opts.Cache, st, prep.docs)
}

// state makes the cache's state but for where the output is and its
// manifest (Dest, Manifest, Settled) and the files' parses (File.Parsed),
// and its documents by language.
func (c *fullCache) state(opts Options) (*buildcache.State, map[string][]buildcache.Doc, error) {
	st := &buildcache.State{Key: c.key, Horizon: horizon(c.site, opts), ReadAt: c.readAt, Dirs: c.dirs, Outputs: c.kept, Site: c.digest}
	for _, f := range c.other {
		a, err := readAsset(c.tree, f)
		if err != nil {
			return nil, nil, err
		}
		st.Assets = append(st.Assets, a)
	}
	index := make(map[*content.Page]int, len(c.site.Pages))
	for i, p := range c.site.Pages {
		index[p] = i
	}
	langs := c.site.Config.LanguageCodes()
	perLang := map[string]int{}
	for _, p := range c.site.Pages {
		perLang[p.Lang]++
	}
	docs := map[string][]buildcache.Doc{}
	for _, l := range langs {
		docs[l] = make([]buildcache.Doc, 0, perLang[l])
	}
	st.Files = make([]buildcache.File, len(c.files))
	for k, f := range c.files {
		if f.Page == nil {
			return nil, nil, fmt.Errorf("%s: not a page", f.Path)
		}
		e := buildcache.File{Path: f.Path, Size: f.Size, ModTime: f.ModTime, Head: f.Head, Teaser: f.Teaser, SourceHash: f.Page.SourceHash, Links: f.Page.Links} // Parsed: store
		if i, ok := index[f.Page]; ok {
			e.Published, e.Lastmod, e.Diags, e.Deps = true, f.Page.Lastmod, c.convs[i].diags.Items(), c.convs[i].deps
			e.DocHash, e.PassHash = docHash(&c.docs[i]), passHash(c.docs[i].Passages)
			e.Sig = pageSig(f.Page, langs)
			e.SortName, e.SortKey = sortKey(c.keys, f.Page)
			docs[f.Page.Lang] = append(docs[f.Page.Lang], buildcache.Doc{Path: f.Path, Doc: c.docs[i]})
		}
		st.Files[k] = e
	}
	return st, docs, nil
}

// sortKey returns the name A–Z lists sort p under and its collation key.
func sortKey(keys *i18n.KeyCache, p *content.Page) (string, []byte) {
	name := render.SortName(p)
	return name, keys.Key(p.Lang, name)
}

// cachedKeys returns a cache of collation keys holding those of the
// titles of the pages the build cache has (buildcache.File.SortKey).
func cachedKeys(s *content.Site, entries map[string]*buildcache.File) *i18n.KeyCache {
	keys := i18n.NewKeyCache()
	for _, p := range s.Pages {
		if e := entries[p.Path]; e != nil && e.SortKey != nil {
			keys.Put(p.Lang, e.SortName, e.SortKey)
		}
	}
	return keys
}

// horizon is the first time at which the clock alone changes the site: a
// page left out as dated in the future is published, a published page
// reaches its expiryDate, an act's status changes, or a project starts or
// ends (zero if none).
func horizon(s *content.Site, opts Options) time.Time {
	var h time.Time
	earlier := func(t time.Time) {
		if !t.IsZero() && (h.IsZero() || t.Before(h)) {
			h = t
		}
	}
	for _, u := range s.Unpublished() {
		if u.Reason == "future" {
			earlier(u.At)
		}
	}
	for _, p := range s.Pages {
		earlier(p.ExpiryDate)
		if p.Act != nil {
			// An act's status changes with the day (render: the act's panel).
			for _, t := range p.Act.StatusChanges() {
				if t.After(opts.Now) {
					earlier(t)
				}
			}
		}
		// A project's status (render.ProjectView) changes as it starts
		// and once it is completed.
		start, completed := render.ProjectTimes(p)
		for _, t := range []time.Time{start, completed} {
			if t.After(opts.Now) {
				earlier(t)
			}
		}
	}
	return h
}

// docHash digests a search document but for its passages, to tell whether
// a language's index must be made again. It is FNV-1a (64 bits) of each
// field's length and bytes, which the build cache keeps (DocHash): a
// change of what it digests or how needs a new cache format.
func docHash(d *search.Doc) uint64 {
	h := newFNV64()
	for _, s := range []string{d.URL, d.Lang, d.Kind, d.Title, d.Shown, d.Summary, d.Body, d.ActType, d.ActNumber} {
		h.str(s)
	}
	h.num(uint64(len(d.Topics)))
	for _, t := range d.Topics {
		h.str(t)
	}
	var date [16]byte
	b, _ := d.Date.AppendBinary(date[:0])
	h.bytes(b)
	if d.Bag.Words != nil {
		// Its words and their counts, whatever table numbers them.
		words := d.Bag.Words.List()
		h.num(uint64(len(d.Bag.IDs)))
		for k, id := range d.Bag.IDs {
			h.str(words[id])
			h.num(uint64(d.Bag.Counts[k]))
		}
	}
	return uint64(h)
}

// passHash digests a search document's passages, which follow from the
// page as rendered (docHash leaves them out); like docHash, FNV-1a.
func passHash(ps []search.Passage) uint64 {
	h := newFNV64()
	h.num(uint64(len(ps)))
	for _, p := range ps {
		for _, s := range []string{p.Anchor, p.Label, p.Bits} {
			h.str(s)
		}
		h.num(uint64(p.Start))
		h.num(uint64(p.End))
	}
	return uint64(h)
}

// fnv64 is FNV-1a of 64 bits (hash/fnv's New64a) as a value: the digests
// hash many short strings, which hash/fnv takes as []byte through an
// interface (a copy of each string on the heap).
type fnv64 uint64

func newFNV64() fnv64 { return 14695981039346656037 }

// bytes adds b.
func (h *fnv64) bytes(b []byte) {
	v := *h
	for _, c := range b {
		v ^= fnv64(c)
		v *= 1099511628211
	}
	*h = v
}

// str adds len(s), as num, then s's bytes.
func (h *fnv64) str(s string) {
	h.num(uint64(len(s)))
	v := *h
	for i := 0; i < len(s); i++ {
		v ^= fnv64(s[i])
		v *= 1099511628211
	}
	*h = v
}

// num adds v's 8 bytes, little-endian.
func (h *fnv64) num(v uint64) {
	x := *h
	for range 8 {
		x ^= fnv64(v & 0xff)
		x *= 1099511628211
		v >>= 8
	}
	*h = x
}
