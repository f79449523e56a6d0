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
	Summary   string
	Body      string    // the body as plain text
	Topics    []string  // the names of the page's topics in Lang
	Date      time.Time // zero when the page has none
	ActType   string    // legal acts: "Decyzja Rady (WPZiB)"
	ActNumber string    // legal acts: "2023/1187"
}

// Options tune the layout of the index; a zero field takes its default,
// chosen by measurement (see bench/search).
type Options struct {
	LexiconShardBytes  int // a lexicon shard is closed once its entries pass this many bytes
	PostingsShardBytes int // a postings shard is closed once its lists pass this many bytes
	DocsPerShard       int // documents per document-store shard
	SnippetBytes       int // body text kept per document for result snippets
	// Kinds are the documents' kinds (sections) in the order document
	// numbers follow; default: the portal's kinds in menu order.
	Kinds []string
}

// Defaults of Options.
const (
	DefaultLexiconShardBytes  = 4 << 10
	DefaultPostingsShardBytes = 6 << 10
	DefaultDocsPerShard       = 2
	DefaultSnippetBytes       = 400
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
	if o.SnippetBytes <= 0 {
		o.SnippetBytes = DefaultSnippetBytes
	}
	if len(o.Kinds) == 0 {
		for _, k := range config.DefaultKinds() {
			o.Kinds = append(o.Kinds, k.Section)
		}
	}
	return o
}

// The indexed fields, in the order of posting masks and Params.Weights.
const (
	fieldTitle = iota
	fieldSummary
	fieldBody
	fieldTopics
	fieldAct
	numFields
)

// Params are the ranking parameters a manifest carries; the client and the
// reference ranker both read them from there.
type Params struct {
	K1, B        float64
	Fields       []string
	Weights      []int   // per field, multiplying its term frequency
	MinPrefix    int     // the last query word is also a prefix when at least this long (UTF-16 units)
	Expansions   int     // at most this many stems a prefix expands to
	PrefixFactor float64 // scores of expanded stems are multiplied by this
	FallbackCut  int     // an unknown word is retried without up to this many last characters…
	FallbackMin  int     // …keeping at least this many
}

// DefaultParams are the ranking parameters of every index Build writes.
func DefaultParams() Params {
	return Params{
		K1: 1.2, B: 0.75,
		Fields:    []string{"title", "summary", "body", "topics", "act"},
		Weights:   []int{6, 2, 1, 3, 4},
		MinPrefix: 3, Expansions: 5, PrefixFactor: 0.5,
		FallbackCut: 3, FallbackMin: 4,
	}
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
	opts = opts.withDefaults()
	byLang := map[string][]*Doc{}
	for i := range docs {
		byLang[docs[i].Lang] = append(byLang[docs[i].Lang], &docs[i])
	}
	files := map[string][]byte{}
	for _, lang := range langs {
		if lang == "" || strings.ContainsAny(lang, "/\\.") {
			return nil, fmt.Errorf("search index: bad language code %q", lang)
		}
		a, err := newAnalyzer(lang)
		if err != nil {
			return nil, err
		}
		li := buildLang(lang, byLang[lang], a, opts)
		for name, data := range li {
			files["search/"+lang+"/"+name] = data
		}
	}
	return files, nil
}
func buildLang(lang string, docs []*Doc, a *analyzer, opts Options) map[string][]byte {
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
	return writeLang(lang, analyse(docs, a), opts)
}

// docOrder numbers the documents (given sorted by kind, then year, newest
// first, then date and URL): within a kind and year, shorter bodies first.
// Kinds and years stay ranges of document numbers, and documents of like
// length sit together, so that the length codes in postings come in runs
// that compress well. order[n] is the index in docs of document n.
func docOrder(docs []*Doc, norms [][numFields]uint8) []int {
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, b := order[i], order[j]
		da, db := docs[a], docs[b]
		if da.Kind != db.Kind || year(da) != year(db) {
			return a < b // the given order already sorts by these
		}
		if na, nb := norms[a][fieldBody], norms[b][fieldBody]; na != nb {
			return na < nb
		}
		return a < b
	})
	return order
}

// fieldTexts are the texts of a document's indexed fields.
func fieldTexts(d *Doc) [numFields]string {
	act := strings.TrimSpace(d.ActType + " " + d.ActNumber)
	return [numFields]string{d.Title, d.Summary, d.Body, strings.Join(d.Topics, ". "), act}
}
