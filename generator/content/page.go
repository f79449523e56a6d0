// Package content loads the portal's Markdown files: it walks content/,
// reads and checks front matter, builds the page model, links translations
// and gives every page its URL. It reports every problem of a run, each at
// its file, line and column.
package content

import (
	"strings"
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
	// matterLastmod is the front matter's lastmod: a build may give
	// Lastmod the date of the file's last commit (AppendParsed keeps this).
	matterLastmod time.Time
}

// Act is the identity of an EU legal act (front matter `act`).
type Act struct {
	Type    string
	Number  string
	Adopted time.Time
	CELEX   string
	ELI     string
	OJ      string // the Official Journal reference ("L 157, 20.6.2023, p. 1"), "" when not verified
	// ShortTitle is the act's short title ("Decyzja Rady (WPZiB)
	// 2023/1187"), the page's H1; "" means Type and Number.
	ShortTitle string
	Published  time.Time // publication in the Official Journal
	InForce    time.Time // entry into force
	ValidUntil time.Time // the last day of validity, zero when the act has none (or it is not known)
	// UnofficialTranslation marks a language version that is the portal's
	// own translation, not the text published in the Official Journal.
	UnofficialTranslation bool
}

// ActStatus is whether an act applies on a given day.
type ActStatus string

// The statuses of an act: not known (no date of entry into force), not
// yet in force, in force, no longer in force.
const (
	StatusUnknown  ActStatus = ""
	StatusPending  ActStatus = "pending"
	StatusInForce  ActStatus = "in_force"
	StatusNoLonger ActStatus = "expired"
)

// Title returns the act's short title: ShortTitle, else its type and
// number ("Council Decision (CFSP) 2023/1187").
func (a *Act) Title() string {
	if a.ShortTitle != "" {
		return a.ShortTitle
	}
	return strings.TrimSpace(a.Type + " " + a.Number)
}

// Status is the act's status on the day of now (compared by calendar
// day, in now's time zone as written dates have none): in force from
// InForce, through the whole day of ValidUntil.
func (a *Act) Status(now time.Time) ActStatus {
	if a.InForce.IsZero() {
		return StatusUnknown
	}
	day := func(t time.Time) string { return t.Format("2006-01-02") }
	today := day(now.UTC())
	switch {
	case today < day(a.InForce):
		return StatusPending
	case !a.ValidUntil.IsZero() && today > day(a.ValidUntil):
		return StatusNoLonger
	}
	return StatusInForce
}

// StatusChanges returns the moments after which Status gives another
// answer: the start of the day of entry into force and the end of the
// last day of validity (the clock alone changes the page then).
func (a *Act) StatusChanges() []time.Time {
	var out []time.Time
	if !a.InForce.IsZero() {
		y, m, d := a.InForce.Date()
		out = append(out, time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
		if !a.ValidUntil.IsZero() {
			y, m, d := a.ValidUntil.Date()
			out = append(out, time.Date(y, m, d+1, 0, 0, 0, 0, time.UTC))
		}
	}
	return out
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
