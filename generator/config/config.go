// Package config reads the site's configuration, config.toml: the base URL,
// the languages with their titles, URL segments and menus, the page size of
// lists and the topics editors may use in `tags`.
package config

import (
	"errors"
	"fmt"
	"maps"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"hubgen/generator/diag"
)

// defaultSegments are the URL segments of each language when config.toml
// leaves them out. "pages" has no segment: its pages sit at the language root.
var defaultSegments = map[string]map[string]string{
	"pl": {"news": "aktualnosci", "decisions": "akty-prawne", "organisations": "organizacje", "projects": "projekty", "topics": "tematy", "search": "szukaj", "page": "strona", "parallel": "widok-rownolegly"},
	"en": {"news": "news", "decisions": "decisions", "organisations": "organisations", "projects": "projects", "topics": "topics", "search": "search", "page": "page", "parallel": "parallel"},
}

// Config is the whole site configuration.
type Config struct {
	BaseURL         string // absolute, ends in "/"
	DefaultLanguage string
	PageSize        int
	MaxFileSize     int64       // the largest input file read, in bytes (maxFileSizeMB; 0: the default, 20 MB)
	Languages       []*Language // default language first, then by weight and code
	Topics          []Topic     // sorted by key
	// IgnoreWarnings are the kinds of warnings and notes not printed
	// ([warnings] ignore), see diag.Kinds.
	IgnoreWarnings []string
	// Redirects are the [redirects] table: old paths of the site that
	// redirect to a new one, sorted by From.
	Redirects []Redirect
	// Typography is the [typography] table: which languages' pages get
	// their typographic conventions (package typography).
	Typography Typography
	byCode     map[string]*Language
	kinds      []Kind
	topicByKey map[string]*Topic
}

// Language is one language of the site.
type Language struct {
	Code        string
	Title       string
	Description string
	Weight      int
	Segments    map[string]string // section (or "topics", "search", "page", "parallel") -> URL segment
	Menu        []MenuItem
}

// MenuItem is an entry of a language's main menu: a section's list page or a
// content page named "section/name".
type MenuItem struct {
	Name    string
	Section string
	Page    string
}

// Redirect is an old path of the site (From, cleaned as CleanPath does)
// whose page redirects readers to a path of the site (To), such as a
// section's list page an old site had elsewhere.
type Redirect struct {
	From, To string
}

// Topic is a topic editors tag pages with; Names maps language to name.
type Topic struct {
	Key   string
	Names map[string]string
}

type fileConfig struct {
	BaseURL         string                  `toml:"baseURL"`
	DefaultLanguage string                  `toml:"defaultLanguage"`
	PageSize        int                     `toml:"pageSize"`
	MaxFileSizeMB   int64                   `toml:"maxFileSizeMB"`
	Languages       map[string]fileLanguage `toml:"languages"`
	Topics          map[string]map[string]string
	Warnings        fileWarnings
	Redirects       map[string]string
	Typography      fileTypography
}

// Typography says which languages' pages get their typographic
// conventions: Polish („…”, non-breaking spaces after one-letter words
// and in numbers with units) and English (“…”, ’). Both are on unless
// config.toml turns them off.
type Typography struct {
	Polish, English bool
}

// fileTypography is the [typography] table; a key left out is true.
type fileTypography struct {
	Polish  *bool `toml:"polish"`
	English *bool `toml:"english"`
}

// fileWarnings is the [warnings] table: the kinds of warnings and notes
// (diag.Kinds) that build and check do not print.
type fileWarnings struct {
	Ignore []string
}

type fileLanguage struct {
	Title       string
	Description string
	Weight      int
	Sections    map[string]string
	Menu        []MenuItem
}

// Load reads and validates the configuration at path. Problems are returned
// as one error, each line `path:line:col: message`.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading configuration: %w", err)
	}
	return Parse(filepath.ToSlash(path), data)
}

