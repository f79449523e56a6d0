// Package content loads the portal's Markdown files: it walks content/,
// reads and checks front matter, builds the page model, links translations
// and gives every page its URL. It reports every problem of a run, each at
// its file, line and column.
package content

import (
	"time"

	"hubgen/generator/config"
)

// Page is one content file in one language.
type Page struct {
	Section string       // the folder under content/
	Kind    *config.Kind // what its section makes of it
	Name    string       // file name without language suffix and extension
	Lang    string
	Path    string // slash-separated path relative to the source directory
	// Bundle is the page bundle's folder ("content/news/x") when the page
	// is its index.md or index.<lang>.md, or "".
	Bundle string

	Title          string
	Summary        string
	Slug           string
	TranslationKey string
	Source         string
	Date           time.Time // zero when absent
	Lastmod        time.Time // zero when absent
	// PublishDate, when set, is the moment the page goes out (Date stays
	// the date it shows); ExpiryDate the moment it is withdrawn. Both are
	// zero when absent.
	PublishDate time.Time
	ExpiryDate  time.Time
	// FixedURL is the front matter's url: the page's site path as written
	// there (cleaned), instead of one made from section and slug.
	FixedURL string
	Draft    bool
	Tags     []string
	Aliases  []string
	Weight   int
	// SortTitle is the name readers know the page by, which A–Z lists
	// sort it under ("Europol" for "Agencja Unii Europejskiej ds. …"):
	// front matter sortTitle, else the title.
	SortTitle    string
	Act          *Act
	Project      *Project
	Organisation *Organisation
	Params       map[string]any // the whole front matter, unknown keys included

	Body []byte // Markdown after the front matter
	// Links are the content files the body links to, as written
	// (BodyLinks): set when the file is read, and kept in the build
	// cache for a page parsed from it.
	Links      []string
	BodyLine   int    // line of the file where Body starts
	SourceHash uint64 // CRC-64 of the whole file, to tell a changed file from an unchanged one
	MatterHash uint64 // CRC-64 of the front matter alone (what lists and switchers show)

	URL          string           // site path, e.g. "/aktualnosci/slug/" or "/en/news/slug/"
	Translations map[string]*Page // the same page in other languages, by language

	slugLine, slugCol int // where the slug (or the title it comes from) is written
	draftLine         int // where draft is set, 0 without it
	dateLine          int // where date is set, 0 without it
	publishLine       int // where publishDate is set, 0 without it
	expiryLine        int // where expiryDate is set, 0 without it
	urlLine, urlCol   int // where url is set
	// AliasesLine is the line of the file where aliases are set (0 without any).
	AliasesLine int
}

// Act is the identity of an EU legal act (front matter `act`).
type Act struct {
	Type    string
	Number  string
	Adopted time.Time
	CELEX   string
	ELI     string
	OJ      string
}

// Project is a project profile's front matter.
type Project struct {
	Coordinator string
	Partners    []Partner
	Start, End  time.Time
	Funding     string
	Website     string
}

// Partner is one partner of a project.
type Partner struct {
	Name    string
	Country string
}

// Organisation is an organisation profile's front matter.
type Organisation struct {
	Founders []string
	Website  string
	Areas    []string
	Location string
}

// PublishAt is the moment the page is published: its publishDate, or else
// its date (zero: at once).
func (p *Page) PublishAt() time.Time {
	if !p.PublishDate.IsZero() {
		return p.PublishDate
	}
	return p.Date
}

// Translation returns the page's version in lang, or nil.
func (p *Page) Translation(lang string) *Page {
	if p.Lang == lang {
		return p
	}
	return p.Translations[lang]
}
