package config

// Kind is a content section and what the engine does with its pages. It is
// the one place that names sections: every other package asks a Kind
// (Config.Kind, Config.Kinds) instead of comparing section names.
type Kind struct {
	// Section is the folder under content/, the name of the kind's layout
	// and of its URL segment key in [languages.*.sections].
	Section string
	// Dated kinds require a date, list newest first grouped by year, and
	// appear in feeds and in the "latest" lists.
	Dated bool
	// Listed kinds have list pages; the others are standalone pages at the
	// language's root.
	Listed bool
	// Act marks legal acts: structure, addresses, parallel view.
	Act bool
	// Keys are the front matter keys of this kind besides the common ones;
	// Required are those of them that must be set.
	Keys, Required []string
	// Schema is the schema.org type of the kind's pages in JSON-LD.
	Schema string
	// Template is the front matter `hubgen new` writes after title and slug
	// ({date} stands for today).
	Template string
}

// CommonKeys returns the front matter keys every kind reads.
func CommonKeys() []string {
	return []string{"title", "date", "lastmod", "publishDate", "expiryDate", "summary", "tags", "slug", "url", "translationKey", "draft", "aliases", "source", "weight", "sortTitle"}
}

// DefaultKinds returns the portal's content kinds in menu order: news, EU
// legal acts, organisation and project profiles, standalone pages.
func DefaultKinds() []Kind {
	return []Kind{
		{Section: "news", Dated: true, Listed: true, Schema: "NewsArticle",
			Template: "date: {date}\nsummary: \"\"\ntags: []\n"},
		{Section: "decisions", Dated: true, Listed: true, Act: true, Schema: "Legislation",
			Keys: []string{"act"}, Required: []string{"act"},
			Template: "date: {date}\nsummary: \"\"\ntags: []\nact:\n  type: \"\"\n  number: \"\"\n  adopted: \n  inForce: \n  celex: \"\"\n  eli: \"\"\n"},
		{Section: "organisations", Listed: true, Schema: "Organization",
			Keys:     []string{"founders", "website", "areas", "location"},
			Template: "summary: \"\"\ntags: []\nfounders: []\nareas: []\nwebsite: \"\"\n"},
		{Section: "projects", Listed: true, Schema: "Project",
			Keys:     []string{"coordinator", "partners", "start", "end", "funding", "website"},
			Template: "summary: \"\"\ntags: []\ncoordinator: \"\"\npartners: []\nstart: \nend: \nfunding: \"\"\nwebsite: \"\"\n"},
		{Section: "pages", Schema: "WebPage", Template: "summary: \"\"\n"},
	}
}

// Kinds returns the site's content kinds in menu order.
func (c *Config) Kinds() []Kind { return c.kinds }

// Kind returns the kind of a section, or nil when there is no such section.
func (c *Config) Kind(section string) *Kind {
	for i := range c.kinds {
		if c.kinds[i].Section == section {
			return &c.kinds[i]
		}
	}
	return nil
}

// Sections returns the sections' names in menu order.
func (c *Config) Sections() []string {
	out := make([]string, len(c.kinds))
	for i, k := range c.kinds {
		out[i] = k.Section
	}
	return out
}

// HasKey reports whether key is a front matter key pages of kind k read.
func (k *Kind) HasKey(key string) bool {
	for _, list := range [][]string{CommonKeys(), k.Keys} {
		for _, x := range list {
			if x == key {
				return true
			}
		}
	}
	return false
}
