package hugoimport

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strings"
)

// converter converts one page's body.
type converter struct {
	im    *importer
	p     *page
	body  string
	code  []span
	tags  []shortcode
	edits []edit
}

// line is the line of the Hugo file a byte of the body is on.
func (c *converter) line(pos int) int {
	return c.p.m.bodyLine + strings.Count(c.body[:pos], "\n")
}

func (c *converter) notConverted(pos int, format string, args ...any) {
	c.im.rep.notConverted(c.p.src, c.line(pos), format, args...)
}

// convertBody turns a Hugo page's Markdown into hubgen's: shortcodes,
// links, inline HTML and heading attributes.
func (im *importer) convertBody(p *page) string {
	c := &converter{im: im, p: p, body: p.m.body}
	c.code = codeSpans(c.body)
	tags, inCode := findShortcodes(c.body, c.code)
	c.tags = tags
	for _, sc := range inCode {
		c.edits = append(c.edits, edit{sc.start, sc.end, sc.inner})
	}
	// Links and HTML see neither code nor shortcodes.
	masked := mask(c.body, c.code, ' ')
	var scSpans []span
	for _, sc := range tags {
		scSpans = append(scSpans, span{sc.start, sc.end})
	}
	masked = mask(masked, scSpans, '\x01')
	consumed := c.links(masked)
	c.html(masked)
	c.shortcodes(consumed)
	for _, h := range headings(c.body, c.code) {
		if h.attr.end > h.attr.start {
			c.edits = append(c.edits, edit{h.attr.start, h.attr.end, ""})
		}
	}
	return applyEdits(c.body, c.edits)
}

// linkRE finds the start of a link or image: "[" or "![".
var refDefRE = regexp.MustCompile(`(?m)^ {0,3}\[[^\]]+\]:[ \t]*(<[^>]*>|\S+)`)

// links rewrites the destinations of inline links, images and reference
// definitions; it returns the shortcodes it handled (a ref in a link).
func (c *converter) links(masked string) map[int]bool {
	consumed := map[int]bool{}
	for i := 0; i < len(masked); i++ {
		if masked[i] != '[' || (i > 0 && masked[i-1] == '\\') {
			continue
		}
		close := matchBracket(masked, i)
		if close < 0 || close+1 >= len(masked) || masked[close+1] != '(' {
			continue
		}
		dStart, dEnd, end, ok := destination(masked, close+2)
		if !ok {
			continue
		}
		image := i > 0 && masked[i-1] == '!'
		start := i
		if image {
			start = i - 1
		}
		dest := c.body[dStart:dEnd]
		if strings.Contains(masked[dStart:dEnd], "\x01") {
			// A shortcode as the destination: {{< ref "x" >}}.
			sc := c.tagAt(dStart)
			if sc == nil || (sc.name != "ref" && sc.name != "relref") {
				continue
			}
			consumed[sc.start] = true
			target, problem := c.ref(sc)
			if problem != "" {
				c.notConverted(start, "link %s: %s; written as plain text", sc.raw, problem)
				c.unlink(start, i, close, end)
				continue
			}
			c.edits = append(c.edits, edit{dStart, dEnd, target})
			continue
		}
		newDest, problem := c.resolve(dest)
		if problem != "" {
			c.notConverted(start, "link to %s %s; written as plain text", dest, problem)
			c.unlink(start, i, close, end)
			continue
		}
		if newDest != dest {
			c.edits = append(c.edits, edit{dStart, dEnd, newDest})
		}
	}
	for _, m := range refDefRE.FindAllStringSubmatchIndex(masked, -1) {
		dest := strings.Trim(c.body[m[2]:m[3]], "<>")
		newDest, problem := c.resolve(dest)
		if problem != "" {
			c.notConverted(m[0], "link definition to %s %s; removed", dest, problem)
			c.edits = append(c.edits, edit{m[0], m[1], ""})
			continue
		}
		if newDest != dest {
			c.edits = append(c.edits, edit{m[2], m[3], newDest})
		}
	}
	return consumed
}

// unlink turns a link into its text: the "[" (or "![") and the "](…)"
// go, the text between stays.
func (c *converter) unlink(start, open, close, end int) {
	c.edits = append(c.edits, edit{start, open + 1, ""}, edit{close, end, ""})
}

// tagAt returns the shortcode starting at or after pos within its
// destination.
func (c *converter) tagAt(pos int) *shortcode {
	for i := range c.tags {
		if c.tags[i].start >= pos && c.tags[i].start < pos+4 {
			return &c.tags[i]
		}
		if c.tags[i].start <= pos && pos < c.tags[i].end {
			return &c.tags[i]
		}
	}
	return nil
}

// matchBracket returns the index of the "]" closing the "[" at i, or -1.
func matchBracket(s string, i int) int {
	depth := 0
	for j := i; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				return j
			}
		case '\n':
			if j+1 < len(s) && s[j+1] == '\n' {
				return -1
			}
		}
	}
	return -1
}

