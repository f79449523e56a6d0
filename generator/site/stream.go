package site

import (
	"context"
	"runtime"
	"unsafe"

	"hubgen/generator/config"
	"hubgen/generator/content"
	"hubgen/generator/diag"
	"hubgen/generator/markdown"
	"hubgen/generator/render"
	"hubgen/generator/search"
	"hubgen/generator/source"
	"hubgen/internal/parallel"
)

// pageBodies converts the pages of a full build so that every page's HTML
// is never held at once, nor on a large site every page's Markdown: acts
// before planning (the plan needs their parts for the parallel view and
// JSON-LD), every other page as its output renders (render.Output.Body),
// its Markdown read again from its file then when the site is over
// Options.KeepMarkdown. What stays of a conversion is
// what comes after rendering needs: the page's problems and dependencies,
// its text's words counted for the search index (search.Bag) and its links
// for the link check (an act's whole result stays until every output is
// rendered: its outputs are planned with it).
type pageBodies struct {
	ctx     context.Context
	tree    *source.Tree
	site    *content.Site
	conv    *markdown.Converter
	index   map[*content.Page]int // by s.Pages
	heads   []int                 // by s.Pages: the length of the file's head, -1 while the body is held
	results []converted           // by s.Pages
	bags    []search.Bag          // by s.Pages: the body's words counted for the index
	errs    []error               // by s.Pages: the file could not be read again
	done    []bool                // by s.Pages
	bagger  *bagger               // counts the pages' text for the index; nil: no index (check)
}

// defaultKeepMarkdown is how many bytes of Markdown a build keeps from
// loading to converting unless Options.KeepMarkdown says otherwise: a site
// with more lets the bodies of its pages that are not acts go and reads
// them again when it converts them. Reading a file again costs about 40 µs
// here (about 0.8 s of CPU for 20,000 pages), holding 150 MB of Markdown
// for 10,000 pairs much less than the HTML it saves; at 100,000 pairs
// (1.4 GB) memory counts more.
const defaultKeepMarkdown = 256 << 20

// newPageBodies prepares the conversion of the pages of s (files are what
// Assemble made s of), counting their text for the search index when
// index; over keep bytes of Markdown (0: the default) it
// lets go of the bodies of the pages that are not acts.
func newPageBodies(ctx context.Context, tree *source.Tree, s *content.Site, files []*content.File, conv *markdown.Converter, keep int, index bool) *pageBodies {
	n := len(s.Pages)
	b := &pageBodies{ctx: ctx, tree: tree, site: s, conv: conv, index: make(map[*content.Page]int, n), heads: make([]int, n), results: make([]converted, n), bags: make([]search.Bag, n), errs: make([]error, n), done: make([]bool, n)}
	size := 0
	for i, p := range s.Pages {
		b.index[p] = i
		b.heads[i] = -1
		size += len(p.Body)
	}
	if index {
		b.bagger = newBagger(s.Config.LanguageCodes())
	}
	if keep <= 0 {
		keep = defaultKeepMarkdown
	}
	if size <= keep {
		return b
	}
	for _, f := range files {
		if i, ok := b.index[f.Page]; ok && !f.Page.Kind.Act && f.Page.Body != nil {
			b.heads[i] = len(f.Head)
			f.Page.Body = nil
		}
	}
	return b
}

// convert converts page i (once) and returns its whole result.
func (b *pageBodies) convert(i int) markdown.Result {
	p := b.site.Pages[i]
	if b.heads[i] >= 0 {
		if err := content.ReadBody(b.tree, p, b.heads[i]); err != nil {
			b.errs[i], b.done[i] = err, true
			return markdown.Result{}
		}
	}
	c := &b.results[i]
	r := &recorder{site: b.site}
	var res markdown.Result
	if b.bagger != nil {
		// The text is only counted for the index, as the conversion
		// makes it (the bag's words are those of Result.Text).
		res = b.conv.ConvertText(p, r, &c.diags, func(text []byte) {
			b.bags[i] = b.bagger.bag(p.Lang, unsafe.String(unsafe.SliceData(text), len(text)))
		})
	} else {
		res = b.conv.Convert(p, r, &c.diags)
	}
	c.deps = r.deps
	p.Body = nil // converted: its file's bytes can go
	c.res = markdown.Result{Sources: res.Sources, Act: res.Act}
	if res.Act != nil {
		c.res = res
	}
	b.done[i] = true
	return res
}

