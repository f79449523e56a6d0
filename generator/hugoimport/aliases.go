package hugoimport

import (
	"fmt"
	"sort"
	"strings"

	"hubgen/generator/config"
)

// reserve lists the URLs the hubgen site will have: its pages, list
// pages, topics, search, feeds, static files and bundles' files.
func (im *importer) reserve() {
	im.taken = map[string]string{}
	for _, l := range im.langs {
		lang := im.hub.Language(l)
		im.taken[im.hub.HomePath(l)] = "the home page"
		for _, s := range []string{"news", "decisions", "organisations", "projects"} {
			list := im.hub.SectionPath(l, s)
			im.taken[list] = "hubgen's list of " + s
			im.under = append(im.under, list+lang.Segments["page"]+"/")
		}
		im.taken[im.hub.SectionPath(l, "topics")] = "hubgen's topics"
		im.under = append(im.under, im.hub.SectionPath(l, "topics"))
		im.taken[im.hub.SectionPath(l, "search")] = "hubgen's search page"
		im.taken[im.hub.Prefix(l)+"/feed.xml"] = "hubgen's feed"
		im.taken[im.hub.Prefix(l)+"/404.html"] = "hubgen's 404 page"
	}
	im.under = append(im.under, "/search/", "/__hubgen/")
	for _, f := range []string{"/sitemap.xml", "/robots.txt", "/.hubgen-manifest"} {
		im.taken[f] = "hubgen's " + strings.TrimPrefix(f, "/")
	}
	for f := range im.theme {
		im.taken[f] = "hubgen's static file"
	}
	for f := range im.static {
		if _, ok := im.taken[f]; !ok {
			im.taken[f] = "a static file"
		}
	}
	for _, p := range im.pages {
		im.taken[p.hubURL] = "the page " + p.target
		for _, f := range im.scan.bundles[p.bundleDir()] {
			im.taken[p.hubURL+strings.TrimPrefix(f, p.bundleDir()+"/")] = "a file of " + p.target
		}
	}
}

// generated says what of hubgen's own takes URL u (a cleaned path), or "".
func (im *importer) generated(u string) string {
	if im.taken == nil {
		// Before reserve: only what hubgen itself makes counts.
		for _, l := range im.langs {
			for _, s := range []string{"news", "decisions", "organisations", "projects", "topics", "search"} {
				if im.hub.SectionPath(l, s) == u || (s == "topics" && strings.HasPrefix(u, im.hub.SectionPath(l, s))) {
					return "hubgen's " + s + " page has it"
				}
			}
			if im.hub.HomePath(l) == u {
				return "hubgen's home page has it"
			}
		}
		if strings.HasPrefix(u, "/search/") {
			return "hubgen's search index is there"
		}
		return ""
	}
	if what, ok := im.taken[u]; ok {
		return what + " has it"
	}
	for _, prefix := range im.under {
		if strings.HasPrefix(u, prefix) {
			return "hubgen writes under " + prefix
		}
	}
	return ""
}

// addAliases gives every page its Hugo aliases and, when hubgen's URL for
// it differs from Hugo's, its Hugo URL as an alias.
func (im *importer) addAliases() {
	claimed := map[string]*page{}
	for _, p := range im.pages {
		type cand struct {
			alias, written string
			line           int
		}
		var cands []cand
		for _, a := range strList(p.m.values["aliases"]) {
			if strings.TrimSpace(a) == "" {
				continue
			}
			cands = append(cands, cand{resolveAlias(p.hugoURL, strings.TrimSpace(a)), a, p.m.line("aliases")})
		}
		if p.hubURL != p.hugoURL {
			cands = append(cands, cand{p.hugoURL, "", 0})
		}
		for _, c := range cands {
			clean, err := config.CleanPath("alias", c.alias)
			why := ""
			switch {
			case err != nil:
				why = err.Error()
			case !strings.HasSuffix(clean, "/") && !strings.HasSuffix(clean, ".html"):
				why = "hubgen's redirect pages end in / or .html"
			case clean == p.hubURL:
				continue
			case claimed[clean] != nil && claimed[clean] != p:
				why = "it is already an alias of " + claimed[clean].target
			case claimed[clean] == p:
				continue
			default:
				why = im.generated(clean)
			}
			if why != "" {
				what := "the page's old URL"
				if c.written != "" {
					what = fmt.Sprintf("alias %q", c.written)
					if c.written != c.alias {
						what += " (" + c.alias + ")"
					}
				} else {
					what += " " + c.alias
				}
				im.rep.notConverted(p.src, c.line, "%s cannot be kept: %s", what, why)
				continue
			}
			claimed[clean] = p
			p.aliases = append(p.aliases, clean)
			if c.written == "" {
				im.rep.decide(p.src, 0, "alias %s added: the page's URL in Hugo (hubgen's is %s)", clean, p.hubURL)
			} else if clean != c.written {
				im.rep.decide(p.src, c.line, "alias %q written as %s", c.written, clean)
			}
		}
		sort.Strings(p.aliases)
	}
}
