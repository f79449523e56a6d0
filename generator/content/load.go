package content

import (
	"bytes"
	"errors"
	"fmt"
	"hash/crc64"
	"path"
	"regexp"
	"sort"
	"strings"
	"time"

	"hubgen/generator/config"
	"hubgen/generator/diag"
	"hubgen/generator/i18n"
	"hubgen/generator/source"
	"hubgen/internal/parallel"
	"hubgen/internal/suggest"
)

// Options choose which pages a load keeps.
type Options struct {
	Drafts bool      // keep pages with draft: true
	Future bool      // keep pages dated after Now
	Now    time.Time // the moment "future" is measured from
}

// Site is the loaded content: the published pages and how to find them.
type Site struct {
	Config *config.Config
	Pages  []*Page // published pages, sorted by Path
	// files maps "section/name.lang" to every page read, published or not.
	files map[string]*Page
	// excluded holds why a page read is not published ("draft", "future").
	excluded map[*Page]string
	// acts maps "<lang> <number>" to the published act.
	acts map[string]*Page
}

var (
	slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	nameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)
)

const (
	// maxSegment is the longest slug or alias segment: one file name in the
	// output, which file systems cap at 255 bytes.
	maxSegment = 200
	// maxTitleSlug is the longest slug made from a title: a URL a reader can
	// still read and share.
	maxTitleSlug = 80
)

// shorten cuts a slug to at most n bytes at a hyphen, so that a long title
// makes a URL of whole words.
func shorten(slug string, n int) string {
	if len(slug) <= n {
		return slug
	}
	cut := slug[:n+1]
	if i := strings.LastIndexByte(cut, '-'); i > 0 {
		return cut[:i]
	}
	return slug[:n]
}

// Load reads every Markdown file under content/ of the site tree. It returns
// the site even when there are errors, so that all problems are reported
// together. Files the tree refuses (links out of the site, pipes, devices,
// files over the size limit) are errors naming them.
func Load(tree *source.Tree, cfg *config.Config, opts Options) (*Site, *diag.List) {
	ds := &diag.List{}
	paths, problems := ListFiles(tree)
	ds.Merge(problems)
	// Read and parse on all cores; each file reports into its own list and
	// the lists are merged in path order (by Assemble).
	files := make([]*File, len(paths))
	parallel.For(len(paths), func(i int) { files[i] = ParseFile(tree, cfg, paths[i]) })
	s, ads := Assemble(cfg, files, opts)
	ds.Merge(ads)
	return s, ds
}

// LoadFiles is Load without the assembly: every content file read and
// parsed, sorted by path, the other files of content/ (see BundleFiles),
// and the problems of the listing.
func LoadFiles(tree *source.Tree, cfg *config.Config) ([]*File, []string, *diag.List) {
	paths, other, ds := ListContent(tree)
	files := make([]*File, len(paths))
	parallel.For(len(paths), func(i int) { files[i] = ParseFile(tree, cfg, paths[i]) })
	return files, other, ds
}

// ListFiles lists the Markdown files of content/, sorted, and the problems
// with entries the tree refuses.
func ListFiles(tree *source.Tree) ([]string, *diag.List) {
	paths, _, ds := ListContent(tree)
	return paths, ds
}

// ListContent lists content/: its Markdown files and its other files (the
// images and documents of page bundles), each sorted, and the problems
// with entries the tree refuses.
func ListContent(tree *source.Tree) (markdown, other []string, ds *diag.List) {
	ds = &diag.List{}
	files, problems := tree.Files("content")
	for _, e := range problems {
		ds.Errorf(e.Path, 1, 1, "%s", e.Msg)
	}
	for _, f := range files {
		if strings.HasSuffix(f, ".md") {
			markdown = append(markdown, f)
		} else {
			other = append(other, f)
		}
	}
	return markdown, other, ds
}