// acts converts the acts, on all cores, and returns their results.
func (b *pageBodies) acts() map[*content.Page]markdown.Result {
	var list []int
	for i, p := range b.site.Pages {
		if p.Kind.Act {
			list = append(list, i)
		}
	}
	parallel.For(len(list), func(k int) {
		if b.ctx.Err() == nil {
			b.convert(list[k])
		}
	})
	out := make(map[*content.Page]markdown.Result, len(list))
	for _, i := range list {
		out[b.site.Pages[i]] = b.results[i].res
	}
	return out
}

// fill gives o its page's body, converting the page: for renderAll.
func (b *pageBodies) fill(o *render.Output) {
	if p := o.Body(); p != nil {
		o.SetBody(b.convert(b.index[p]))
	}
}

// rest converts the pages no output asked for: when the build stops
// before rendering (problems, or `check` without writing), so that every
// page's problems are reported all the same.
func (b *pageBodies) rest() {
	parallel.For(len(b.done), func(i int) {
		if !b.done[i] && b.ctx.Err() == nil {
			b.convert(i)
		}
	})
}

// report adds the pages' problems to ds in the order of the pages, and
// returns the first file that could not be read again.
func (b *pageBodies) report(ds *diag.List) error {
	for i := range b.results {
		ds.Merge(&b.results[i].diags)
	}
	for _, err := range b.errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// docs returns the pages' search documents, in the order of the pages,
// with the passages render found in them.
func (b *pageBodies) docs(cfg *config.Config, passages map[*content.Page][]search.Passage) []search.Doc {
	docs := make([]search.Doc, len(b.site.Pages))
	for i, p := range b.site.Pages {
		docs[i] = search.PageDoc(cfg, p, "")
		docs[i].Bag = b.bags[i]
		docs[i].Passages = passages[p]
	}
	return docs
}

// release lets go of the acts' HTML and text once every output is
// planned, keeping what the link check needs, and empties bodies (what
// acts returned): the outputs hold what they render of them.
func (b *pageBodies) release(bodies map[*content.Page]markdown.Result) {
	for i := range b.results {
		r := &b.results[i].res
		*r = markdown.Result{Sources: r.Sources}
	}
	clear(bodies)
}

// addSources gives the link check the links of the pages converted since
// it was made.
func (b *pageBodies) addSources(lc *linkCheck) {
	for i, p := range b.site.Pages {
		if src := b.results[i].res.Sources; len(src) > 0 {
			lc.sources[p] = src
		}
	}
}

// bagger counts pages' bodies into bags for the search index on any
// goroutine: a table of words per language, shared, and counters
// (search.BagCounter) lent to one goroutine at a time.
type bagger struct {
	words map[string]*search.Words
	free  map[string]chan *search.BagCounter
}

func newBagger(langs []string) *bagger {
	b := &bagger{words: map[string]*search.Words{}, free: map[string]chan *search.BagCounter{}}
	for _, l := range langs {
		b.words[l] = search.NewWords()
		b.free[l] = make(chan *search.BagCounter, 2*runtime.GOMAXPROCS(0))
	}
	return b
}

// bag counts text, the body of a page in lang (one of the languages b was
// made for).
func (b *bagger) bag(lang, text string) search.Bag {
	var c *search.BagCounter
	select {
	case c = <-b.free[lang]:
	default:
		c = b.words[lang].Counter()
	}
	bag := c.Count(text)
	select {
	case b.free[lang] <- c:
	default:
	}
	return bag
}
