// Package render turns the content model into output files. Plan works in
// stages (pages.go, link.go, metadata.go, then aliases.go, feeds.go and
// sitemap.go, collisions.go; see Plan): every output page (content pages,
// parallel views of acts, paginated lists, topics, home, search, 404),
// canonical URLs, hreflang alternates and the language switcher, Open Graph
// and JSON-LD, redirects, feeds and the sitemap. Templates then executes
// the html/template layouts (templates.go); data.go is what layouts see,
// and components*.go the parts of pages its methods write in Go, escaped
// as html/template escapes them (html.go).
package render

import (
	"html/template"
	"time"

	"hubgen/generator/config"
	"hubgen/generator/content"
	"hubgen/generator/i18n"
	"hubgen/generator/markdown"
)

// Data is what a layout receives.
type Data struct {
	Site        *SiteInfo
	Lang        string
	L           *Text // UI strings, plurals and dates in Lang
	Layout      string
	Kind        string // the page's section for single pages
	Title       string
	Description string
	URL         string // this page's path with the base path, e.g. "/portal/en/news/"
	MenuURL     string // URL when a menu entry of the language leads to this page, else ""
	// MenuSection is the URL of the menu entry of the section the page is
	// in (a news item, page 2 of a list, a topic) when no entry leads to
	// the page itself: the menu marks it aria-current="true".
	MenuSection string
	Canonical   string // absolute
	Alternates  []Alternate
	XDefault    string // absolute URL of the x-default alternate, "" for none
	Switch      []Switch
	// NoTranslation lists the languages this page has no version in, with
	// where the switcher leads instead; layouts show it as a visible note.
	NoTranslation []Switch
	Breadcrumbs   []Link
	NoIndex       bool
	Lastmod       time.Time // when the page last changed: its own date, or its newest item's
	Feed          string    // the language's Atom feed, with base path
	OG            *OpenGraph

	Page     *content.Page
	Content  template.HTML
	Headings []markdown.Heading
	Source   string
	Topics   []Link // the page's topics, translated, linked

	Act      *ActView      // legal acts: table of contents, metadata, language versions
	Parallel *ParallelView // the parallel view of an act
	// JSONLD is the page's structured data for <script
	// type="application/ld+json">: each node a template.JS of its JSON,
	// which html/template writes there as it is.
	JSONLD []any

	Items    []Item
	Groups   []Group
	Pager    *Pager
	Sections []Group // home page blocks
	Redirect string  // alias pages: where to go

	// Related are the pages related to this one (see related.go): those
	// it links to or that link to it, then those sharing its topics.
	// RelatedTopics, on a topic's pages, are the topics its pages share
	// most often.
	Related       []Item
	RelatedTopics []Link
	// Project is what a project's page shows beyond its front matter:
	// its status on the day of the build, its coordinator's profile.
	Project *ProjectView
}

// SiteInfo is the part of Data that is the same for every page of a language.
type SiteInfo struct {
	Title       string
	Description string
	Lang        string
	Home        string // path with base path
	TopicsURL   string // the topic index, with base path
	SearchURL   string // the search page, with base path
	BasePath    string
	Menu        []Link
	Languages   []*config.Language
	Homes       map[string]string // every language's home page (with the base path), by language
	// Accessibility is the accessibility statement (the standalone page
	// named accessibility) in this language, "" when there is none; Feeds
	// are the Atom feeds of every language, this one's first, each named
	// by its language.
	Accessibility string
	Feeds         []Switch
}

// Link is a labelled URL (a site path with base path, or absolute).
type Link struct {
	Name    string
	URL     string
	Current bool
}

// Alternate is one hreflang alternate of a page.
type Alternate struct {
	Lang string
	Href string // absolute
}

// Switch is an entry of the language switcher.
type Switch struct {
	Lang    string
	Label   string // the language's own name, e.g. "English"
	URL     string
	Missing bool   // no counterpart: URL leads to the section page
	Note    string // in Lang: "This page is not available in English."
	Goto    string // in Lang: label of the link to URL
}

// Item is a page in a list.
type Item struct {
	Title   string
	URL     string
	Date    time.Time
	Summary string
	Kind    string
	Lang    string
	Topics  []Link
	Page    *content.Page
	// Made once per page for every list it is in, in Lang: the date as
	// Text.Date and Text.ISO write it ("" when the page is undated), and
	// the name of its kind (the UI string "kind.<Kind>").
	DateText, DateISO string
	KindName          string
}

// Group is a titled list of items, with a link to the whole list.
type Group struct {
	Key     string // the section of a home page block ("news"), for ids and UI strings
	Heading string // a heading for the group where it differs from Title
	Title   string
	URL     string
	Items   []Item
	Count   int
}

// Pager links the pages of a paginated list.
type Pager struct {
	Current, Total int
	Prev, Next     string
	Pages          []Link
}

// Text gives layouts the UI strings, plurals and dates of one language.
type Text struct {
	lang   string
	bundle *i18n.Bundle
}

// T returns the UI string key.
func (t *Text) T(key string) string { return t.bundle.T(t.lang, key) }

// In returns the UI string key in another language (for a passage in
// that language, marked with its lang).
func (t *Text) In(lang, key string) string { return t.bundle.T(lang, key) }

// N returns the plural form of key for n.
func (t *Text) N(key string, n int) string { return t.bundle.N(t.lang, key, n) }

// Date writes a date as readers of the language expect ("10 października 2024").
func (t *Text) Date(d time.Time) string { return i18n.FormatDate(t.lang, d) }

// Month writes a month and year ("październik 2022").
func (t *Text) Month(d time.Time) string { return i18n.FormatMonth(t.lang, d) }

// ISO writes a date as YYYY-MM-DD for datetime attributes.
func (t *Text) ISO(d time.Time) string { return d.Format("2006-01-02") }

// OpenGraph feeds the Open Graph and Twitter card tags.
type OpenGraph struct {
	Type       string // "article" or "website"
	Locale     string // "pl_PL"
	Alternates []string
	SiteName   string
	Published  string
	Modified   string
}