// destination reads a link's destination after "(" at i: the
// destination's bounds and the index after the closing ")".
func destination(s string, i int) (start, end, after int, ok bool) {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	start = i
	if i < len(s) && s[i] == '<' {
		j := strings.IndexAny(s[i:], ">\n")
		if j < 0 || s[i+j] != '>' {
			return 0, 0, 0, false
		}
		start, end, i = i+1, i+j, i+j+1
	} else {
		depth := 0
		for i < len(s) && s[i] != ' ' && s[i] != '\t' && s[i] != '\n' {
			if s[i] == '(' {
				depth++
			} else if s[i] == ')' {
				if depth == 0 {
					break
				}
				depth--
			}
			i++
		}
		end = i
	}
	// An optional title, then ")".
	for i < len(s) && s[i] != ')' {
		if s[i] == '"' || s[i] == '\'' {
			q := s[i]
			j := strings.IndexByte(s[i+1:], q)
			if j < 0 {
				return 0, 0, 0, false
			}
			i += j + 2
			continue
		}
		if s[i] == '\n' && i+1 < len(s) && s[i+1] == '\n' {
			return 0, 0, 0, false
		}
		i++
	}
	if i >= len(s) {
		return 0, 0, 0, false
	}
	return start, end, i + 1, true
}

// resolve rewrites a link destination written in the Hugo page: a link to
// a page becomes the relative path of its new file, a fragment hubgen's
// heading id; a static file stays a site path. problem is non-empty when
// the link leads nowhere.
func (c *converter) resolve(dest string) (string, string) {
	if dest == "" {
		return dest, ""
	}
	if u, err := url.Parse(dest); err == nil && (u.Scheme != "" || u.Host != "") || strings.HasPrefix(dest, "//") {
		return dest, ""
	}
	pathPart, frag, _ := strings.Cut(dest, "#")
	pathPart, query, _ := strings.Cut(pathPart, "?")
	if u, err := url.PathUnescape(pathPart); err == nil {
		pathPart = u
	}
	if pathPart == "" {
		id, problem := c.fragment(c.p, frag)
		if problem != "" {
			return "", problem
		}
		return "#" + id, ""
	}
	// A file of the page's own bundle.
	if c.p.kind == bundlePage && !strings.HasPrefix(pathPart, "/") {
		f := path.Join(c.p.bundleDir(), pathPart)
		for _, b := range c.im.scan.bundles[c.p.bundleDir()] {
			if b == f {
				return dest, ""
			}
		}
	}
	// A Markdown file.
	if ext := path.Ext(pathPart); ext == ".md" || ext == ".markdown" {
		var cands []string
		if strings.HasPrefix(pathPart, "/") {
			cands = append(cands, path.Join(c.p.root, pathPart))
		} else {
			cands = append(cands, path.Join(path.Dir(c.p.src), pathPart), path.Join(c.p.root, pathPart))
		}
		for _, cand := range cands {
			if t := c.im.bySrc[cand]; t != nil {
				return c.linkTo(t, frag)
			}
		}
		return "", "(no such page)"
	}
	site := pathPart
	if !strings.HasPrefix(site, "/") {
		base := c.p.hugoURL
		if !strings.HasSuffix(base, "/") {
			base = path.Dir(base) + "/"
		}
		site = path.Join(base, site)
		if strings.HasSuffix(pathPart, "/") || pathPart == "." || pathPart == ".." {
			site += "/"
		}
	} else if bp := c.im.basePath(); bp != "" && strings.HasPrefix(site, bp+"/") {
		site = strings.TrimPrefix(site, bp)
	}
	site = path.Clean(site) + map[bool]string{true: "/"}[strings.HasSuffix(site, "/") && site != "/"]
	if c.im.static[site] {
		if query != "" {
			site += "?" + query
		}
		if frag != "" {
			site += "#" + frag
		}
		return site, ""
	}
	for _, cand := range []string{site, site + "/", strings.TrimSuffix(site, "/") + ".html"} {
		if t := c.im.byURL[cand]; t != nil {
			return c.linkTo(t, frag)
		}
		if list, ok := c.im.lists[cand]; ok {
			return list, ""
		}
	}
	return "", "(no page of the site has that URL)"
}

// basePath is the path of Hugo's baseURL without its last slash.
func (im *importer) basePath() string {
	u, err := url.Parse(im.cfg.baseURL)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(u.Path, "/")
}

// linkTo is the link to page t's new file from the page's, with the
// fragment rewritten to hubgen's heading id.
func (c *converter) linkTo(t *page, frag string) (string, string) {
	if !t.published {
		return "", fmt.Sprintf("(%s is not published: a draft, dated in the future or expired)", t.src)
	}
	rel := relPath(path.Dir(c.p.target), t.target)
	if frag == "" {
		return rel, ""
	}
	id, problem := c.fragment(t, frag)
	if problem != "" {
		return "", problem
	}
	return rel + "#" + id, ""
}

// fragment maps a Hugo heading id of page t to hubgen's.
func (c *converter) fragment(t *page, frag string) (string, string) {
	if t.ids == nil {
		t.ids = headingIDs(headings(t.m.body, codeSpans(t.m.body)))
	}
	if id, ok := t.ids[frag]; ok {
		return id, ""
	}
	return "", fmt.Sprintf("(#%s is no heading of %s)", frag, t.src)
}

// relPath is the relative path from folder dir to file f, both paths from
// one root.
func relPath(dir, f string) string {
	a := strings.Split(dir, "/")
	b := strings.Split(f, "/")
	n := 0
	for n < len(a) && n < len(b)-1 && a[n] == b[n] {
		n++
	}
	parts := make([]string, 0, len(a)-n+len(b)-n)
	for range a[n:] {
		parts = append(parts, "..")
	}
	parts = append(parts, b[n:]...)
	return strings.Join(parts, "/")
}
