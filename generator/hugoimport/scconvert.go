package hugoimport

import (
	"fmt"
	"path"
	"strings"
)

// shortcodes converts the shortcodes of the body (except those consumed
// as link destinations): the built-in ones into Markdown, any other one
// removed (or, with KeepUnknown, kept as inline code) and reported.
func (c *converter) shortcodes(consumed map[int]bool) {
	skipUntil := 0
	for i := range c.tags {
		sc := &c.tags[i]
		if consumed[sc.start] || sc.start < skipUntil {
			continue
		}
		put := func(text string) { c.edits = append(c.edits, edit{sc.start, sc.end, text}) }
		if sc.escaped {
			put(inlineCodeText(sc.inner))
			continue
		}
		if sc.closing {
			if c.im.opts.KeepUnknown && !isBuiltin(sc.name) {
				put(inlineCodeText(sc.raw))
			} else {
				put("")
			}
			continue
		}
		switch sc.name {
		case "highlight":
			closeTag := c.closingTag(i)
			if closeTag == nil {
				c.notConverted(sc.start, "{{< highlight >}} without {{< /highlight >}}: removed")
				put("")
				continue
			}
			inner := strings.Trim(c.body[sc.end:closeTag.start], "\n")
			fence := "```"
			for strings.Contains(inner, fence) {
				fence += "`"
			}
			block := fence + sc.arg("lang", 0) + "\n" + inner + "\n" + fence
			if sc.start > 0 && c.body[sc.start-1] != '\n' {
				block = "\n" + block
			}
			c.edits = append(c.edits, edit{sc.start, closeTag.end, block})
			skipUntil = closeTag.end
		case "ref", "relref":
			target, problem := c.ref(sc)
			if problem != "" {
				c.notConverted(sc.start, "%s: %s; removed", sc.raw, problem)
			}
			put(target)
		case "figure":
			put(c.figure(sc))
		case "youtube":
			id := sc.arg("id", 0)
			put(videoLink(sc.named["title"], "YouTube video "+id, "https://www.youtube.com/watch?v="+id))
		case "vimeo":
			id := sc.arg("id", 0)
			put(videoLink(sc.named["title"], "Vimeo video "+id, "https://vimeo.com/"+id))
		case "gist":
			user, id := sc.arg("user", 0), sc.arg("id", 1)
			put(fmt.Sprintf("[Gist %s/%s](https://gist.github.com/%s/%s)", user, id, user, id))
		case "tweet", "twitter", "x":
			user, id := sc.named["user"], sc.arg("id", 0)
			host := "https://twitter.com/"
			if sc.name == "x" {
				host = "https://x.com/"
			}
			if user == "" {
				put(fmt.Sprintf("[Post %s](%si/status/%s)", id, host, id))
			} else {
				put(fmt.Sprintf("[Post by @%s](%s%s/status/%s)", user, host, user, id))
			}
		case "instagram":
			id := sc.arg("id", 0)
			put(fmt.Sprintf("[Instagram post %s](https://www.instagram.com/p/%s/)", id, id))
		case "param":
			key := sc.arg("name", 0)
			v, ok := c.p.m.get(strings.ToLower(key))
			if !ok {
				v, ok = c.im.cfg.param(c.p.lang, key)
			}
			if !ok {
				c.notConverted(sc.start, "%s: no parameter %q; removed", sc.raw, key)
				put("")
				continue
			}
			put(str(v))
		default:
			if c.im.opts.KeepUnknown {
				c.notConverted(sc.start, "unknown shortcode %s kept as inline code", sc.raw)
				put(inlineCodeText(sc.raw))
				continue
			}
			c.notConverted(sc.start, "unknown shortcode %s removed", sc.raw)
			put("")
		}
	}
}

func isBuiltin(name string) bool {
	switch name {
	case "highlight", "ref", "relref", "figure", "youtube", "vimeo", "gist", "tweet", "twitter", "x", "instagram", "param":
		return true
	}
	return false
}

