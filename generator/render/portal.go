package render

import (
	"time"

	"hubgen/generator/content"
)

// menuSection is the section whose menu entry a page belongs under: a
// content page's (an act's parallel view included) or a list's section,
// the topic index for a topic's pages.
func menuSection(d *Data) string {
	switch {
	case d.Page != nil:
		return d.Page.Section
	case d.Kind == "topic":
		return "topics"
	}
	return d.Kind
}

// ProjectView is what a project's page shows besides its front matter.
type ProjectView struct {
	// Status is the UI string key of the project's status on the day of
	// the build ("project_status.ongoing", ".completed", ".planned"), ""
	// when the build has no day (Input.Now) or the project no dates.
	Status string
	// Coordinator is the coordinator, linked to the organisation's profile
	// in the page's language when one has that title or sortTitle.
	Coordinator Link
}

// ProjectTimes returns when a project starts and from when it is
// completed: the first day of the month after its end, since ends are
// written and shown as months (zero when not set).
func ProjectTimes(p *content.Page) (start, completed time.Time) {
	if p.Project == nil {
		return time.Time{}, time.Time{}
	}
	if e := p.Project.End; !e.IsZero() {
		completed = time.Date(e.Year(), e.Month()+1, 1, 0, 0, 0, 0, e.Location())
	}
	return p.Project.Start, completed
}

// projectView returns a project page's view, nil for other pages.
func (p *env) projectView(pg *content.Page) *ProjectView {
	if pg.Project == nil {
		return nil
	}
	v := &ProjectView{Coordinator: Link{Name: pg.Project.Coordinator}}
	if org := p.orgProfile(pg.Lang, pg.Project.Coordinator); org != nil {
		v.Coordinator.URL = p.base + org.URL
	}
	start, completed := ProjectTimes(pg)
	switch now := p.Now; {
	case now.IsZero() || start.IsZero() && completed.IsZero():
	case !completed.IsZero() && !now.Before(completed):
		v.Status = "project_status.completed"
	case !start.IsZero() && now.Before(start):
		v.Status = "project_status.planned"
	default:
		v.Status = "project_status.ongoing"
	}
	return v
}

// orgProfile finds the organisation profile of lang whose title or
// sortTitle is name, or nil.
func (p *env) orgProfile(lang, name string) *content.Page {
	if name == "" {
		return nil
	}
	if p.orgs == nil {
		p.orgs = map[string]*content.Page{}
		for _, pg := range p.Site.Pages {
			if pg.Organisation == nil {
				continue
			}
			for _, n := range []string{pg.Title, pg.SortTitle} {
				if k := pg.Lang + "/" + n; n != "" && p.orgs[k] == nil {
					p.orgs[k] = pg
				}
			}
		}
	}
	return p.orgs[lang+"/"+name]
}

// footerLinks gives a language's site information the links of the
// footer: the accessibility statement (the standalone page of lang named
// accessibility) and the feeds of every language, lang's first.
func (p *env) footerLinks(si *SiteInfo) {
	for _, pg := range p.Site.Pages {
		if pg.Lang == si.Lang && pg.Name == "accessibility" && !pg.Kind.Listed {
			si.Accessibility = p.base + pg.URL
		}
	}
	feed := func(lang string) Switch {
		return Switch{Lang: lang, Label: p.Bundle.T(lang, "lang.name"), URL: p.base + p.feedPath(lang)}
	}
	si.Feeds = append(si.Feeds, feed(si.Lang))
	for _, l := range p.Config.Languages {
		if l.Code != si.Lang {
			si.Feeds = append(si.Feeds, feed(l.Code))
		}
	}
}
