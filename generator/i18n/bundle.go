package i18n

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/language"
)

// Bundle holds the UI strings of each language, loaded from <dir>/<lang>.toml.
// A Bundle is read-only after LoadBundle and safe for concurrent use.
type Bundle struct {
	catalogs map[string]*catalog
}

// catalog holds the strings of one language, keyed by dotted key.
type catalog struct {
	path    string
	tag     language.Tag
	strings map[string]string
	plurals map[string]map[string]string // key -> category -> form
}

// syntaxError is a TOML syntax error located in a file; its text starts
// "<path>:<line>:<col>: " so editors and terminals can jump to it.
type syntaxError struct {
	path string
	pe   toml.ParseError
}

// Error implements error.
func (e *syntaxError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.path, e.pe.Position.Line, e.pe.Position.Col, e.pe.Message)
}

// Unwrap returns the underlying toml.ParseError.
func (e *syntaxError) Unwrap() error { return e.pe }

// LoadBundle reads <dir>/<lang>.toml for each lang. A TOML syntax error is reported as
// an error whose text starts "<path>:<line>:<col>: ". A key present in one language but
// missing in another is an error too, naming the file that lacks it
// ("i18n/en.toml: missing key \"results\" (present in i18n/pl.toml)"), as is a key that
// is a plural entry in one file and a plain string in another, a value that is neither
// a string nor a table, and a plural entry with no form for a count the language needs
// (after falling back to "other", then "many"). All problems are collected and returned
// together with errors.Join; the Bundle is nil when there are any.
func LoadBundle(dir string, langs []string) (*Bundle, error) {
	return LoadBundleFS(os.DirFS(dir), dir, langs)
}

// LoadBundleFS is LoadBundle reading <lang>.toml files from fsys (the site's
// i18n/ directory); dir names them in messages.
func LoadBundleFS(fsys fs.FS, dir string, langs []string) (*Bundle, error) {
	b := &Bundle{catalogs: make(map[string]*catalog, len(langs))}
	var errs []error
	var loaded []string // languages whose file parsed, in input order
	for _, lang := range langs {
		if _, dup := b.catalogs[lang]; dup {
			continue
		}
		cat, err := loadCatalog(fsys, filepath.Join(dir, lang+".toml"), lang)
		if cat != nil {
			b.catalogs[lang] = cat
			loaded = append(loaded, lang)
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	errs = append(errs, b.checkConsistency(loaded)...)
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return b, nil
}

// loadCatalog reads and flattens one TOML file. On a read or syntax error it
// returns a nil catalog; other problems leave a usable catalog and an error.
func loadCatalog(fsys fs.FS, path, lang string) (*catalog, error) {
	data, err := fs.ReadFile(fsys, lang+".toml")
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = &fs.PathError{Op: pe.Op, Path: path, Err: pe.Err}
		}
		return nil, fmt.Errorf("load UI strings for %q: %w", lang, err)
	}
	var raw map[string]any
	if _, err := toml.Decode(string(data), &raw); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &syntaxError{path: path, pe: pe}
		}
		return nil, fmt.Errorf("%s: decode: %w", path, err)
	}
	cat := &catalog{
		path:    path,
		tag:     parseTag(lang),
		strings: make(map[string]string),
		plurals: make(map[string]map[string]string),
	}
	var errs []error
	cat.flatten("", raw, &errs)
	errs = append(errs, cat.checkPlurals()...)
	return cat, errors.Join(errs...)
}

// flatten adds the entries of table to c under prefix, recursing into namespaces.
func (c *catalog) flatten(prefix string, table map[string]any, errs *[]error) {
	for _, k := range sortedKeys(table) {
		key := prefix + k
		if c.has(key) {
			*errs = append(*errs, fmt.Errorf("%s: key %q defined twice", c.path, key))
			continue
		}
		switch v := table[k].(type) {
		case string:
			c.strings[key] = v
		case map[string]any:
			if !isPluralTable(v) {
				c.flatten(key+".", v, errs)
				continue
			}
			forms := make(map[string]string, len(v))
			for cat, form := range v {
				s, ok := form.(string)
				if !ok {
					*errs = append(*errs, fmt.Errorf("%s: plural form %q: value of type %T is not a string", c.path, key+"."+cat, form))
					continue
				}
				forms[cat] = s
			}
			c.plurals[key] = forms
		default:
			*errs = append(*errs, fmt.Errorf("%s: key %q: value of type %T is not a string or table", c.path, key, v))
		}
	}
}

