// Package buildcache keeps what a build learned for the next build into
// the same destination, in a directory of its own (by default beside the
// destination, see DefaultDir): every content file's size, time, front
// matter and conversion problems, the search index's documents, and the
// state the build left the destination in. With it, a build after a change
// to page bodies takes each file's parse from the cache instead of reading
// every file, converts and renders only the pages the change reaches and
// analyses the search index of a language again only when one of its
// documents changed (see package site's incremental build).
//
// The cache only saves work: a build that cannot use it (it is missing,
// damaged, written by another version of hubgen, for other options or
// another destination, or the change is more than bodies) builds in full
// and writes a new one. Nothing in it is published.
package buildcache

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"golang.org/x/sys/unix"

	"hubgen/generator/diag"
	"hubgen/generator/render"
	"hubgen/generator/search"
)

// format is the version of the files' layout: a cache of another version
// is not read.
const format = 10

// stateName and docsPrefix name the cache's files.
const (
	stateName    = "state"
	docsPrefix   = "docs-"
	searchPrefix = "search-"
)

// magic starts every file of the cache.
const magic = "hubgen build cache\n"

// maxDelta is how many bytes of documents State.Delta holds before a
// language's documents are written whole again.
const maxDelta = 4 << 20

// State is what a build leaves for the next one.
type State struct {
	Format int
	// Key digests everything the output depends on besides content files:
	// the program, the options, config.toml, layouts/, i18n/ and static/.
	Key string
	// Dest is the destination's real directory; Manifest (hex SHA-256 of
	// its manifest) and Settled (when the build was done with it) tell the
	// next build that it is as this build left it.
	Dest     string
	Manifest string
	Settled  time.Time
	// Horizon is the first time at which the clock alone changes what is
	// published (the date of the earliest page left out as dated in the
	// future); zero when nothing waits.
	Horizon time.Time
	// ReadAt is when the build started to read content files: a file whose
	// time is not well before it may have changed since without a new time
	// (file times are coarse), so the next build reads it again.
	ReadAt time.Time
	// Dirs are content/ and its directories with their times (Unix
	// nanoseconds), nil when content/ holds a symbolic link: while none
	// has a new time, no file was added, removed or renamed, and the next
	// build need not list content/ again.
	Dirs  []Dir
	Files []File // content files, sorted by path
	// Assets are content/'s other files (page bundles' images and
	// documents), sorted by path, as the build read them: one added,
	// removed or changed makes the next build a full one.
	Assets []Asset
	// Outputs are what the next build's plan needs of every output of
	// this build's (render.Kept), in the plan's order; Site is the
	// digest of what every page shows of the site (render.SiteDigest).
	Outputs []render.Kept
	Site    uint64
	// Docs gives, by language, the token of its documents' file (see
	// Write): a file with another token belongs to another state. Delta
	// holds the documents changed since their file was written, which
	// ReadDocs puts in place of the file's.
	Docs  map[string]string
	Delta []Doc
}

// File is one content file as the build read it.
type File struct {
	Path          string
	Size, ModTime int64  // as the file was read (ModTime in Unix nanoseconds)
	Head          []byte // front matter as written, up to the body
	Teaser        string // the summary the body gives before <!--more-->, when the front matter has none
	SourceHash    uint64
	// The rest is for a published page: its lastmod as built (front
	// matter or git), its conversion's problems, the file names and act
	// numbers its conversion asked for, and its search document's digest.
	Published bool
	Lastmod   time.Time
	Diags     []diag.Diagnostic
	Deps      []string
	DocHash   uint64 // digest of its search document, its passages left out
	PassHash  uint64 // digest of its search document's passages
	// Sig digests what the page's outputs show besides its body: its
	// front matter, URL, lastmod and translations (see package site).
	Sig uint64
	// Links are the content files the body links to, as written
	// (content.BodyLinks): what a page parsed from Head has of its body
	// for the related-content lists of other pages.
	Links []string
	// SortName and SortKey are, for a published page, the name A–Z lists
	// sort it under (render.SortName) and its collation key in the page's
	// language (i18n.KeyCache), which the next build need not compute
	// again.
	SortName string
	SortKey  []byte
	// Parsed is the file's parse as content.ParseHead gives it, in
	// package content's own form (content.AppendParsed), which the next
	// build reads back instead of parsing Head; empty when it could not
	// be kept that way.
	Parsed []byte
}

