// Package markdown turns a page's Markdown into HTML with goldmark: GitHub
// tables, strikethrough, autolinks and footnotes, heading ids from a
// Polish-aware slug, raw HTML off, links written to content files
// rewritten to the target page's URL, phrases in another language marked
// with lang (lang.go), and EU legal acts (an extension: parts with
// addresses, cross-references, units for the parallel view).
package markdown

import (
	"bytes"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"hubgen/generator/content"
	"hubgen/generator/diag"
	"hubgen/generator/i18n"
	"hubgen/generator/linkcheck"
)

// Resolver finds the pages links point at.
type Resolver interface {
	// ResolveFile finds the page a link to a content file points at, as
	// written in page from; problem is non-empty when the link cannot be followed.
	ResolveFile(from *content.Page, target string) (to *content.Page, problem string)
	// ResolveAct finds the published legal act with the given number
	// ("2018/1939"), preferably in lang, or nil.
	ResolveAct(lang, number string) *content.Page
}

// Config configures a Converter.
type Config struct {
	BasePath string // prefix of every site path in links, e.g. "/portal"
	// Strict makes a reference to a missing part of an act an error (check)
	// rather than a warning (build).
	Strict bool
	// AnchorLabel names the anchor link of an act's part for screen readers,
	// e.g. ("pl", "rct", "3") -> "Link do motywu 3".
	AnchorLabel func(lang, kind, num string) string
	// UIText gives a UI string of a language by its key
	// ("act.notes.heading"), for what acts' pages write besides their
	// text: the footnotes' heading and back links. Nil: the key itself.
	UIText func(lang, key string) string
	// ImageSize gives the width and height in pixels of the image at a
	// source file of the site ("content/news/x/photo.png",
	// "static/img/logo.svg"), or false when it cannot tell; images whose
	// size is known get width and height, so that a page does not jump
	// as they load. Nil: no sizes.
	ImageSize func(source string) (width, height int, ok bool)
	// Typography, when set, sets the text of a page's HTML in the
	// conventions of the page's language (package typography): text only,
	// never code, tags or attributes. The page's plain text (search) is
	// not changed.
	Typography func(lang, html string) string
}

// Converter renders Markdown. It is safe for concurrent use.
type Converter struct {
	md goldmark.Markdown // parses, and renders pages
	// noLinkify is md's parser without Linkify, which tries to make a link
	// at every space: for the bodies where it would change nothing
	// (needsLinkify).
	noLinkify parser.Parser
	parallel  renderer.Renderer // renders acts' units for the parallel view
	cfg       Config
	parses    atomic.Int64
	buffers   sync.Pool // *htmlBuffer for rendering and the page's text
}

// Heading is a heading of a page, for tables of contents.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Result is a rendered page body.
type Result struct {
	HTML     string // a string, so that layouts take it without a copy
	Headings []Heading
	Links    []*content.Page // pages this body links to, in order of appearance
	Text     string          // the body as plain text (for search and summaries)
	// Sources are the body's links and images that the build's link
	// check follows (those without a scheme or host: site paths, links to
	// content files, relative paths, fragments), in order of appearance.
	Sources []LinkSource
	// Act is the structure of a page of an act kind (config.Kind.Act),
	// with each unit also rendered for the parallel view; nil otherwise.
	Act *Act
}

// LinkSource is a link or an image of a page's body, for the link check
// to say where a broken one is written.
type LinkSource struct {
	Written string // the destination as the Markdown has it
	// Dest is the destination as the page's HTML has it (URL-escaped, as
	// goldmark writes it): for a link to a content file the page's
	// address, for a site path the same path after the base path.
	Dest      string
	Line, Col int // where the link starts in the content file
}

// New returns a Converter.
func New(cfg Config) *Converter {
	if cfg.AnchorLabel == nil {
		cfg.AnchorLabel = func(_, kind, num string) string { return kind + " " + num }
	}
	if cfg.UIText == nil {
		cfg.UIText = func(_, key string) string { return key }
	}
	return &Converter{
		md:        newGoldmark(cfg, false, true),
		noLinkify: newGoldmark(cfg, false, false).Parser(),
		parallel:  newGoldmark(cfg, true, true).Renderer(),
		cfg:       cfg,
	}
}

