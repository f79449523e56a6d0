package linkcheck

import (
	"cmp"
	"fmt"
	"iter"
	"net/url"
	"path"
	"slices"
	"strings"
)

// Site is a built site to check.
type Site struct {
	// BasePath is the path of the site's base URL: "" or "/portal".
	// Every page of the site is under it.
	BasePath string
	// Pages yields the HTML files of the output whose links to check, by
	// their paths relative to the output's root ("news/x/index.html"), with
	// what Scan (with the table) found in them.
	Pages iter.Seq2[string, Page]
	// Has reports whether the output has a file (a page, a static file, a
	// feed), by its path relative to the output's root.
	Has func(file string) bool
	// Page returns what Scan found in an HTML file of the output, for the
	// links to it with a fragment; ok is false for a file that is not an
	// HTML page (a feed, a static file), whose fragments are not checked.
	// It may scan the file only when asked, with the same table.
	Page func(file string) (p Page, ok bool)
}

// Reason tells why a link is broken.
type Reason int

const (
	// NoFile is a link to no file of the output.
	NoFile Reason = iota
	// Outside is a site path outside the base path: to no page of the site.
	Outside
	// NoFragment is a link to a page that has no element with the link's
	// fragment as its id.
	NoFragment
)

// Broken is a link that leads nowhere.
type Broken struct {
	File   string // the HTML file that has the link, relative to the output's root
	Href   string // the link as the file has it (character references decoded)
	Reason Reason
	// Path is where the link leads: a site path with the base path,
	// percent-decoded ("/portal/news/x/").
	Path string
	// Fragment is the id a NoFragment link asks for. Parts are, when it
	// names a part of a legal act ("art_9", "art_2__par_4"), the page's
	// parts of that kind and level ("art_1" … "art_5"), in their order.
	Fragment string
	Parts    []string
	// Problem says in plain words what is wrong, without the link:
	// "leads to no page or file of the site".
	Problem string
}

// Check follows every link of every page of s and returns those that lead
// nowhere, sorted by file and link. The pages must have been scanned with
// t. Check does not change t.
func (t *Table) Check(s Site) []Broken {
	c := &checker{site: s, table: t}
	c.snapshot()
	var out []Broken
	for f, p := range s.Pages {
		for _, r := range p.links {
			if c.verdicts[r] == good {
				continue
			}
			href := c.str(r)
			if href[0] == '#' && c.ownID(p, r, href) {
				continue // a part of the page itself
			}
			b, ok := c.follow(f, p, href)
			if href[0] == '/' {
				// A site path leads to the same place from every page.
				c.verdicts[r] = bad
				if ok {
					c.verdicts[r] = good
				}
			}
			if !ok {
				b.File, b.Href = f, href
				out = append(out, b)
			}
		}
	}
	slices.SortFunc(out, func(a, b Broken) int {
		return cmp.Or(strings.Compare(a.File, b.File), strings.Compare(a.Href, b.Href))
	})
	return out
}

// refused is what html/template writes in place of a URL it refuses to
// write (a "javascript:" address in a page's data): no link of the site.
const refused = "#ZgotmplZ"

// verdict is what following a site path gave.
type verdict uint8

const (
	unknown verdict = iota
	good
	bad
)

// checker is one run of Check.
type checker struct {
	site  Site
	table *Table
	// strs are the table's strings by shard (a snapshot: Check reads
	// them without locks).
	strs     [1 << shardBits][]string
	verdicts []verdict // by Ref, of site paths
	// ids are, by Ref of a link that is a fragment ("#main"), the Ref of
	// the fragment plus one, or 0 when it is not known yet or is no id.
	ids []Ref
}

// ownID reports whether the link r, a fragment, is the id of an element
// of p.
func (c *checker) ownID(p Page, r Ref, href string) bool {
	id := c.ids[r]
	if id == 0 {
		if ref, ok := c.table.lookup(href[1:]); ok {
			id = ref + 1
			c.ids[r] = id
		}
	}
	return id != 0 && p.hasID(id-1)
}

// snapshot takes the table's strings.
func (c *checker) snapshot() {
	for i := range c.table.shards {
		s := &c.table.shards[i]
		s.mu.RLock()
		c.strs[i] = s.strs
		s.mu.RUnlock()
	}
	c.verdicts = make([]verdict, c.table.size())
	c.ids = make([]Ref, len(c.verdicts))
}

// str is the string of r: from the snapshot, or for a string added since
// (Site.Page may scan a page with the table while Check runs) from the
// table.
func (c *checker) str(r Ref) string {
	if s := c.strs[r&shardMask]; int(r>>shardBits) < len(s) {
		return s[r>>shardBits]
	}
	return c.table.String(r)
}