// Asset is a file of content/ that is not Markdown, its size and time
// (Unix nanoseconds) and a digest of its bytes.
type Asset struct {
	Path          string
	Size, ModTime int64
	Hash          uint64
}

// Dir is a directory and its time.
type Dir struct {
	Path    string
	ModTime int64
}

// Racy reports whether a file with time modTime (Unix nanoseconds) may
// have changed after the build of st read it without its time changing:
// when it is within two seconds of the read (the coarsest file times of
// common file systems are one second).
func (st *State) Racy(modTime int64) bool {
	return modTime >= st.ReadAt.Add(-2*time.Second).UnixNano()
}

// Doc is one published page's search document.
type Doc struct {
	Path string // the content file
	Doc  search.Doc
}

// DefaultDir is the cache directory of a destination: beside it, named
// after it (public -> .public.hubgen-cache).
func DefaultDir(dest string) string {
	dest = filepath.Clean(dest)
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".hubgen-cache")
}

// Read reads the state in dir. A missing, damaged or outdated cache is an
// error: the build then goes on without it. The state's strings and bytes
// share a read-only mapping of the file, which stays mapped for the life
// of the process (a build reads it once): do not change them. (Reading the
// file into the heap took four times as long: a new heap's pages are each
// faulted in, a mapped file's page cache mostly not.)
func Read(dir string) (*State, error) {
	d, err := mapFile(filepath.Join(dir, stateName))
	if err != nil {
		return nil, err
	}
	st := d.state()
	if d.err != nil || len(d.b) != 0 {
		return nil, fmt.Errorf("build cache %s: damaged, or written by another version", dir)
	}
	return st, nil
}

// ReadDocs reads the documents of lang that st's build indexed, the
// changed and added ones of Delta included. Their
// strings share a read-only mapping of the file, which stays mapped for
// the life of the process (a build reads it once). The bags (search.Bag)
// of the file's documents are read only where bags reports true for the
// document's content file (nil: all); the others are left empty.
func ReadDocs(dir string, st *State, lang string, bags func(path string) bool) ([]Doc, error) {
	d, err := mapFile(filepath.Join(dir, docsPrefix+lang))
	if err != nil {
		return nil, err
	}
	d.bags = bags
	token := d.str()
	d.tab = search.WordsOf(d.strs())
	docs := d.docs()
	if d.err != nil || len(d.b) != 0 || token == "" || token != st.Docs[lang] {
		return nil, fmt.Errorf("build cache %s: the documents of %s belong to another build", dir, lang)
	}
	at := make(map[string]int, len(docs))
	for i := range docs {
		at[docs[i].Path] = i
	}
	for _, x := range st.Delta {
		if x.Doc.Lang != lang {
			continue
		}
		if i, ok := at[x.Path]; ok {
			docs[i] = x
		} else {
			at[x.Path] = len(docs) // a page published since the file was written
			docs = append(docs, x)
		}
	}
	return docs, nil
}

// AddDelta puts docs (documents of lang changed since ReadDocs) into the
// state's Delta, in place of earlier versions. It reports false when Delta
// has grown too large: then Write must be given the language's documents.
func (st *State) AddDelta(docs []Doc) bool {
	at := map[string]int{}
	for i, x := range st.Delta {
		at[x.Path] = i
	}
	for _, x := range docs {
		if i, ok := at[x.Path]; ok {
			st.Delta[i] = x
		} else {
			at[x.Path] = len(st.Delta)
			st.Delta = append(st.Delta, x)
		}
	}
	size := 0
	for _, x := range st.Delta {
		size += len(x.Doc.Body) + 8*len(x.Doc.Bag.IDs) + len(x.Doc.Summary) + len(x.Doc.Title)
	}
	return size <= maxDelta
}