// closingTag returns the closing tag of the shortcode at index i.
func (c *converter) closingTag(i int) *shortcode {
	for j := i + 1; j < len(c.tags); j++ {
		if c.tags[j].closing && c.tags[j].name == c.tags[i].name {
			return &c.tags[j]
		}
	}
	return nil
}

// inlineCodeText writes s as inline code, with a fence of backticks
// longer than any run in it.
func inlineCodeText(s string) string {
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

func videoLink(title, fallback, u string) string {
	if title == "" {
		title = fallback
	}
	return fmt.Sprintf("[%s](%s)", escapeText(title), u)
}

// escapeText escapes the brackets of link text.
func escapeText(s string) string {
	return strings.NewReplacer("[", `\[`, "]", `\]`).Replace(s)
}

// figure writes Hugo's figure as an image, a link around it when it has
// one, and its caption as a paragraph under it.
func (c *converter) figure(sc *shortcode) string {
	src := sc.arg("src", -1)
	alt := sc.named["alt"]
	caption := sc.named["caption"]
	if alt == "" {
		alt = tagRE.ReplaceAllString(caption, "")
	}
	dest, problem := c.resolve(src)
	if problem != "" {
		c.notConverted(sc.start, "figure %s %s; its caption kept", src, problem)
		return caption
	}
	title := ""
	if t := sc.named["title"]; t != "" {
		title = fmt.Sprintf(" %q", t)
	}
	out := fmt.Sprintf("![%s](%s%s)", escapeText(alt), mdDest(dest), title)
	if link := sc.named["link"]; link != "" {
		if l, problem := c.resolve(link); problem != "" {
			c.notConverted(sc.start, "figure link to %s %s; the image is not linked", link, problem)
		} else {
			out = "[" + out + "](" + mdDest(l) + ")"
		}
	}
	if caption != "" {
		out += "\n\n" + caption
	}
	return out
}

// ref resolves a ref or relref shortcode to the relative path of the
// target's new file (a fragment rewritten to hubgen's heading id).
func (c *converter) ref(sc *shortcode) (string, string) {
	target := sc.arg("path", 0)
	p, frag, _ := strings.Cut(target, "#")
	lang := sc.named["lang"]
	if lang == "" {
		lang = c.p.lang
	}
	if p == "" {
		if frag == "" {
			return "", "no target"
		}
		id, problem := c.fragment(c.p, frag)
		if problem != "" {
			return "", problem
		}
		return "#" + id, ""
	}
	key := strings.TrimSuffix(strings.TrimSuffix(p, path.Ext(p)), "/")
	if ext := path.Ext(p); ext != ".md" && ext != ".markdown" {
		key = strings.TrimSuffix(p, "/")
	}
	key = strings.TrimSuffix(strings.TrimSuffix(key, "/_index"), "/index")
	if i := strings.LastIndexByte(key, '.'); i > strings.LastIndexByte(key, '/') && supported(key[i+1:]) {
		lang, key = key[i+1:], key[:i]
	}
	var found []*page
	match := func(pred func(q *page) bool) {
		if len(found) > 0 {
			return
		}
		for _, q := range c.im.pages {
			if pred(q) {
				found = append(found, q)
			}
		}
	}
	if strings.HasPrefix(key, "/") {
		match(func(q *page) bool { return q.group == strings.TrimPrefix(key, "/") })
	} else {
		dir := path.Dir(c.p.rel)
		match(func(q *page) bool { return q.group == path.Join(dir, key) })
		match(func(q *page) bool { return q.group == key })
		match(func(q *page) bool { return path.Base(q.group) == key })
	}
	if len(found) == 0 {
		return "", "no such page"
	}
	t := found[0]
	for _, q := range found {
		if q.lang == lang {
			t = q
			break
		}
	}
	rel, problem := c.linkTo(t, frag)
	return rel, strings.Trim(problem, "()")
}