// follow follows href from the page in file (from), as a browser would;
// ok is false when it leads nowhere, and then b says why.
func (c *checker) follow(file string, from Page, href string) (b Broken, ok bool) {
	rest, frag, _ := strings.Cut(href, "#")
	p, _, _ := strings.Cut(rest, "?")
	target := file
	if written := p; p != "" {
		if p[0] != '/' {
			p = c.site.BasePath + pageDir(file) + p
		}
		if dec, err := url.PathUnescape(p); err == nil {
			p = dec
		}
		p = cleanPath(p)
		rel, inside := c.underBase(p)
		if !inside {
			return Broken{Reason: Outside, Path: p, Problem: fmt.Sprintf("leads outside the site, whose pages are under %s/", c.site.BasePath)}, false
		}
		target = rel
		if rel == "" || strings.HasSuffix(rel, "/") {
			target += "index.html"
		}
		if !c.site.Has(target) {
			// A directory without its slash: servers redirect to it.
			dir := rel + "/index.html"
			if rel == "" || strings.HasSuffix(rel, "/") || !c.site.Has(dir) {
				problem := "leads to no page or file of the site"
				if p != written {
					problem += " (it leads to " + p + ")"
				}
				return Broken{Reason: NoFile, Path: p, Problem: problem}, false
			}
			target = dir
		}
	}
	if frag == "" || frag == "top" || strings.HasPrefix(frag, ":~:") || href == refused {
		return Broken{}, true
	}
	tp, html := from, true
	if target != file {
		tp, html = c.site.Page(target)
	}
	if !html || c.hasID(tp, frag) {
		return Broken{}, true // not a page (a feed, a file): its fragments are not ids
	}
	if dec, err := url.PathUnescape(frag); err == nil {
		frag = dec
	}
	at := c.site.BasePath + "/" + strings.TrimSuffix(target, "index.html")
	b = Broken{Reason: NoFragment, Path: at, Fragment: frag}
	if parent, kind, ok := partOf(frag); ok {
		b.Parts = c.parts(tp, parent, kind)
		b.Problem = fmt.Sprintf("page %s has no part %s", at, frag)
		if len(b.Parts) > 0 {
			b.Problem += " (its parts: " + listParts(b.Parts) + ")"
		}
	} else {
		b.Problem = fmt.Sprintf("page %s has no element with the id %q", at, frag)
	}
	return b, false
}

// hasID reports whether p has an element whose id is frag, as written or
// percent-decoded.
func (c *checker) hasID(p Page, frag string) bool {
	if r, ok := c.table.lookup(frag); ok && p.hasID(r) {
		return true
	}
	if strings.IndexByte(frag, '%') >= 0 {
		if dec, err := url.PathUnescape(frag); err == nil {
			if r, ok := c.table.lookup(dec); ok && p.hasID(r) {
				return true
			}
		}
	}
	return false
}

// underBase returns the site path p (cleaned) relative to the base path,
// without its leading slash, and whether it is under the base path.
func (c *checker) underBase(p string) (string, bool) {
	base := c.site.BasePath
	switch {
	case base == "":
		return p[1:], true
	case p == base:
		return "", true
	case strings.HasPrefix(p, base+"/"):
		return p[len(base)+1:], true
	}
	return "", false
}

// pageDir is the directory of the address the file of a page is served
// at: "/news/x/" for news/x/index.html, "/a/" for a/b.html, "/" for 404.html.
func pageDir(file string) string {
	dir := path.Dir("/" + file)
	if dir != "/" {
		dir += "/"
	}
	return dir
}

// cleanPath resolves the dot segments of a site path as RFC 3986 does: a
// path that ends in a slash, "." or ".." ends in a slash.
func cleanPath(p string) string {
	clean := path.Clean(p)
	if clean != "/" && (strings.HasSuffix(p, "/") || strings.HasSuffix(p, "/.") || strings.HasSuffix(p, "/..")) {
		clean += "/"
	}
	return clean
}

// partKinds are the kinds of the parts of a legal act, as their ids name
// them (see markdown.Act): "art" in "art_2", "par" in "art_2__par_1".
var partKinds = []string{"cit", "rct", "art", "par", "pnt", "anx", "sec", "tit", "fnp", "pbl", "enc"}

// partOf tells whether frag is the id of a part of a legal act, perhaps
// with a language's prefix ("pl-art_2__par_1"), and if so the id of its
// parent with the prefix and the separator ("pl-art_2__") and its kind
// ("par").
func partOf(frag string) (parent, kind string, ok bool) {
	last := frag
	if i := strings.LastIndex(frag, "__"); i >= 0 {
		parent, last = frag[:i+2], frag[i+2:]
	} else if len(frag) > 3 && frag[2] == '-' {
		parent, last = frag[:3], frag[3:]
	}
	kind, _, _ = strings.Cut(last, "_")
	return parent, kind, slices.Contains(partKinds, kind)
}

// parts returns the ids of p that are parts of kind under parent, in
// their natural order ("art_2" before "art_10").
func (c *checker) parts(p Page, parent, kind string) []string {
	var out []string
	for _, r := range p.ids {
		id := c.str(r)
		rest, ok := strings.CutPrefix(id, parent)
		if !ok || strings.Contains(rest, "__") || (parent == "" && len(rest) > 3 && rest[2] == '-') {
			continue
		}
		if k, _, _ := strings.Cut(rest, "_"); k == kind {
			out = append(out, id)
		}
	}
	slices.SortFunc(out, naturalCompare)
	return out
}

// listParts writes parts as "a, b, c", or "first … last" when there are
// more than three.
func listParts(parts []string) string {
	if len(parts) > 3 {
		return parts[0] + " … " + parts[len(parts)-1]
	}
	return strings.Join(parts, ", ")
}

// naturalCompare compares strings with their runs of digits as numbers:
// "art_2" before "art_10".
func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		da, db := digits(a), digits(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if len(na) != len(nb) {
				return len(na) - len(nb)
			}
			if c := strings.Compare(na, nb); c != 0 {
				return c
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return int(a[0]) - int(b[0])
		}
		a, b = a[1:], b[1:]
	}
	return len(a) - len(b)
}

// digits is the length of the run of ASCII digits s starts with.
func digits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}