// Write stores st in dir, with the documents of the languages in docs
// (those of other languages stay as a previous Write left them: st.Docs
// must then still name their token, and Delta hold their changes). The
// state goes last, so that a build that stops half way leaves documents
// no state names.
func Write(dir string, st *State, docs map[string][]Doc) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("build cache: %w", err)
	}
	st.Format = format
	if st.Docs == nil {
		st.Docs = map[string]string{}
	}
	for _, lang := range sortedKeys(docs) {
		token := fmt.Sprintf("%s-%d", st.Manifest, time.Now().UnixNano())
		err := writeFile(filepath.Join(dir, docsPrefix+lang), func(e *encoder) {
			e.str(token)
			e.tab = newBagTable(docs[lang])
			e.strs(e.tab.list)
			e.uint(uint64(len(docs[lang])))
			for i := range docs[lang] {
				e.doc(&docs[lang][i])
			}
		})
		if err != nil {
			return err
		}
		st.Docs[lang] = token
		kept := st.Delta[:0]
		for _, x := range st.Delta {
			if x.Doc.Lang != lang {
				kept = append(kept, x)
			}
		}
		st.Delta = kept
	}
	return writeFile(filepath.Join(dir, stateName), func(e *encoder) { e.state(st) })
}

// WriteSearchState stores the state of lang's search index
// (search.BuildState, search.Update) in dir, for the index whose manifest
// has digest manifest (output.Digest).
func WriteSearchState(dir, lang, manifest string, state io.WriterTo) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("build cache: %w", err)
	}
	return writeFile(filepath.Join(dir, searchPrefix+lang), func(e *encoder) {
		e.str(manifest)
		state.WriteTo(e.w)
	})
}

// ReadSearchState returns the state of lang's search index stored in dir
// for the index whose manifest has digest manifest, or nil when there is
// none, or none for that index. It is a read-only mapping of the file,
// which stays mapped for the life of the process (reading its 20 MB at
// 10,000 pages into the heap took 0.1 s).
func ReadSearchState(dir, lang, manifest string) []byte {
	d, err := mapFile(filepath.Join(dir, searchPrefix+lang))
	if err != nil || manifest == "" || d.str() != manifest || d.err != nil {
		return nil
	}
	return d.b
}

// Remove deletes the cache's files in dir (and dir when that empties it),
// so that no build takes an outdated state for the destination's.
func Remove(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, e := range entries {
		if n := e.Name(); n == stateName || strings.HasPrefix(n, docsPrefix) || strings.HasPrefix(n, searchPrefix) || strings.HasPrefix(n, ".tmp-") {
			if err := os.Remove(filepath.Join(dir, n)); err != nil {
				return err
			}
		}
	}
	os.Remove(dir) // only when empty
	return nil
}

// readFile reads a file of the cache, past its magic.
func readFile(p string) (*decoder, error) {
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	rest, ok := bytes.CutPrefix(data, []byte(magic))
	if !ok {
		return nil, fmt.Errorf("build cache %s: not a file of the cache", p)
	}
	return &decoder{b: rest}, nil
}

// mapFile maps a file of the cache into memory, past its magic. The cache
// replaces a file by renaming a new one into place, never by writing into
// it: the mapping keeps the bytes it was made with.
func mapFile(p string) (*decoder, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if info.Size() < int64(len(magic)) || info.Size() > 1<<40 {
		return nil, fmt.Errorf("build cache %s: not a file of the cache", p)
	}
	data, err := unix.Mmap(int(f.Fd()), 0, int(info.Size()), unix.PROT_READ, unix.MAP_PRIVATE)
	if err != nil {
		return readFile(p)
	}
	rest, ok := bytes.CutPrefix(data, []byte(magic))
	if !ok {
		unix.Munmap(data)
		return nil, fmt.Errorf("build cache %s: not a file of the cache", p)
	}
	return &decoder{b: rest}, nil
}

// writeFile writes what encode streams to p through a temporary file
// renamed into place.
func writeFile(p string, encode func(*encoder)) error {
	f, err := os.CreateTemp(filepath.Dir(p), ".tmp-")
	if err != nil {
		return fmt.Errorf("build cache: %w", err)
	}
	e := encoder{w: bufio.NewWriterSize(f, 256<<10)}
	e.w.WriteString(magic)
	encode(&e)
	err = e.w.Flush()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), p)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("build cache: writing %s: %w", p, err)
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