// File is one content file read and parsed: what a live preview keeps
// between rebuilds so that it parses again only the files that changed.
type File struct {
	Path  string
	Page  *Page     // nil when the file cannot be a page
	Diags diag.List // the file's own problems
	// Size and ModTime (Unix nanoseconds) are the file's when it was read;
	// Head is its front matter as written, up to where the body starts.
	// An incremental build keeps them (package buildcache) to tell an
	// unchanged file and to parse its front matter again (ParseHead)
	// without reading the file.
	Size, ModTime int64
	Head          []byte
	// Teaser is the page's summary taken from its body, the text before
	// <!--more--> (Hugo's summary divider), when the front matter has no
	// summary; "" otherwise.
	Teaser string
}

// ParseFile reads and parses the content file rel (slash path relative to
// the site).
func ParseFile(tree *source.Tree, cfg *config.Config, rel string) *File {
	f := &File{Path: rel}
	src, info, err := tree.ReadFileInfo(rel)
	if err != nil {
		var se *source.Error
		if errors.As(err, &se) {
			f.Diags.Errorf(rel, 1, 1, "%s", se.Msg)
		} else {
			f.Diags.Errorf(rel, 1, 1, "cannot be read: %v", err)
		}
		return f
	}
	f.Size, f.ModTime = info.Size(), info.ModTime().UnixNano()
	f.Page = parsePage(rel, src, cfg, &f.Diags)
	if f.Page != nil {
		// The body is the end of src: one pass gives both checksums.
		head := src[:len(src)-len(f.Page.Body)]
		f.Head = bytes.Clone(head)
		headHash := crc64.Checksum(head, crcTable)
		f.Page.SourceHash = crc64.Update(headHash, crcTable, f.Page.Body)
		if f.Page.Summary == "" {
			f.Teaser = teaser(f.Page.Body, f.Page.Title)
		}
		f.Page.MatterHash = matterHash(headHash, f.Teaser)
		if f.Teaser != "" {
			f.Page.Summary = f.Teaser
		}
	}
	return f
}

// matterHash is Page.MatterHash: the front matter's checksum, and the
// teaser's when the summary comes from the body (lists show it).
func matterHash(headHash uint64, teaser string) uint64 {
	if teaser == "" {
		return headHash
	}
	return crc64.Update(headHash, crcTable, []byte("\x00<!--more-->\x00"+teaser))
}

// ParseHead parses a content file from the head ParseFile kept of it (see
// File.Head), its Teaser and the file's SourceHash: the same page and problems as
// ParseFile, without the body (Page.Body is nil).
func ParseHead(cfg *config.Config, rel string, head []byte, teaser string, sourceHash uint64, size, modTime int64) *File {
	f := &File{Path: rel, Size: size, ModTime: modTime, Head: head, Teaser: teaser}
	f.Page = parsePage(rel, head, cfg, &f.Diags)
	if f.Page != nil {
		f.Page.Body = nil
		f.Page.MatterHash = matterHash(crc64.Checksum(head, crcTable), teaser)
		f.Page.SourceHash = sourceHash
		if teaser != "" {
			f.Page.Summary = teaser
		}
	}
	return f
}

// ReadBody gives p, a page whose file ParseFile parsed with a head of
// headLen bytes and whose Body was let go since, its body again from the
// file. The file must hold the bytes it held (p.SourceHash): otherwise it
// changed during the build, which is an error naming it.
func ReadBody(tree *source.Tree, p *Page, headLen int) error {
	src, err := tree.ReadFile(p.Path)
	if err != nil {
		return err
	}
	if len(src) < headLen || crc64.Checksum(src, crcTable) != p.SourceHash {
		return &source.Error{Path: p.Path, Msg: "changed during the build: build again"}
	}
	p.Body = src[headLen:]
	return nil
}

// crcTable is the CRC-64 table of SourceHash (read-only after init).
var crcTable = crc64.MakeTable(crc64.ECMA)

