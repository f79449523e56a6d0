package render

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
		p.ds.Errorf(path, line, 1, "%s collides with %s: both would be %s", who, prevWho, o.Path)
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
	case o.origin != "":
		return o.origin, o.origin, 1
	case o.Layout != "":
		return "the " + o.Layout + " page", "config.toml", 0
	}
	return "the generated " + o.Path, "config.toml", 0
}
