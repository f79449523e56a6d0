package render

// aliases is part of stage 4: a redirect page at each old URL of a page,
// as content.CleanAlias wrote it (a directory path or an .html file), and
// at each old path of config.toml's [redirects].
func (p *env) aliases() []*Output {
	var out []*Output
	for _, pg := range p.Site.Pages {
		for _, a := range pg.Aliases {
			d := p.newData(pg.Lang, "redirect", pg.Title)
			d.Kind = "redirect"
			d.NoIndex = true
			d.Page = pg
			d.Redirect = p.base + pg.URL
			o := p.newOutput(a, "", pg.Path, d, nil)
			o.Data.Canonical = p.Config.AbsURL(pg.URL)
			out = append(out, o)
		}
	}
	lang := p.Config.DefaultLanguage
	for _, r := range p.Config.Redirects {
		d := p.newData(lang, "redirect", p.base+r.To)
		d.Kind = "redirect"
		d.NoIndex = true
		d.Redirect = p.base + r.To
		o := p.newOutput(r.From, "", "", d, nil)
		o.Data.Canonical = p.Config.AbsURL(r.To)
		out = append(out, o)
	}
	return out
}
