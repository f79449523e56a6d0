package render

import (
	"fmt"
	"strings"
)

// checkCollisions is stage 5: it reports two outputs claiming one file: an
// alias on top of a page or of another alias, or two pages.
func (p *env) checkCollisions(outputs []*Output) {
	seen := map[string]*Output{}
	for _, o := range outputs {
		f := o.File()
		prev := seen[f]
		if prev == nil {
			seen[f] = o
			continue
		}
		path, line := "config.toml", 0
		for _, x := range []*Output{o, prev} {
			if _, xp, xl := x.Source(); xp != "config.toml" {
				path, line = xp, xl
				if x.Layout == "redirect" {
					break
				}
			}
		}
		who, _, _ := o.Source()
		prevWho, _, _ := prev.Source()
		fix := ""
		if strings.HasPrefix(o.cluster, "topic:") && strings.HasPrefix(prev.cluster, "topic:") {
			fix = ": give one of them another name under [topics] in config.toml (a topic's URL is made from its name)"
		}
		p.ds.Errorf(path, line, 1, "%s collides with %s: both would be %s%s", who, prevWho, o.Path, fix)
	}
}

// Source tells where an output comes from, for messages: who made it ("an
// alias of content/news/x.pl.md", "content/news/x.pl.md", "the list page")
// and the file and line to point an editor at (config.toml, line 0, for
// pages the site generates by itself).
func (o *Output) Source() (who, path string, line int) {
	switch {
	case o.Layout == "redirect" && o.Data != nil && o.Data.Page != nil:
		return "an alias of " + o.origin, o.Data.Page.Path, o.Data.Page.AliasesLine
	case o.Layout == "redirect":
		return "the redirect from " + o.Path + " of config.toml's [redirects]", "config.toml", 0
	case o.origin != "":
		return o.origin, o.origin, 1
	case strings.HasPrefix(o.cluster, "topic:") && (o.Data != nil || o.kept != nil):
		key := strings.TrimPrefix(o.cluster, "topic:")
		if i := strings.LastIndexByte(key, ':'); i >= 0 { // ":<page number>"
			key = key[:i]
		}
		return fmt.Sprintf("the page of topic %q (%q)", key, o.title()), "config.toml", 0
	case o.Layout != "":
		return "the " + o.Layout + " page", "config.toml", 0
	}
	return "the generated " + o.Path, "config.toml", 0
}