// checkPlurals reports plural entries that cannot produce a form for some count
// in the catalog's language, even after the "other" and "many" fallbacks.
func (c *catalog) checkPlurals() []error {
	used := usedCategories(c.tag)
	var errs []error
	for _, key := range sortedKeys(c.plurals) {
		for _, cat := range categories {
			example, needed := used[cat]
			if !needed {
				continue
			}
			if _, ok := pickForm(c.plurals[key], cat); !ok {
				errs = append(errs, fmt.Errorf("%s: plural key %q has no %q form (needed for %d) and no \"other\" or \"many\" to fall back to", c.path, key, cat, example))
			}
		}
	}
	return errs
}

// has reports whether key is defined in c, as a string or a plural entry.
func (c *catalog) has(key string) bool {
	_, s := c.strings[key]
	_, p := c.plurals[key]
	return s || p
}

// checkConsistency reports keys missing from some languages and keys whose kind
// (string or plural entry) differs between languages.
func (b *Bundle) checkConsistency(langs []string) []error {
	union := make(map[string]bool)
	for _, lang := range langs {
		for _, k := range b.Keys(lang) {
			union[k] = true
		}
	}
	var errs []error
	for _, key := range sortedKeys(union) {
		var havers, lackers []*catalog
		for _, lang := range langs {
			if c := b.catalogs[lang]; c.has(key) {
				havers = append(havers, c)
			} else {
				lackers = append(lackers, c)
			}
		}
		for _, c := range lackers {
			errs = append(errs, fmt.Errorf("%s: missing key %q (present in %s)", c.path, key, havers[0].path))
		}
		first := havers[0]
		_, firstPlural := first.plurals[key]
		for _, c := range havers[1:] {
			if _, plural := c.plurals[key]; plural != firstPlural {
				errs = append(errs, fmt.Errorf("%s: key %q is %s here but %s in %s", c.path, key, kind(plural), kind(firstPlural), first.path))
			}
		}
	}
	return errs
}

// kind names the kind of an entry for error messages.
func kind(plural bool) string {
	if plural {
		return "a plural entry"
	}
	return "a string"
}

// sortedKeys returns the keys of m in byte order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// missing is what T and N return for a key they cannot find: the key in brackets.
func missing(key string) string { return "[" + key + "]" }

// T returns the string for key in lang; key may be dotted for nested tables ("nav.skip").
// A missing key (or unknown language, or a plural entry, which needs N) returns the key
// itself wrapped in brackets "[key]" so it is visible.
func (b *Bundle) T(lang, key string) string {
	if b == nil {
		return missing(key)
	}
	if c := b.catalogs[lang]; c != nil {
		if s, ok := c.strings[key]; ok {
			return s
		}
	}
	return missing(key)
}

// N returns the plural form of key for count n, with "{count}" replaced by n (no thousands separators).
// The TOML value for a plural key is a table with some of zero/one/two/few/many/other; if the
// category is missing, fall back to "other", then to "many". Categories follow CLDR exactly,
// so a "zero" form is used only by languages whose rules have that category (not English
// or Polish, where 0 is "other" and "many"). A plain string key is used
// for every count; a missing key gives "[key]".
func (b *Bundle) N(lang, key string, n int) string {
	if b == nil {
		return missing(key)
	}
	c := b.catalogs[lang]
	if c == nil {
		return missing(key)
	}
	count := strconv.Itoa(n)
	if forms, ok := c.plurals[key]; ok {
		if f, ok := pickForm(forms, pluralCategory(c.tag, n)); ok {
			return strings.ReplaceAll(f, "{count}", count)
		}
		return missing(key)
	}
	if s, ok := c.strings[key]; ok {
		return strings.ReplaceAll(s, "{count}", count)
	}
	return missing(key)
}

// Keys returns the sorted list of keys (dotted) of a language, for tests and templates.
// A plural entry appears once, under its own key. An unknown language gives nil.
func (b *Bundle) Keys(lang string) []string {
	if b == nil {
		return nil
	}
	c := b.catalogs[lang]
	if c == nil {
		return nil
	}
	keys := make([]string, 0, len(c.strings)+len(c.plurals))
	for k := range c.strings {
		keys = append(keys, k)
	}
	for k := range c.plurals {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
