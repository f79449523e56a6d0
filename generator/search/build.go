package search

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"hubgen/generator/config"
)

// Doc is a published page as the index sees it.
type Doc struct {
	URL       string // the page's path with the site's base path, e.g. "/portal/aktualnosci/x/"
	Lang      string
	Kind      string // the page's section (Options.Kinds orders them)
	Title     string
	Shown     string // the title a result shows when not Title: an act's short title
	Summary   string
	Body      string    // the body as plain text
	Bag       Bag       // or the body counted, Body then ""
	Passages  []Passage // the body's addressable parts, in the published page (Passages)
	Topics    []string  // the names of the page's topics in Lang
	Date      time.Time // zero when the page has none
	ActType   string    // legal acts: "Decyzja Rady (WPZiB)"
	ActNumber string    // legal acts: "2023/1187"
}

// year is the year of d's date, 0 for an undated document.
func year(d *Doc) int {
	if d.Date.IsZero() {
		return 0
	}
	return d.Date.Year()
}

// Options tune the layout of the index; a zero field takes its default,
// chosen by measurement (see bench/search).
type Options struct {
	LexiconShardBytes  int // a lexicon shard is closed once its entries pass this many bytes
	PostingsShardBytes int // a postings shard is closed once its lists pass this many bytes
	DocsPerShard       int // documents per document-store shard
	DocsPerPassageFile int // documents per passage-store file
	// ImpactHead is how many postings of a stem's list keep their own
	// impact code; the rest share one (see appendPostings).
	ImpactHead int
	// Kinds are the documents' kinds (sections) in the order document
	// numbers follow; default: the portal's kinds in menu order.
	Kinds []string
	// Stems, by language, are the words the build has analysed already
	// (render, for the passages' filters), so that no word is analysed
	// twice; a language without one gets its own.
	Stems map[string]*Stems
}

// Defaults of Options.
const (
	DefaultLexiconShardBytes  = 4 << 10
	DefaultPostingsShardBytes = 8 << 10
	DefaultDocsPerShard       = 2
	DefaultDocsPerPassageFile = 128
	DefaultImpactHead         = 200
)

func (o Options) withDefaults() Options {
	if o.LexiconShardBytes <= 0 {
		o.LexiconShardBytes = DefaultLexiconShardBytes
	}
	if o.PostingsShardBytes <= 0 {
		o.PostingsShardBytes = DefaultPostingsShardBytes
	}
	if o.DocsPerShard <= 0 {
		o.DocsPerShard = DefaultDocsPerShard
	}
	if o.DocsPerPassageFile <= 0 {
		o.DocsPerPassageFile = DefaultDocsPerPassageFile
	}
	if o.ImpactHead <= 0 {
		o.ImpactHead = DefaultImpactHead
	}
	if len(o.Kinds) == 0 {
		for _, k := range config.DefaultKinds() {
			o.Kinds = append(o.Kinds, k.Section)
		}
	}
	return o
}

// kindRank orders the kinds as Options.Kinds does; document numbers follow
// it, so that a kind is a range of numbers. Unknown kinds come last.
func (o Options) kindRank(kind string) int {
	if i := slices.Index(o.Kinds, kind); i >= 0 {
		return i
	}
	return len(o.Kinds)
}

// Build analyses docs and returns the static index of every language in
// langs (a language without pages gets an empty index) as files keyed by
// slash-separated paths relative to the output directory:
// "search/<lang>/manifest.json" and its shards. The result depends only on
// the input.
func Build(langs []string, docs []Doc, opts Options) (map[string][]byte, error) {
	files, _, err := build(langs, docs, opts, false)
	return files, err
}

// BuildState is Build, and returns also each language's state, from which
// Update makes the next build's index when few documents changed.
func BuildState(langs []string, docs []Doc, opts Options) (files map[string][]byte, states map[string]*State, err error) {
	return build(langs, docs, opts, true)
}

func build(langs []string, docs []Doc, opts Options, withState bool) (map[string][]byte, map[string]*State, error) {
	opts = opts.withDefaults()
	byLang := map[string][]*Doc{}
	for i := range docs {
		byLang[docs[i].Lang] = append(byLang[docs[i].Lang], &docs[i])
	}
	files := map[string][]byte{}
	states := map[string]*State{}
	for _, lang := range langs {
		st, err := opts.stems(lang)
		if err != nil {
			return nil, nil, err
		}
		ld := analyse(sortDocs(byLang[lang], opts), st)
		layout := ld.write(files, lang, opts)
		if withState {
			states[lang] = &State{ld: ld, lang: lang, opts: opts, layout: layout}
		}
	}
	return files, states, nil
}

// stems returns the analysis of lang's words: Options.Stems's, or a new
// one.
func (o Options) stems(lang string) (*Stems, error) {
	if lang == "" || strings.ContainsAny(lang, "/\\.") {
		return nil, fmt.Errorf("search index: bad language code %q", lang)
	}
	if st := o.Stems[lang]; st != nil && st.lang == lang {
		return st, nil
	}
	return NewStems(lang)
}

// write writes the index files of lang, analysed in ld, into all, keyed
// by their paths ("search/<lang>/<name>"): the postings, the
// lexicon, the document store, the facets, and last the manifest, whose
// version is a hash of all the others.
func (ld *langData) write(all map[string][]byte, lang string, opts Options) postingsLayout {
	params := DefaultParams()
	files := map[string][]byte{}
	postings := writePostings(files, ld, params, opts)
	lexicon := writeLexicon(files, ld, params, opts)
	topics := topicNames(ld.docs)
	writeDocs(files, ld, topics, writePassages(files, ld, opts.DocsPerPassageFile), opts)
	writeFacets(files, ld, topics)
	writeRules(files, ld)
	writeManifest(files, manifest{lang: lang, ld: ld, params: params, opts: opts, topics: topics, lexicon: lexicon, postings: postings})
	for name, data := range files {
		all["search/"+lang+"/"+name] = data
	}
	return postings
}

// sortDocs returns docs sorted by kind (in the order of Options.Kinds),
// then date, newest first (undated last), then URL.
func sortDocs(docs []*Doc, opts Options) []*Doc {
	docs = slices.Clone(docs)
	sort.SliceStable(docs, func(i, j int) bool {
		a, b := docs[i], docs[j]
		if ka, kb := opts.kindRank(a.Kind), opts.kindRank(b.Kind); ka != kb || a.Kind != b.Kind {
			if ka != kb {
				return ka < kb
			}
			return a.Kind < b.Kind
		}
		if !a.Date.Equal(b.Date) {
			if a.Date.IsZero() != b.Date.IsZero() {
				return b.Date.IsZero()
			}
			return a.Date.After(b.Date)
		}
		return a.URL < b.URL
	})
	return docs
}