// newGoldmark configures goldmark: GitHub tables, strikethrough, autolinks
// (without linkify, none), footnotes, heading ids, legal acts. With
// parallel, its renderer writes acts for the parallel view: the ids and
// fragment links of acts' parts and footnotes carry the prefix "<lang>-".
func newGoldmark(cfg Config, parallel, linkify bool) goldmark.Markdown {
	footnotes := []extension.FootnoteOption{extension.WithFootnoteBacklinkHTML("↩")}
	if parallel {
		footnotes = append(footnotes, extension.WithFootnoteIDPrefixFunction(func(n ast.Node) []byte {
			return []byte(parallelPrefix(n))
		}))
	}
	acts := &legalActs{
		transformer: actTransformer{strict: cfg.Strict, label: cfg.AnchorLabel},
		parallel:    parallel,
		text:        cfg.UIText,
		footnotes:   footnotes,
	}
	exts := []goldmark.Extender{extension.Table, extension.Strikethrough, extension.NewFootnote(footnotes...), acts, langSpans{}}
	if linkify {
		exts = append(exts, extension.Linkify)
	}
	return goldmark.New(
		goldmark.WithExtensions(exts...),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		// Raw HTML stays off (goldmark's default): editors' HTML is dropped.
	)
}

// Convert renders page p from one parse of its body: the page's HTML and,
// for an act, its structure and units for the parallel view. Problems
// (links to missing files, references to missing parts of an act) are
// added to ds with the file's line and column.
func (c *Converter) Convert(p *content.Page, r Resolver, ds *diag.List) Result {
	return c.convert(p, r, ds, c.parser(p))
}

// ConvertText is Convert but for Result.Text: it calls text with the
// body's plain text instead, its white space not collapsed (Result.Text
// has each run of it as one space), for a caller that only splits it into
// words. The bytes are valid only during the call.
func (c *Converter) ConvertText(p *content.Page, r Resolver, ds *diag.List, plainText func([]byte)) Result {
	return c.convertText(p, r, ds, c.parser(p), plainText)
}

// parser returns the parser for p's body: without Linkify when it makes
// no difference (needsLinkify).
func (c *Converter) parser(p *content.Page) parser.Parser {
	if !needsLinkify(p.Body) {
		return c.noLinkify
	}
	return c.md.Parser()
}

// convert is Convert with the given parser.
func (c *Converter) convert(p *content.Page, r Resolver, ds *diag.List, parse parser.Parser) Result {
	var text string
	res := c.convertText(p, r, ds, parse, func(b []byte) { text = string(collapseSpace(b)) })
	res.Text = text
	return res
}

// convertText is ConvertText with the given parser.
func (c *Converter) convertText(p *content.Page, r Resolver, ds *diag.List, parse parser.Parser, plainText func([]byte)) Result {
	src := p.Body
	ctx := parser.NewContext(parser.WithIDs(newIDs()))
	var act *actDoc
	if p.Kind != nil && p.Kind.Act {
		act = &actDoc{page: p, resolver: r, ds: ds}
		ctx.Set(actKey, act)
	}
	doc := parse.Parse(text.NewReader(src), parser.WithContext(ctx))
	c.parses.Add(1)
	dropTitle(doc, p.Title, src)
	var res Result
	if act != nil {
		res.Act = act.act
	}
	plain := c.buffer() // the text of the page, collapsed below
	lines := lineCounter{src: src, line: 1}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if n.Type() == ast.TypeBlock {
				plain.WriteByte('\n')
			}
			return ast.WalkContinue, nil
		}
		dropped(p, n, src, &lines, ds)
		switch t := n.(type) {
		case *ast.Heading:
			id, _ := t.AttributeString("id")
			idb, _ := id.([]byte)
			res.Headings = append(res.Headings, Heading{Level: t.Level, ID: string(idb), Text: nodeText(t, src)})
		case *ast.Link:
			written := t.Destination
			if to := c.rewrite(p, r, t, src, ds); to != nil {
				res.Links = append(res.Links, to)
			}
			res.Sources = c.source(res.Sources, p, n, written, &t.Destination, &lines)
		case *ast.Image:
			c.image(p, t, &lines, ds)
			res.Sources = c.source(res.Sources, p, n, t.Destination, &t.Destination, &lines)
		case *ast.Text:
			plain.Write(t.Segment.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				plain.WriteByte(' ')
			}
		case *ast.String:
			plain.Write(t.Value)
		case *ast.AutoLink:
			plain.Write(t.Label(src))
		}
		return ast.WalkContinue, nil
	})
	res.HTML = c.typeset(p, c.render(c.md.Renderer(), p, doc, ds))
	if res.Act != nil {
		for i := range res.Act.Units {
			u := &res.Act.Units[i]
			u.HTML = c.typeset(p, c.render(c.parallel, p, u.node, ds))
			u.node = nil // the result keeps no part of the tree
		}
	}
	plainText(plain.Bytes())
	c.buffers.Put(plain)
	return res
}

