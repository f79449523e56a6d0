package render

// link is stage 2: it fills in the hreflang alternates, x-default and the
// language switcher of outputs from their clusters. It reads the outputs'
// cluster, fallback, Lang, URL and Canonical, and writes Alternates,
// XDefault, Switch and NoTranslation.
func (p *env) link(outputs []*Output) {
	clusters := map[string]map[string]*Output{}
	for _, o := range outputs {
		if o.cluster == "" {
			continue
		}
		if clusters[o.cluster] == nil {
			clusters[o.cluster] = map[string]*Output{}
		}
		clusters[o.cluster][o.Data.Lang] = o
	}
	for _, o := range outputs {
		if o.cluster == "" {
			continue
		}
		members := clusters[o.cluster]
		d := o.Data
		for _, l := range p.Config.Languages {
			m := members[l.Code]
			if m != nil && m.Data.Canonical != "" {
				d.Alternates = append(d.Alternates, Alternate{Lang: l.Code, Href: m.Data.Canonical})
			}
			if l.Code == d.Lang {
				continue
			}
			sw := Switch{Lang: l.Code, Label: p.Bundle.T(l.Code, "lang.name")}
			switch {
			case m != nil:
				sw.URL = m.Data.URL
			case o.fallback != nil:
				sw.URL, sw.Missing = p.base+o.fallback[l.Code], true
				sw.Note, sw.Goto = p.Bundle.T(l.Code, "missing.note"), p.Bundle.T(l.Code, "missing.goto")
			default:
				sw.URL, sw.Missing = p.base+p.Config.HomePath(l.Code), true
			}
			d.Switch = append(d.Switch, sw)
			if sw.Missing && d.Page != nil {
				d.NoTranslation = append(d.NoTranslation, sw)
			}
		}
		if m := members[p.Config.DefaultLanguage]; m != nil {
			d.XDefault = m.Data.Canonical
		} else if len(d.Alternates) > 0 {
			d.XDefault = d.Alternates[0].Href
		}
	}
}