// Assemble makes the site from parsed files (sorted by path): it reports
// two files claiming one page, leaves out drafts and future pages (unless
// opts keep them), links translations and gives every page its URL. Pages
// of files kept from an earlier Assemble are reused: their translations and
// URL are worked out again.
func Assemble(cfg *config.Config, files []*File, opts Options) (*Site, *diag.List) {
	ds := &diag.List{}
	s := &Site{Config: cfg, files: map[string]*Page{}, excluded: map[*Page]string{}}
	var all []*Page
	for _, f := range files {
		ds.Merge(&f.Diags)
		page := f.Page
		if page == nil {
			continue
		}
		rel := page.Path
		id := page.Section + "/" + page.Name + "." + page.Lang
		if prev := s.files[id]; prev != nil {
			ds.Errorf(rel, 1, 1, "%s and %s are the same page in %s", prev.Path, rel, page.Lang)
			continue
		}
		s.files[id] = page
		all = append(all, page)
	}
	for _, p := range all {
		p.URL, p.Translations = "", nil
		switch {
		case p.Draft && !opts.Drafts:
			s.excluded[p] = "draft"
		case !p.PublishAt().IsZero() && p.PublishAt().After(opts.Now) && !opts.Future:
			s.excluded[p] = "future"
		case !p.ExpiryDate.IsZero() && !p.ExpiryDate.After(opts.Now):
			s.excluded[p] = "expired"
		default:
			s.Pages = append(s.Pages, p)
		}
	}
	s.acts = map[string]*Page{}
	for _, p := range s.Pages {
		if p.Act != nil && p.Act.Number != "" {
			s.acts[p.Lang+" "+p.Act.Number] = p
		}
	}
	s.linkTranslations(ds)
	s.assignURLs(ds)
	return s, ds
}