// typeset applies the configured typography of p's language to html, a
// page's body or a part of it (the parallel view's units).
func (c *Converter) typeset(p *content.Page, html string) string {
	if c.cfg.Typography == nil {
		return html
	}
	return c.cfg.Typography(p.Lang, html)
}

// needsLinkify reports whether goldmark's Linkify extension could make a
// difference to src. Linkify, as configured here, makes links only of text
// with "://" (after "http:", "https:" or "ftp:"), "www." or '@' (an e-mail
// address). Where it makes none, its only trace is that goldmark cuts the
// text of a line at every space (it tries a link there), and then trims
// the white space at the end of the line from the last piece only: a line
// ending in two or more white space characters keeps all but the last
// ("a \t \n" gives "a \t"). Two spaces exactly make a hard line break and
// leave nothing to trim, unless the table extension takes the newline
// away: when the line is the last before a table that goldmark finds in a
// setext heading, two lines above the table's delimiter row. The cuts
// also matter after a line that ends in a backslash (before a hard line
// break of two spaces, say): goldmark's parser takes it to escape the
// first character of the next line, while its HTML writer reads escapes
// within one piece of text only. Without any of these, the parse without
// Linkify gives the same output.
func needsLinkify(src []byte) bool {
	if bytes.IndexByte(src, '@') >= 0 || bytes.Contains(src, []byte("://")) || bytes.Contains(src, []byte("www.")) {
		return true
	}
	// The white space goldmark trims: util.IsSpace, less the newline.
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r' }
	hardBreak := -3 // the last line ending in two spaces
	for line, start := 0, 0; ; line++ {
		end := len(src)
		if nl := bytes.IndexByte(src[start:], '\n'); nl >= 0 {
			end = start + nl
		}
		if line == hardBreak+2 && tableDelimiter(src[start:end]) {
			return true
		}
		// The run of white space before the end of the line (or of src).
		i := end
		for i > start && isSpace(src[i-1]) {
			i--
		}
		if i > start && src[i-1] == '\\' {
			return true
		}
		if n := end - i; n >= 3 || n == 2 && (end == len(src) || src[i] != ' ' || src[i+1] != ' ') {
			return true
		} else if n == 2 {
			hardBreak = line
		}
		if end == len(src) {
			return false
		}
		start = end + 1
	}
}

// tableDelimiter reports whether line could be the delimiter row of a
// table ("|---|:--:|"), in a block quote or list item or not: after '>'
// and indentation, only white space, '-', '|' and ':', with a '-'.
func tableDelimiter(line []byte) bool {
	line = bytes.TrimLeft(line, " \t>")
	for _, c := range line {
		switch c {
		case ' ', '\t', '\v', '\f', '\r', '-', '|', ':', '>':
		default:
			return false
		}
	}
	return bytes.IndexByte(line, '-') >= 0
}