// Parse decodes configuration text; name is used in error messages.
func Parse(name string, data []byte) (*Config, error) {
	var fc fileConfig
	md, err := toml.Decode(string(data), &fc)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line, col := tomlPos(data, pe)
			return nil, fmt.Errorf("%s:%d:%d: %s", name, line, col, pe.Message)
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var problems []string
	fail := func(key string, format string, args ...any) {
		line := keyLine(data, key)
		loc := name
		if line > 0 {
			loc = fmt.Sprintf("%s:%d:1", name, line)
		}
		problems = append(problems, loc+": "+fmt.Sprintf(format, args...))
	}
	for _, k := range md.Undecoded() {
		fail(k[len(k)-1], "unknown configuration key %q", k.String())
	}
	c := &Config{
		BaseURL:         fc.BaseURL,
		DefaultLanguage: fc.DefaultLanguage,
		PageSize:        fc.PageSize,
		byCode:          map[string]*Language{},
		kinds:           DefaultKinds(),
		topicByKey:      map[string]*Topic{},
	}
	for _, k := range fc.Warnings.Ignore {
		if !slices.Contains(diag.Kinds(), k) {
			fail("ignore", "[warnings] ignore: unknown kind %q (kinds: %s)", k, strings.Join(diag.Kinds(), ", "))
		}
	}
	c.IgnoreWarnings = fc.Warnings.Ignore
	c.Typography = Typography{Polish: fc.Typography.Polish == nil || *fc.Typography.Polish, English: fc.Typography.English == nil || *fc.Typography.English}
	for _, from := range slices.Sorted(maps.Keys(fc.Redirects)) {
		to := fc.Redirects[from]
		clean, err := CleanPath("redirect", from)
		if err != nil {
			fail(from, "[redirects]: %v", err)
			continue
		}
		if _, err := CleanPath("redirect target", to); err != nil {
			fail(from, "[redirects]: %v", err)
			continue
		}
		c.Redirects = append(c.Redirects, Redirect{From: clean, To: to})
	}
	if c.DefaultLanguage == "" {
		c.DefaultLanguage = "pl"
	}
	switch {
	case fc.MaxFileSizeMB < 0 || fc.MaxFileSizeMB > 10000:
		fail("maxFileSizeMB", "maxFileSizeMB must be between 1 and 10000 (megabytes), not %d", fc.MaxFileSizeMB)
	case fc.MaxFileSizeMB > 0:
		c.MaxFileSize = fc.MaxFileSizeMB * 1000 * 1000
	}
	if c.PageSize <= 0 {
		c.PageSize = 10
	}
	if c.BaseURL == "" {
		c.BaseURL = "http://localhost:1313/"
	}
	if err := c.SetBaseURL(c.BaseURL); err != nil {
		fail("baseURL", "%v", err)
	}
	if len(fc.Languages) == 0 {
		fail("", "no [languages] configured")
	}
	for code, fl := range fc.Languages {
		l := &Language{Code: code, Title: fl.Title, Description: fl.Description, Weight: fl.Weight, Menu: fl.Menu, Segments: map[string]string{}}
		for k, v := range defaultSegments[code] {
			l.Segments[k] = v
		}
		for k, v := range fl.Sections {
			if strings.ContainsAny(v, "/\\?#%") || v == "" || v == "." || v == ".." || len(v) > 100 {
				fail(k, "section segment %q of %s must be one non-empty URL segment", v, code)
				continue
			}
			l.Segments[k] = v
		}
		segs := []string{"topics", "search", "page", "parallel"}
		for _, k := range c.kinds {
			if k.Listed {
				segs = append(segs, k.Section)
			}
		}
		for _, s := range segs {
			if l.Segments[s] == "" {
				fail("sections", "language %s: no URL segment for %q", code, s)
			}
		}
		if l.Title == "" {
			fail("languages", "language %s has no title", code)
		}
		for _, m := range l.Menu {
			if (m.Section == "") == (m.Page == "") {
				fail("menu", "language %s: menu entry %q needs exactly one of section or page", code, m.Name)
			}
		}
		c.Languages = append(c.Languages, l)
		c.byCode[code] = l
	}
	if _, ok := c.byCode[c.DefaultLanguage]; !ok && len(fc.Languages) > 0 {
		fail("defaultLanguage", "default language %q is not among [languages]", c.DefaultLanguage)
	}
	sort.Slice(c.Languages, func(i, j int) bool {
		a, b := c.Languages[i], c.Languages[j]
		if (a.Code == c.DefaultLanguage) != (b.Code == c.DefaultLanguage) {
			return a.Code == c.DefaultLanguage
		}
		if a.Weight != b.Weight {
			return a.Weight < b.Weight
		}
		return a.Code < b.Code
	})
	for key, names := range fc.Topics {
		t := Topic{Key: key, Names: names}
		for _, l := range c.Languages {
			if names[l.Code] == "" {
				fail(key, "topic %q has no name in %s", key, l.Code)
			}
		}
		c.Topics = append(c.Topics, t)
	}
	sort.Slice(c.Topics, func(i, j int) bool { return c.Topics[i].Key < c.Topics[j].Key })
	for i := range c.Topics {
		c.topicByKey[c.Topics[i].Key] = &c.Topics[i]
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		return nil, errors.New(strings.Join(problems, "\n"))
	}
	return c, nil
}

// SetBaseURL replaces the base URL (for `--base-url`). It must be an http or
// https URL with a host and a clean path: every link and asset of the site
// starts with it, so "javascript://x/" or "https://ex.org//evil.example/"
// (which makes protocol-relative asset URLs) are refused.
func (c *Config) SetBaseURL(raw string) error {
	clean, err := ParseBaseURL(raw)
	if err != nil {
		return err
	}
	c.BaseURL = clean
	return nil
}