// parsePage reads one file; it returns nil when the file cannot be a page.
func parsePage(rel string, src []byte, cfg *config.Config, ds *diag.List) *Page {
	parts := strings.Split(rel, "/")
	bundle := ""
	switch {
	case len(parts) == 4 && isBundleIndex(parts[3]):
		// content/<section>/<name>/index.<lang>.md: a page bundle, whose
		// other files are published beside the page.
		bundle = path.Dir(rel)
		parts = []string{parts[0], parts[1], parts[2] + strings.TrimPrefix(parts[3], "index")}
	case len(parts) == 4:
		ds.Errorf(rel, 0, 0, "in a page bundle (a folder content/%s/%s/) the page is index.md or index.<lang>.md; other Markdown files are not pages: move this one to content/%s/", parts[1], parts[2], parts[1])
		return nil
	case len(parts) != 3:
		ds.Errorf(rel, 0, 0, "content files go directly in content/<section>/, or in a page bundle content/<section>/<name>/index.<lang>.md (sections: %s)", strings.Join(cfg.Sections(), ", "))
		return nil
	}
	section, file := parts[1], parts[2]
	kind := cfg.Kind(section)
	if kind == nil {
		ds.Errorf(rel, 0, 0, "unknown section %q (sections: %s)", section, strings.Join(cfg.Sections(), ", "))
		return nil
	}
	base := strings.TrimSuffix(file, ".md")
	lang := cfg.DefaultLanguage
	// A bad file name is reported with every other problem of the file:
	// the file is still read, and only then left out.
	badName := false
	if i := strings.LastIndexByte(base, '.'); i >= 0 {
		lang = base[i+1:]
		base = base[:i]
		if cfg.Language(lang) == nil {
			ds.Errorf(rel, 0, 0, "unknown language %q in the file name: end the name with .%s.md (languages: %s)", lang, cfg.DefaultLanguage, langCodes(cfg))
			lang, badName = cfg.DefaultLanguage, true
		}
	}
	if !nameRE.MatchString(base) {
		ds.Errorf(rel, 0, 0, "file name %q: use lower-case letters a-z, digits and hyphens only, as in %s.%s.md", base, suggestName(base), lang)
		badName = true
	}
	// A byte-order mark, which some Windows editors write, is not text.
	m, err := splitMatter(bytes.TrimPrefix(src, []byte("\ufeff")))
	if err != nil {
		if pe, ok := err.(*posError); ok {
			ds.Errorf(rel, pe.Line, pe.Col, "%s", pe.Msg)
		} else {
			ds.Errorf(rel, 1, 1, "%v", err)
		}
		return nil
	}
	if m.Format == "" {
		ds.Errorf(rel, 1, 1, "no front matter: start the file with a --- line, the keys (at least title), and a closing --- line")
		return nil
	}
	p := &Page{Section: section, Kind: kind, Name: base, Lang: lang, Path: rel, Bundle: bundle, Params: m.Values, Body: m.Body, BodyLine: m.BodyLine}
	f := fields{m: m, path: rel, ds: ds}
	p.Title = f.str("title", true)
	p.Summary = f.str("summary", false)
	p.Slug = f.str("slug", false)
	p.TranslationKey = f.str("translationKey", false)
	p.Source = f.str("source", false)
	p.Date = f.date("date", kind.Dated)
	p.Lastmod = f.date("lastmod", false)
	p.matterLastmod = p.Lastmod
	p.PublishDate = f.date("publishDate", false)
	p.ExpiryDate = f.date("expiryDate", false)
	if u := f.str("url", false); u != "" {
		p.urlLine, p.urlCol = m.keyPos("url")
		clean, err := CleanURL(u)
		if err != nil {
			ds.Errorf(rel, p.urlLine, p.urlCol, "%v", err)
		} else {
			p.FixedURL = clean
		}
	}
	p.Draft = f.boolean("draft")
	p.Tags = f.list("tags")
	p.Aliases = f.list("aliases")
	p.Weight = f.integer("weight")
	p.SortTitle = sortTitle(f, m, p.Title, rel, ds)
	p.Links = BodyLinks(m.Body)
	switch {
	case kind.Act:
		act := f.table("act", true)
		if act != nil {
			p.Act = &Act{
				Type:    f.str("act.type", true),
				Number:  f.str("act.number", true),
				Adopted: f.date("act.adopted", false),
				CELEX:   f.str("act.celex", false),
				ELI:     f.str("act.eli", false),
				OJ:      f.str("act.oj", false),

				ShortTitle:            f.str("act.shortTitle", false),
				Published:             f.date("act.published", false),
				InForce:               f.date("act.inForce", false),
				ValidUntil:            f.date("act.validUntil", false),
				UnofficialTranslation: f.boolean("act.unofficialTranslation"),
			}
			checkAct(p.Act, act, f, m, rel, ds)
		}
	case kind.Schema == "Project":
		p.Project = &Project{
			Coordinator: f.str("coordinator", false),
			Partners:    f.partners("partners"),
			Start:       f.date("start", false),
			End:         f.date("end", false),
			Funding:     f.str("funding", false),
			Website:     f.str("website", false),
		}
	case kind.Schema == "Organization":
		p.Organisation = &Organisation{
			Founders: f.list("founders"),
			Website:  f.str("website", false),
			Areas:    f.list("areas"),
			Location: f.str("location", false),
		}
	}
	for _, k := range sortedKeys(m.Values) {
		if !kind.HasKey(k) {
			l, c := m.keyPos(k)
			if near, ok := suggest.Closest(k, append(config.CommonKeys(), kind.Keys...)); ok {
				ds.Warnf(diag.KindUnknownKey, rel, l, c, "unknown front matter key %q: did you mean %q? (as written it is kept for layouts as .Params, and the page has no %s)", k, near, near)
			} else {
				ds.Warnf(diag.KindUnknownKey, rel, l, c, "unknown front matter key %q: no layout uses it (kept, reachable from layouts as .Params); keys of %s pages: %s", k, section, strings.Join(append(config.CommonKeys(), kind.Keys...), ", "))
			}
		}
	}
	for _, t := range p.Tags {
		if cfg.Topic(t) == nil {
			l, c := m.keyPos("tags")
			unknownTag(cfg, rel, l, c, t, ds)
		}
	}
	for i, a := range p.Aliases {
		clean, err := CleanAlias(a)
		if err != nil {
			l, c := m.keyPos("aliases")
			ds.Errorf(rel, l, c, "%v", err)
		}
		p.Aliases[i] = clean
	}
	if p.Slug != "" && !slugRE.MatchString(p.Slug) {
		l, c := m.keyPos("slug")
		ds.Errorf(rel, l, c, "slug %q: use lower-case letters a-z, digits and single hyphens (no /, .. or spaces)", p.Slug)
		p.Slug = ""
	}
	if len(p.Slug) > maxSegment {
		l, c := m.keyPos("slug")
		ds.Errorf(rel, l, c, "slug is %d characters long: keep it under %d", len(p.Slug), maxSegment)
		p.Slug = ""
	}
	if p.Slug == "" {
		p.Slug = shorten(i18n.Slugify(p.Title), maxTitleSlug)
	}
	if p.Slug == "" && p.Title != "" {
		l, c := m.keyPos("title")
		ds.Errorf(rel, l, c, "cannot make a URL slug from title %q: add a slug", p.Title)
	}
	if len(p.Aliases) > 0 {
		p.AliasesLine, _ = m.keyPos("aliases")
	}
	p.slugLine, p.slugCol = m.keyPos("slug")
	if _, ok := m.Values["slug"]; !ok {
		p.slugLine, p.slugCol = m.keyPos("title")
	}
	p.draftLine, _ = m.keyPos("draft")
	p.dateLine, _ = m.keyPos("date")
	p.publishLine, _ = m.keyPos("publishDate")
	p.expiryLine, _ = m.keyPos("expiryDate")
	if !p.ExpiryDate.IsZero() && !p.PublishAt().IsZero() && !p.ExpiryDate.After(p.PublishAt()) {
		ds.Errorf(rel, p.expiryLine, 1, "expiryDate %s is not after the page is published (%s): the page would never be seen", p.ExpiryDate.Format(time.RFC3339), p.PublishAt().Format(time.RFC3339))
	}
	if badName {
		return nil
	}
	return p
}