// collapseSpace rewrites b in place as its words separated by single
// spaces, as strings.Join(strings.Fields(string(b)), " ") would, and
// returns that part of b. Bytes that are not UTF-8 stay as they are.
// Text that is already words and single spaces is moved at once, not word
// by word.
func collapseSpace(b []byte) []byte {
	w := 0              // b[:w] is done
	from, end := -1, -1 // b[from:end], words and single spaces, goes to b[w:] next
	for i := 0; i < len(b); {
		j := i // the word at i ends at j
		for j < len(b) {
			if wordByte(b[j]) {
				j++
				continue
			}
			r, n := utf8.DecodeRune(b[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += n
		}
		if j > i {
			switch {
			case from < 0:
				from = i
			case i != end+1 || b[end] != ' ':
				// The space before this word is not one ' ': move what
				// comes before it, then write one.
				w += copy(b[w:], b[from:end])
				b[w] = ' '
				w++
				from = i
			}
			end = j
		}
		for i = j; i < len(b) && !wordByte(b[i]); { // the space after it
			r, n := utf8.DecodeRune(b[i:])
			if !unicode.IsSpace(r) {
				break
			}
			i += n
		}
	}
	if from >= 0 {
		w += copy(b[w:], b[from:end])
	}
	return b[:w]
}

// spaceBytes are the ASCII white space bytes below ' ', as a bit set.
const spaceBytes = 1<<'\t' | 1<<'\n' | 1<<'\v' | 1<<'\f' | 1<<'\r'

// wordByte reports whether c is a byte white space (unicode.IsSpace) cannot
// start with: an ASCII byte other than a space, a UTF-8 continuation byte,
// or the first byte of a character that is not white space. The first
// bytes of non-ASCII white space are 0xC2 (U+0085, U+00A0), 0xE1 (U+1680),
// 0xE2 (U+2000 to U+205F) and 0xE3 (U+3000).
func wordByte(c byte) bool {
	if c < utf8.RuneSelf {
		return c > ' ' || c < ' ' && spaceBytes>>c&1 == 0
	}
	return c < 0xC2 || c > 0xE3 || c > 0xC2 && c < 0xE1
}

// Parses reports how many documents c has parsed: one per Convert.
func (c *Converter) Parses() int64 { return c.parses.Load() }

// htmlBuffer is a bytes.Buffer that goldmark's renderer writes into
// directly: it is a util.BufWriter, so that Render does not put a
// bufio.Writer of its own (4 kB, and a copy of everything) in front of it.
type htmlBuffer struct{ bytes.Buffer }

// Buffered implements util.BufWriter: nothing waits to be written.
func (*htmlBuffer) Buffered() int { return 0 }

// Flush implements util.BufWriter.
func (*htmlBuffer) Flush() error { return nil }

var _ util.BufWriter = (*htmlBuffer)(nil)

// buffer returns an empty buffer of c's pool; put it back when done.
func (c *Converter) buffer() *htmlBuffer {
	buf, _ := c.buffers.Get().(*htmlBuffer)
	if buf == nil {
		buf = new(htmlBuffer)
	}
	buf.Reset()
	return buf
}

// render renders a node of p's tree with r, through a buffer of c's pool:
// the result is one allocation of its exact size.
func (c *Converter) render(r renderer.Renderer, p *content.Page, n ast.Node, ds *diag.List) string {
	buf := c.buffer()
	if err := r.Render(buf, p.Body, n); err != nil {
		ds.Errorf(p.Path, p.BodyLine, 1, "rendering Markdown: %v", err)
	}
	out := buf.String()
	c.buffers.Put(buf)
	return out
}

// rewrite turns a link to a content file into the target's URL.
func (c *Converter) rewrite(p *content.Page, r Resolver, l *ast.Link, src []byte, ds *diag.List) *content.Page {
	if !bytes.Contains(l.Destination, []byte(".md")) && bytes.IndexByte(l.Destination, '%') < 0 {
		// The path cannot end in ".md": no need to parse the URL.
		return nil
	}
	filePart, u, ok := content.FileTarget(string(l.Destination))
	if !ok {
		return nil
	}
	to, problem := r.ResolveFile(p, filePart)
	if problem != "" {
		line, col := position(l, src)
		ds.Errorf(p.Path, p.BodyLine+line-1, col, "%s", problem)
		return nil
	}
	target := c.cfg.BasePath + to.URL
	if u.Fragment != "" {
		target += "#" + u.EscapedFragment()
	}
	l.Destination = []byte(target)
	return to
}

// source prefixes a site path's destination (dest, written in the
// Markdown) with the base path, as layouts write site paths, and appends
// the link or image n to sources unless the link check does not follow it
// (a scheme, a host).
func (c *Converter) source(sources []LinkSource, p *content.Page, n ast.Node, written []byte, dest *[]byte, lines *lineCounter) []LinkSource {
	if len(written) == 0 || linkcheck.External(written) {
		return sources
	}
	if written[0] == '/' && c.cfg.BasePath != "" {
		*dest = append([]byte(c.cfg.BasePath), written...)
	}
	src := LinkSource{Written: string(written)}
	if out := util.URLEscape(*dest, true); string(out) == src.Written {
		src.Dest = src.Written
	} else {
		src.Dest = string(out)
	}
	line, col := 1, 1
	if off := linkOffset(n, p.Body); off >= 0 {
		line, col = lines.at(off)
	}
	src.Line, src.Col = p.BodyLine+line-1, col
	return append(sources, src)
}

// lineCounter converts byte offsets of a page's body to lines and
// columns, going on from the last offset asked for when the next is after
// it (links come in order): the offsets of a page's links cost one pass.
type lineCounter struct {
	src         []byte
	off         int // offsets before off are counted
	line, start int // the line at off, and where it starts
}

// at returns the 1-based line and column (in characters) of off.
func (l *lineCounter) at(off int) (line, col int) {
	off = min(off, len(l.src))
	if off < l.off {
		l.off, l.line, l.start = 0, 1, 0
	}
	seg := l.src[l.off:off]
	if n := bytes.Count(seg, []byte{'\n'}); n > 0 {
		l.line += n
		l.start = l.off + bytes.LastIndexByte(seg, '\n') + 1
	}
	l.off = off
	return l.line, utf8.RuneCount(l.src[l.start:off]) + 1
}

// position finds the line and column (within the body) where a link starts.
func position(n ast.Node, src []byte) (int, int) {
	off := linkOffset(n, src)
	if off < 0 {
		return 1, 1
	}
	return diag.LineCol(src, off)
}

// linkOffset finds the offset in src where a link or image starts (its
// '[' or '!'), or of the start of the line it is on, or -1.
func linkOffset(n ast.Node, src []byte) int {
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			off := t.Segment.Start - 1 // the '[' before the text
			if _, image := n.(*ast.Image); image && off > 0 && src[off-1] == '!' {
				off--
			}
			return off
		}
	}
	for b := n.Parent(); b != nil; b = b.Parent() {
		if b.Type() == ast.TypeBlock && b.Lines().Len() > 0 {
			return b.Lines().At(0).Start
		}
	}
	return -1
}

