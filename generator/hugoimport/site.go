package hugoimport

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"hubgen/generator/config"
	"hubgen/generator/i18n"
)

// Site-wide decisions: one spelling per topic, old list URLs redirected,
// Hugo's static files that hubgen writes itself left out.

// canonicalTags chooses one spelling for the tags (and categories) of all
// pages that make one topic URL in hubgen ("ansible" and "Ansible"; Hugo
// merges them into one term too): the most used, then the first in
// sorted order. It returns the spelling of each tag written.
func (im *importer) canonicalTags() map[string]string {
	count := map[string]int{}
	for _, p := range im.pages {
		for _, key := range im.cfg.taxonomies {
			for _, t := range strList(p.m.values[key]) {
				if t = strings.TrimSpace(t); t != "" {
					count[t]++
				}
			}
		}
	}
	tags := make([]string, 0, len(count))
	for t := range count {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	best := map[string]string{} // topic slug -> spelling
	for _, t := range tags {
		slug := i18n.TopicSlug(t)
		if b, ok := best[slug]; !ok || count[t] > count[b] {
			best[slug] = t
		}
	}
	out := map[string]string{}
	for _, t := range tags {
		slug := i18n.TopicSlug(t)
		out[t] = best[slug]
		if slug != "" && best[slug] != t {
			im.rep.decide("content", 0, "tag %q written as %q: one topic (%d and %d pages)", t, best[slug], count[t], count[best[slug]])
		}
	}
	return out
}

// writtenTags returns a page's terms of every taxonomy (tags, categories,
// series, …) as the hubgen page has them, as tags: in their chosen
// spelling, each once; a term without letters or digits (which makes no
// topic URL) is dropped and reported.
func (im *importer) writtenTags(p *page) []string {
	var out []string
	for _, key := range im.cfg.taxonomies {
		for _, t := range strList(p.m.values[key]) {
			t = strings.TrimSpace(t)
			if t == "" {
				continue
			}
			if i18n.TopicSlug(t) == "" {
				im.rep.notConverted(p.src, p.m.line(key), "%s %q dropped: it has no letter or digit to make a topic's URL from", strings.TrimSuffix(key, "s"), t)
				continue
			}
			if s := im.tagSpelling[t]; s != "" {
				t = s
			}
			if !slices.Contains(out, t) {
				out = append(out, t)
			}
		}
	}
	return out
}

// termRedirects maps the old URLs of the taxonomies' pages (the list of
// a taxonomy's terms, each term's page) in the languages of the published
// pages that use them to hubgen's topic pages.
func (im *importer) termRedirects() {
	for _, p := range im.pages {
		if !p.published {
			continue
		}
		topics := im.hub.SectionPath(p.lang, "topics")
		for _, key := range im.cfg.taxonomies {
			terms := strList(p.m.values[key])
			if len(terms) == 0 {
				continue
			}
			base := im.cfg.prefix(p.lang) + "/" + im.cfg.urlize(key) + "/"
			im.lists[base] = topics
			for _, t := range terms {
				t = strings.TrimSpace(t)
				slug := i18n.TopicSlug(im.tagSpelling[t])
				if u := im.cfg.urlize(t); u != "" && slug != "" {
					im.lists[base+u+"/"] = topics + slug + "/"
				}
			}
		}
	}
}

// specialPage tells where a Hugo page that a theme's layout makes into a
// site feature goes in hubgen (its search page, its list of news), or "":
// such a page is not imported, its URL redirects there.
func (im *importer) specialPage(p *page) string {
	switch strings.ToLower(p.m.getStr("layout")) {
	case "search":
		return im.hub.SectionPath(p.lang, "search")
	case "archives", "archive":
		return im.hub.SectionPath(p.lang, "news")
	}
	return ""
}

// generatedFile says what hubgen writes at site path f itself, or "": a
// Hugo static file there is not copied.
func (im *importer) generatedFile(f string) string {
	switch f {
	case "/robots.txt", "/sitemap.xml", "/.hubgen-manifest":
		return "hubgen writes its own " + strings.TrimPrefix(f, "/")
	}
	for _, l := range im.langs {
		switch f {
		case im.hub.Prefix(l) + "/feed.xml":
			return "hubgen writes its own feed there"
		case im.hub.Prefix(l) + "/404.html":
			return "hubgen writes its own 404 page there"
		}
	}
	if rest, ok := strings.CutPrefix(f, "/search/"); ok && strings.Contains(rest, "/") {
		return "hubgen's search index is there"
	}
	if dir, ok := strings.CutSuffix(f, "/index.html"); ok {
		// A page of hubgen's own there (a home page, a list).
		if what := im.taken[dir+"/"]; what != "" && !strings.Contains(what, "static file") {
			return what + " is there"
		}
	}
	return ""
}

// addRedirects redirects the old URLs of Hugo's list pages (sections,
// homes, pages turned into site features) to hubgen's, in config.toml's
// [redirects], where nothing of the new site is: it runs after reserve
// and before addAliases, which then leave those URLs alone.
func (im *importer) addRedirects() {
	im.redirects = map[string]string{}
	olds := make([]string, 0, len(im.lists))
	for u := range im.lists {
		olds = append(olds, u)
	}
	sort.Strings(olds)
	for _, u := range olds {
		to := im.lists[u]
		if u == to {
			continue
		}
		if _, err := config.CleanPath("redirect", u); err != nil {
			im.rep.decide("content", 0, "old list URL %s not redirected to %s: %v", u, to, err)
			continue
		}
		if what := im.generated(u); what != "" {
			im.rep.decide("content", 0, "old list URL %s not redirected to %s: %s", u, to, what)
			continue
		}
		im.redirects[u] = to
		im.taken[u] = fmt.Sprintf("the redirect to %s", to)
		im.rep.decide("config.toml", 0, "old list URL %s redirects to %s ([redirects])", u, to)
	}
}