// isBundleIndex tells whether a file name is a page bundle's page:
// index.md or index.<lang>.md.
func isBundleIndex(name string) bool {
	rest, ok := strings.CutPrefix(name, "index.")
	return ok && (rest == "md" || (strings.HasSuffix(rest, ".md") && !strings.Contains(strings.TrimSuffix(rest, ".md"), ".")))
}

// unknownTag warns about a tag that is not among the topics of config.toml:
// it builds as a topic of its own (see Site.NewTopics), and a tag that
// makes no URL is an error.
func unknownTag(cfg *config.Config, rel string, line, col int, tag string, ds *diag.List) {
	if i18n.TopicSlug(tag) == "" {
		ds.Errorf(rel, line, col, "tag %q has no letters or digits to make a topic's URL from: use a topic of config.toml's [topics]", tag)
		return
	}
	keys := make([]string, len(cfg.Topics))
	for i, t := range cfg.Topics {
		keys[i] = t.Key
	}
	if near, ok := suggest.Closest(tag, keys); ok {
		ds.Warnf(diag.KindUnknownTag, rel, line, col, "tag %q is not a topic in config.toml: it builds as a topic of its own named %q; did you mean %q?", tag, tag, near)
		return
	}
	ds.Warnf(diag.KindUnknownTag, rel, line, col, "tag %q is not a topic in config.toml: it builds as a topic of its own named %q (hubgen check prints the [topics] entry to add, to name it in every language)", tag, tag)
}

