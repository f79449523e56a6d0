package hugoimport

import (
	"fmt"
	"regexp"
	"strings"
)

var (
	htmlRE  = regexp.MustCompile(`(?s)<!--.*?-->|<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s[^<>]*|/)?)>`)
	attrsRE = regexp.MustCompile(`([A-Za-z_:][-A-Za-z0-9_:.]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?`)
)

// htmlAttrs reads a tag's attributes.
func htmlAttrs(s string) map[string]string {
	out := map[string]string{}
	for _, m := range attrsRE.FindAllStringSubmatch(strings.TrimSuffix(strings.TrimSpace(s), "/"), -1) {
		v := m[2]
		if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') {
			v = v[1 : len(v)-1]
		}
		out[strings.ToLower(m[1])] = htmlUnescape(v)
	}
	return out
}

func htmlUnescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&quot;", `"`, "&#39;", "'", "&lt;", "<", "&gt;", ">").Replace(s)
}

// html converts the inline HTML hubgen can say in Markdown (br, a, img,
// strong, b, em, i, code); any other tag is removed, its text kept, and
// reported. Comments stay.
func (c *converter) html(masked string) {
	type openA struct {
		start int
		href  string
		ok    bool
	}
	var anchors []openA
	reported := map[string]bool{}
	skipUntil := 0
	for _, m := range htmlRE.FindAllStringSubmatchIndex(masked, -1) {
		start, end := m[0], m[1]
		if start < skipUntil || m[4] < 0 {
			continue // a comment, or inside a removed element
		}
		closing := m[3] > m[2]
		name := strings.ToLower(masked[m[4]:m[5]])
		attrs := htmlAttrs(c.body[m[6]:m[7]])
		put := func(text string) { c.edits = append(c.edits, edit{start, end, text}) }
		switch name {
		case "br":
			if end < len(c.body) && c.body[end] == '\n' {
				put("\\")
			} else {
				put("\\\n")
			}
		case "strong", "b":
			put("**")
		case "em", "i":
			put("*")
		case "code":
			put("`")
		case "a":
			if !closing {
				a := openA{start: start}
				if href, ok := attrs["href"]; ok {
					dest, problem := c.resolve(href)
					if problem != "" {
						c.notConverted(start, "link to %s %s; written as plain text", href, problem)
					} else {
						a.href, a.ok = dest, true
					}
				} else {
					c.notConverted(start, "raw HTML <a> without href is not published: the tags were removed, the text kept")
				}
				anchors = append(anchors, a)
				if a.ok {
					put("[")
				} else {
					put("")
				}
				continue
			}
			if len(anchors) == 0 {
				put("")
				continue
			}
			a := anchors[len(anchors)-1]
			anchors = anchors[:len(anchors)-1]
			if a.ok {
				put("](" + mdDest(a.href) + ")")
			} else {
				put("")
			}
		case "img":
			src, alt := attrs["src"], attrs["alt"]
			dest, problem := c.resolve(src)
			if problem != "" {
				c.notConverted(start, "image %s %s; its alternative text kept", src, problem)
				put(alt)
				continue
			}
			title := ""
			if t := attrs["title"]; t != "" {
				title = fmt.Sprintf(" %q", t)
			}
			put(fmt.Sprintf("![%s](%s%s)", alt, mdDest(dest), title))
		case "script", "style", "iframe", "object", "embed", "video", "audio", "noscript", "template":
			if closing {
				put("")
				continue
			}
			stop := end
			if i := strings.Index(strings.ToLower(masked[end:]), "</"+name); i >= 0 {
				if j := strings.IndexByte(masked[end+i:], '>'); j >= 0 {
					stop = end + i + j + 1
				}
			}
			c.notConverted(start, "raw HTML <%s> is not published: removed with its content", name)
			c.edits = append(c.edits, edit{start, stop, ""})
			skipUntil = stop
		default:
			put("")
			key := fmt.Sprintf("%d %s", c.line(start), name)
			if !closing && !reported[key] {
				reported[key] = true
				c.notConverted(start, "raw HTML <%s> is not published: the tags were removed, the text kept", name)
			}
		}
	}
}

// mdDest writes a link destination so that Markdown reads it whole.
func mdDest(d string) string {
	if strings.ContainsAny(d, " ()<>") {
		return "<" + d + ">"
	}
	return d
}