// ParseBaseURL checks a base URL as SetBaseURL does and returns it with a
// trailing slash.
func ParseBaseURL(raw string) (string, error) {
	u, err := url.Parse(raw)
	bad := func(why string) (string, error) {
		return "", fmt.Errorf("base URL %q %s; write it like https://example.org/ or https://example.org/portal/", raw, why)
	}
	switch {
	case err != nil:
		return bad("is not a URL")
	case u.Scheme != "http" && u.Scheme != "https":
		return bad("must start with http:// or https://")
	case u.Host == "" || u.Hostname() == "":
		return bad("has no host")
	case u.User != nil:
		return bad("must not carry a user name or password")
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "":
		return bad("must not have a query or fragment")
	case strings.ContainsAny(u.Path, "\\") || strings.ContainsAny(u.Host, "\\"):
		return bad("must not contain backslashes")
	}
	p := u.Path
	if p == "" {
		p = "/"
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	if path.Clean(p) != strings.TrimSuffix(p, "/") && p != "/" {
		return bad("must have a clean path (no //, . or .. parts)")
	}
	u.Path, u.RawPath = p, ""
	return u.String(), nil
}

// BasePath is the path part of the base URL without its trailing slash:
// "" for https://example.org/, "/portal" for https://example.org/portal/.
func (c *Config) BasePath() string {
	u, _ := url.Parse(c.BaseURL)
	return strings.TrimSuffix(u.Path, "/")
}

// AbsURL turns a site path without the base path ("/en/news/") into an
// absolute URL under the base URL ("https://example.org/portal/en/news/").
func (c *Config) AbsURL(sitePath string) string {
	return strings.TrimSuffix(c.BaseURL, "/") + sitePath
}

// Language returns the language with the given code, or nil.
func (c *Config) Language(code string) *Language { return c.byCode[code] }

// WithTopics returns a copy of c with the topics extra added (keys that c
// has already are skipped): the topics of tags that are not in [topics],
// which the content brings. c is not changed.
func (c *Config) WithTopics(extra []Topic) *Config {
	if len(extra) == 0 {
		return c
	}
	out := *c
	out.Topics = append([]Topic(nil), c.Topics...)
	for _, t := range extra {
		if c.topicByKey[t.Key] == nil {
			out.Topics = append(out.Topics, t)
		}
	}
	sort.Slice(out.Topics, func(i, j int) bool { return out.Topics[i].Key < out.Topics[j].Key })
	out.topicByKey = make(map[string]*Topic, len(out.Topics))
	for i := range out.Topics {
		out.topicByKey[out.Topics[i].Key] = &out.Topics[i]
	}
	return &out
}

// Topic returns the topic with the given key, or nil.
func (c *Config) Topic(key string) *Topic { return c.topicByKey[key] }

// Prefix is the URL prefix of a language: "" for the default, "/en" for English.
func (c *Config) Prefix(lang string) string {
	if lang == c.DefaultLanguage {
		return ""
	}
	return "/" + lang
}

// HomePath is a language's home page path: "/" or "/en/".
func (c *Config) HomePath(lang string) string { return c.Prefix(lang) + "/" }

// SectionPath is the path of a section's (or the topics index's, or the
// search page's) list page in a language: "/aktualnosci/", "/en/news/".
// A kind without list pages has the language's home as its path.
func (c *Config) SectionPath(lang, section string) string {
	if k := c.Kind(section); k != nil && !k.Listed {
		return c.HomePath(lang)
	}
	return c.Prefix(lang) + "/" + c.byCode[lang].Segments[section] + "/"
}

// keyLine finds the 1-based line where key is set or where its table starts, or 0.
func keyLine(data []byte, key string) int {
	if key == "" {
		return 0
	}
	for i, line := range strings.Split(string(data), "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, key+" ") || strings.HasPrefix(t, key+"=") ||
			strings.HasPrefix(t, "["+key+"]") || strings.HasSuffix(strings.TrimRight(t, "]"), "."+key) {
			return i + 1
		}
	}
	return 0
}

// tomlPos is where a TOML syntax error is, from its byte offset: the
// decoder's own line count is one ahead when the offending byte is a newline.
func tomlPos(data []byte, pe toml.ParseError) (line, col int) {
	if pe.Position.Start <= 0 || pe.Position.Start > len(data) {
		return pe.Position.Line, pe.Position.Col
	}
	return diag.LineCol(data, pe.Position.Start)
}

// LanguageCodes returns the languages' codes, default language first.
func (c *Config) LanguageCodes() []string {
	codes := make([]string, len(c.Languages))
	for i, l := range c.Languages {
		codes[i] = l.Code
	}
	return codes
}