// nodeText returns the plain text of an inline subtree.
func nodeText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch t := c.(type) {
			case *ast.Text:
				b.Write(t.Segment.Value(src))
				if t.SoftLineBreak() {
					b.WriteByte(' ')
				}
			case *ast.String:
				b.Write(t.Value)
			}
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// HeadingIDs gives headings their ids as pages get them: a Polish-aware
// slug ("Współpraca z Łodzią" -> "wspolpraca-z-lodzia"), unique within the
// page. The importer of Hugo sites uses it to rewrite links to headings.
type HeadingIDs struct {
	used map[string]bool
	// next holds, per base, the suffix after the last one given out:
	// every id base-1 … base-(next-1) is taken, so that n headings with
	// one text take linear time, not quadratic.
	next map[string]int
}

// NewHeadingIDs returns the ids of a new page.
func NewHeadingIDs() *HeadingIDs {
	return &HeadingIDs{used: map[string]bool{}, next: map[string]int{}}
}

// Next returns the id of the page's next heading, whose text is text.
func (s *HeadingIDs) Next(text string) string { return s.id(text, true) }

// id is the slug of text, or when that is taken (by an earlier heading,
// an explicit id or a heading whose text is the numbered form, such as
// "x-1") the slug with the smallest free suffix -1, -2, …. A heading's
// slug that starts with a digit gets "h-" before it.
func (s *HeadingIDs) id(text string, heading bool) string {
	base := i18n.Slugify(text)
	if base == "" {
		base = "section"
	}
	if heading && base[0] >= '0' && base[0] <= '9' {
		base = "h-" + base
	}
	id := base
	if s.used[id] {
		i := max(s.next[base], 1)
		for id = base + "-" + strconv.Itoa(i); s.used[id]; id = base + "-" + strconv.Itoa(i) {
			i++
		}
		s.next[base] = i + 1
	}
	s.used[id] = true
	return id
}

// ids is HeadingIDs as goldmark's parser asks for them.
type ids struct{ HeadingIDs }

func newIDs() *ids { return &ids{*NewHeadingIDs()} }

// Generate implements parser.IDs.
func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	return []byte(s.id(string(value), kind == ast.KindHeading))
}

// Put implements parser.IDs.
func (s *ids) Put(value []byte) { s.used[string(value)] = true }

var _ parser.IDs = (*ids)(nil)
