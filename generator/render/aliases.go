package render

import "strings"

// aliases is part of stage 4: a redirect page at each old URL of a page.
func (p *env) aliases() []*Output {
	var out []*Output
	for _, pg := range p.Site.Pages {
		for _, a := range pg.Aliases {
			d := p.newData(pg.Lang, "redirect", pg.Title)
			d.Kind = "redirect"
			d.NoIndex = true
			d.Page = pg
			d.Redirect = p.base + pg.URL
			path := a
			if !strings.HasSuffix(path, "/") && !strings.HasSuffix(path, ".html") {
				path += "/"
			}
			o := p.newOutput(path, "", pg.Path, d, nil)
			o.Data.Canonical = p.Config.AbsURL(pg.URL)
			out = append(out, o)
		}
	}
	return out
}
