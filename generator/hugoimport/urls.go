package hugoimport

import (
	"fmt"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// unicodeSanitize is Hugo's (0.111) path sanitizer: letters, digits,
// marks and . / \ _ # + ~ - @ are kept (and %XX escapes), a run of spaces
// becomes one hyphen unless a hyphen is already there, anything else is
// dropped.
func unicodeSanitize(s string) string {
	source := []rune(s)
	target := make([]rune, 0, len(source))
	var prependHyphen, wasHyphen bool
	for i, r := range source {
		allowed := strings.ContainsRune("./\\_#+~-@", r) || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
		allowed = allowed || (r == '%' && i+2 < len(source) && isHex(source[i+1]) && isHex(source[i+2]))
		switch {
		case allowed:
			wasHyphen = r == '-'
			if prependHyphen {
				if !wasHyphen {
					target = append(target, '-')
				}
				prependHyphen = false
			}
			target = append(target, r)
		case len(target) > 0 && !wasHyphen && unicode.IsSpace(r):
			prependHyphen = true
		}
	}
	return string(target)
}

func isHex(r rune) bool {
	return ('0' <= r && r <= '9') || ('a' <= r && r <= 'f') || ('A' <= r && r <= 'F')
}

// makePath turns a path made of file names, titles or slugs into the path
// Hugo publishes: sanitized, lower case unless disablePathToLower, "+"
// dropped and %XX escapes decoded (Hugo's URL escaping does both).
func (c *hugoConfig) makePath(s string) string {
	s = unicodeSanitize(s)
	if !c.disablePathToLower {
		s = strings.ToLower(s)
	}
	s = strings.ReplaceAll(s, "+", "")
	if u, err := url.PathUnescape(s); err == nil {
		s = u
	}
	return s
}

// urlize is Hugo's urlize of one segment (a title, a slug).
func (c *hugoConfig) urlize(s string) string {
	return c.makePath(strings.ReplaceAll(s, "/", " "))
}

// finish adds the ending Hugo gives a page's path: "/" or, with uglyURLs,
// ".html"; the home page and an empty path are "/".
func (c *hugoConfig) finish(p string) string {
	p = "/" + strings.Trim(p, "/")
	if p == "/" {
		return p
	}
	if c.uglyURLs {
		return p + ".html"
	}
	return p + "/"
}

// pageURL computes the URL Hugo publishes a page at (a path from the
// site's root, decoded): the front matter's url, else the section's
// permalink pattern, else its folder and file name (or slug); with the
// language's prefix.
func (c *hugoConfig) pageURL(p *page) string {
	if u := p.m.getStr("url"); u != "" {
		return normalizeURL(u)
	}
	prefix := c.prefix(p.lang)
	dir, base := p.pathParts()
	if p.kind == branchPage {
		return prefix + c.branchURL(dir)
	}
	if pat, ok := c.permalinks[p.hugoSection()]; ok && p.hugoSection() != "" {
		return prefix + c.expandPermalink(pat, p)
	}
	if s := p.m.getStr("slug"); s != "" {
		base = s
	}
	return prefix + c.finish(c.makePath(path.Join(dir, base)))
}

// branchURL is the URL of a section (or the home page, dir "").
func (c *hugoConfig) branchURL(dir string) string {
	if dir == "" {
		return "/"
	}
	return "/" + c.makePath(dir) + "/"
}

// normalizeURL turns a url from front matter into a path from the site's
// root: a leading slash, and a trailing one unless it names a file.
func normalizeURL(u string) string {
	if !strings.HasPrefix(u, "/") {
		u = "/" + u
	}
	if !strings.HasSuffix(u, "/") && path.Ext(u) == "" {
		u += "/"
	}
	return u
}

// expandPermalink fills in a permalink pattern (":year/:month/:slug/").
func (c *hugoConfig) expandPermalink(pat string, p *page) string {
	var d time.Time
	if p.date != nil {
		d = p.date.t
	}
	dir, base := p.pathParts()
	title := p.m.getStr("title")
	slug := p.m.getStr("slug")
	repl := map[string]string{
		"year":            strconv.Itoa(d.Year()),
		"month":           fmt.Sprintf("%02d", int(d.Month())),
		"monthname":       d.Month().String(),
		"day":             fmt.Sprintf("%02d", d.Day()),
		"weekday":         strconv.Itoa(int(d.Weekday())),
		"weekdayname":     d.Weekday().String(),
		"yearday":         strconv.Itoa(d.YearDay()),
		"section":         p.hugoSection(),
		"sections":        dir,
		"title":           c.urlize(title),
		"filename":        c.urlize(base),
		"contentbasename": c.urlize(base),
	}
	switch {
	case slug != "":
		repl["slug"] = c.urlize(slug)
		repl["slugorfilename"] = repl["slug"]
	default:
		repl["slug"] = c.urlize(title)
		repl["slugorfilename"] = repl["filename"]
	}
	var b strings.Builder
	for i := 0; i < len(pat); i++ {
		if pat[i] != ':' {
			b.WriteByte(pat[i])
			continue
		}
		j := i + 1
		for j < len(pat) && (pat[j] >= 'a' && pat[j] <= 'z') {
			j++
		}
		if v, ok := repl[pat[i+1:j]]; ok {
			b.WriteString(v)
			i = j - 1
			continue
		}
		b.WriteByte(':')
	}
	out := c.makePath(b.String())
	if strings.HasSuffix(pat, "/") && !c.uglyURLs {
		return "/" + strings.Trim(out, "/") + "/"
	}
	return c.finish(out)
}

// resolveAlias turns an alias from front matter into a path from the
// site's root as Hugo does: a relative alias is relative to the folder
// the page's URL is in; a path that names no .html file ends in "/".
func resolveAlias(pageURL, alias string) string {
	if !strings.HasPrefix(alias, "/") {
		base := path.Dir(strings.TrimSuffix(strings.TrimSuffix(pageURL, "/"), ".html"))
		alias = path.Join(base, alias)
	}
	if strings.HasSuffix(alias, ".html") || strings.HasSuffix(alias, ".htm") {
		return path.Clean(alias)
	}
	return strings.TrimSuffix(path.Clean(alias), "/") + "/"
}