// NewTopics returns the topics of the published pages' tags that are not
// among config.toml's [topics], sorted by key: each is named with its
// tag's text in every language.
func (s *Site) NewTopics() []config.Topic {
	seen := map[string]bool{}
	var out []config.Topic
	for _, p := range s.Pages {
		for _, t := range p.Tags {
			if seen[t] || s.Config.Topic(t) != nil || i18n.TopicSlug(t) == "" {
				continue
			}
			seen[t] = true
			names := map[string]string{}
			for _, l := range s.Config.Languages {
				names[l.Code] = t
			}
			out = append(out, config.Topic{Key: t, Names: names})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// suggestName turns a file name an editor chose into one the engine takes:
// Polish letters folded, lower case, runs of other characters as hyphens.
func suggestName(base string) string {
	if s := i18n.Slugify(base); s != "" {
		return s
	}
	return "name"
}

func langCodes(cfg *config.Config) string {
	var cs []string
	for _, l := range cfg.Languages {
		cs = append(cs, l.Code)
	}
	return strings.Join(cs, ", ")
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// linkTranslations groups published pages that share section and name, or a
// translationKey, and links each to its versions in the other languages.
func (s *Site) linkTranslations(ds *diag.List) {
	parent := map[*Page]*Page{}
	var find func(p *Page) *Page
	find = func(p *Page) *Page {
		if parent[p] == nil || parent[p] == p {
			return p
		}
		r := find(parent[p])
		parent[p] = r
		return r
	}
	union := func(a, b *Page) { parent[find(a)] = find(b) }
	byName, byKey := map[string]*Page{}, map[string]*Page{}
	for _, p := range s.Pages {
		n := p.Section + "/" + p.Name
		if q := byName[n]; q != nil {
			union(p, q)
		} else {
			byName[n] = p
		}
		if p.TranslationKey != "" {
			if q := byKey[p.TranslationKey]; q != nil {
				union(p, q)
			} else {
				byKey[p.TranslationKey] = p
			}
		}
	}
	groups := map[*Page][]*Page{}
	for _, p := range s.Pages {
		r := find(p)
		groups[r] = append(groups[r], p)
	}
	for _, p := range s.Pages {
		g := groups[find(p)]
		p.Translations = map[string]*Page{}
		for _, q := range g {
			if q == p {
				continue
			}
			if q.Lang == p.Lang {
				if q.Path > p.Path {
					ds.Errorf(q.Path, 1, 1, "%s and %s both claim to be the %s version of one page (same name or translationKey)", p.Path, q.Path, p.Lang)
				}
				continue
			}
			p.Translations[q.Lang] = q
		}
	}
}

// assignURLs gives every page its URL and reports two pages claiming one.
func (s *Site) assignURLs(ds *diag.List) {
	claimed := map[string]*Page{}
	for _, p := range s.Pages {
		if p.Slug == "" {
			continue
		}
		switch {
		case p.FixedURL != "":
			p.URL = p.FixedURL
		case !p.Kind.Listed:
			p.URL = s.Config.Prefix(p.Lang) + "/" + p.Slug + "/"
		default:
			p.URL = s.Config.SectionPath(p.Lang, p.Section) + p.Slug + "/"
		}
		if q := claimed[p.URL]; q != nil {
			line, col, fix := p.slugLine, p.slugCol, "give one of them another slug"
			if p.FixedURL != "" {
				line, col, fix = p.urlLine, p.urlCol, "give one of them another url"
			}
			ds.Errorf(p.Path, line, col, "URL %s is already taken by %s: %s", p.URL, q.Path, fix)
			continue
		}
		claimed[p.URL] = p
	}
}

// Unpublished is a page the build read and left out, and why.
type Unpublished struct {
	Page   *Page
	Reason string    // "draft", "future" or "expired"
	Line   int       // the line of the file that makes it so (draft, date, publishDate or expiryDate)
	At     time.Time // for "future" the moment it is published, for "expired" the moment it was withdrawn
}

// Message says in plain words why the page is left out and how to publish
// it.
func (u Unpublished) Message() string {
	switch u.Reason {
	case "draft":
		return "not published: it is a draft (remove the line draft: true to publish it; build --drafts or serve --drafts shows it)"
	case "expired":
		return fmt.Sprintf("not published: it expired on %s (expiryDate; remove or change it to publish the page again)", u.At.Format("2006-01-02"))
	}
	if !u.Page.PublishDate.IsZero() {
		return fmt.Sprintf("not published until %s, its publishDate (build --future or serve --future shows it now)", u.At.Format("2006-01-02"))
	}
	return fmt.Sprintf("not published until %s, its date (build --future or serve --future shows it now)", u.At.Format("2006-01-02"))
}

// Unpublished lists the pages read but not published (drafts, pages dated
// in the future), sorted by path.
func (s *Site) Unpublished() []Unpublished {
	var out []Unpublished
	for p, why := range s.excluded {
		u := Unpublished{Page: p, Reason: why, Line: p.dateLine, At: p.PublishAt()}
		switch {
		case why == "draft":
			u.Line = p.draftLine
		case why == "expired":
			u.Line, u.At = p.expiryLine, p.ExpiryDate
		case !p.PublishDate.IsZero():
			u.Line = p.publishLine
		}
		out = append(out, u)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Page.Path < out[j].Page.Path })
	return out
}

// Missing lists, for each published page, the languages it has no version in.
func (s *Site) Missing() map[*Page][]string {
	out := map[*Page][]string{}
	for _, p := range s.Pages {
		for _, l := range s.Config.Languages {
			if l.Code != p.Lang && p.Translations[l.Code] == nil {
				out[p] = append(out[p], l.Code)
			}
		}
	}
	return out
}

// ResolveFile finds the page a Markdown link to a file points at, as written
// in page from (e.g. "../organisations/europol.md"). Without a language
// suffix the link means the version in from's language, or else the default
// language's. It returns a non-empty problem when the link cannot be followed.
func (s *Site) ResolveFile(from *Page, target string) (*Page, string) {
	p := path.Clean(path.Join(path.Dir(from.Path), target))
	parts := strings.Split(p, "/")
	if len(parts) == 4 && isBundleIndex(parts[3]) {
		parts = []string{parts[0], parts[1], parts[2] + strings.TrimPrefix(parts[3], "index")}
	}
	if len(parts) != 3 || parts[0] != "content" || !strings.HasSuffix(p, ".md") {
		return nil, fmt.Sprintf("link to %s: not a content file (content/<section>/<name>.md or content/<section>/<name>/index.md)", target)
	}
	section, base := parts[1], strings.TrimSuffix(parts[2], ".md")
	lang := ""
	if i := strings.LastIndexByte(base, '.'); i >= 0 {
		lang, base = base[i+1:], base[:i]
	}
	if lang != "" {
		q := s.files[section+"/"+base+"."+lang]
		if q == nil {
			return nil, fmt.Sprintf("link to missing file %s", target)
		}
		return s.published(q, target)
	}
	if q := s.files[section+"/"+base+"."+from.Lang]; q != nil {
		if why := s.excluded[q]; why == "" {
			return q, ""
		}
	}
	var any *Page
	for _, l := range s.Config.Languages {
		if q := s.files[section+"/"+base+"."+l.Code]; q != nil {
			if s.excluded[q] == "" {
				if t := q.Translation(from.Lang); t != nil {
					return t, ""
				}
				return q, ""
			}
			any = q
		}
	}
	if any == nil {
		return nil, fmt.Sprintf("link to missing file %s", target)
	}
	return s.published(any, target)
}

func (s *Site) published(q *Page, target string) (*Page, string) {
	if why := s.excluded[q]; why != "" {
		return nil, fmt.Sprintf("link to %s, which is not published (%s)", target, why)
	}
	return q, ""
}

// ResolveAct finds the published legal act with the given number, in lang
// when it has that version, or nil.
func (s *Site) ResolveAct(lang, number string) *Page {
	if p := s.acts[lang+" "+number]; p != nil {
		return p
	}
	for _, l := range s.Config.Languages {
		if p := s.acts[l.Code+" "+number]; p != nil {
			return p
		}
	}
	return nil
}

// CleanURL checks a page's url from front matter, a path from the site's
// root like an alias ("/o-nas/", "/2019/05/post.html"), and returns it in
// the form CleanAlias gives.
func CleanURL(u string) (string, error) { return config.CleanPath("url", u) }

// CleanAlias checks an old URL listed in aliases and returns it in the one
// form every collision check compares (see config.CleanPath).
func CleanAlias(a string) (string, error) { return config.CleanPath("alias", a) }
