package hugoimport

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	yaml "gopkg.in/yaml.v3"
)

// hugoConfig is what the import reads of a Hugo site's configuration.
type hugoConfig struct {
	baseURL            string
	title              string
	defaultLang        string
	defaultInSubdir    bool
	uglyURLs           bool
	disablePathToLower bool
	contentDir         string
	loc                *time.Location
	permalinks         map[string]string // Hugo section -> pattern
	taxonomies         []string          // the taxonomies' front matter keys (plural, lower case), sorted, "tags" first
	params             map[string]any
	menus              map[string]any // the site's menus (name -> entries)
	langs              []*hugoLang    // by weight, then code
	files              []string       // the configuration files read, relative to the site
	unknownLangs       []string       // languages hubgen has no place for
}

// hugoLang is one language of the Hugo site.
type hugoLang struct {
	code       string
	title      string
	weight     int
	contentDir string
	params     map[string]any
	menus      map[string]any
}

// rootConfigNames are the names Hugo looks for its configuration under,
// in its order.
var rootConfigNames = []string{"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml", "config.json"}

// readConfig reads the Hugo site's configuration: its root file and the
// files of config/_default/, merged as Hugo merges them.
func readConfig(src string) (*hugoConfig, error) {
	merged := map[string]any{}
	var files []string
	dir := filepath.Join(src, "config", "_default")
	if entries, err := os.ReadDir(dir); err == nil {
		var names []string
		for _, e := range entries {
			if !e.IsDir() && configExt(e.Name()) != "" {
				names = append(names, e.Name())
			}
		}
		// hugo.* and config.* first, the files of one key after them.
		sort.SliceStable(names, func(i, j int) bool { return isRootName(names[i]) && !isRootName(names[j]) })
		for _, name := range names {
			m, err := decodeConfigFile(filepath.Join(dir, name))
			if err != nil {
				return nil, err
			}
			files = append(files, "config/_default/"+name)
			base := strings.TrimSuffix(name, "."+configExt(name))
			key, lang, _ := strings.Cut(base, ".")
			switch {
			case isRootName(name):
				deepMerge(merged, m)
			case lang != "":
				deepMerge(merged, map[string]any{"languages": map[string]any{lang: map[string]any{key: m}}})
			default: // languages.toml, params.toml, menus.toml, permalinks.toml, …
				deepMerge(merged, map[string]any{key: m})
			}
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("reading %s: %w", dir, err)
	}
	for _, name := range rootConfigNames {
		p := filepath.Join(src, name)
		if _, err := os.Stat(p); err != nil {
			continue
		}
		m, err := decodeConfigFile(p)
		if err != nil {
			return nil, err
		}
		files = append(files, name)
		deepMerge(merged, m)
		break
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no Hugo configuration (hugo.toml, config.toml, hugo.yaml, hugo.json or config/_default/)", src)
	}
	return newConfig(merged, files)
}

// newConfig reads the settings out of the merged configuration m, whose
// keys are lower case.
func newConfig(m map[string]any, files []string) (*hugoConfig, error) {
	c := &hugoConfig{
		baseURL:            str(m["baseurl"]),
		title:              str(m["title"]),
		defaultLang:        strings.ToLower(str(m["defaultcontentlanguage"])),
		defaultInSubdir:    truthy(m["defaultcontentlanguageinsubdir"]),
		uglyURLs:           truthy(m["uglyurls"]),
		disablePathToLower: truthy(m["disablepathtolower"]),
		contentDir:         str(m["contentdir"]),
		params:             mapOf(m["params"]),
		menus:              mapOf(firstOf(m["menus"], m["menu"])),
		permalinks:         map[string]string{},
		files:              files,
		loc:                time.UTC,
	}
	if c.defaultLang == "" {
		c.defaultLang = "en"
	}
	if c.contentDir == "" {
		c.contentDir = "content"
	}
	if tz := str(m["timezone"]); tz != "" {
		loc, err := time.LoadLocation(tz)
		if err != nil {
			return nil, fmt.Errorf("%s: timeZone %q: %w", files[0], tz, err)
		}
		c.loc = loc
	}
	for k, v := range mapOf(m["permalinks"]) {
		switch t := v.(type) {
		case string:
			c.permalinks[k] = t
		case map[string]any: // newer Hugo: [permalinks.page]
			if k == "page" {
				for s, p := range t {
					c.permalinks[s] = str(p)
				}
			}
		}
	}
	c.taxonomies = []string{"categories", "tags"}
	if t, ok := m["taxonomies"]; ok {
		c.taxonomies = nil
		for _, plural := range mapOf(t) {
			if s := strings.ToLower(str(plural)); s != "" {
				c.taxonomies = append(c.taxonomies, s)
			}
		}
	}
	slices.Sort(c.taxonomies)
	if i := slices.Index(c.taxonomies, "tags"); i > 0 {
		c.taxonomies = append([]string{"tags"}, slices.Delete(c.taxonomies, i, i+1)...)
	}
	langs := mapOf(m["languages"])
	if len(langs) == 0 {
		langs = map[string]any{c.defaultLang: map[string]any{}}
	}
	for code, v := range langs {
		lm := mapOf(v)
		if truthy(lm["disabled"]) {
			continue
		}
		l := &hugoLang{
			code:       strings.ToLower(code),
			title:      str(lm["title"]),
			weight:     intOf(lm["weight"]),
			contentDir: str(lm["contentdir"]),
			params:     mapOf(lm["params"]),
			menus:      mapOf(firstOf(lm["menus"], lm["menu"])),
		}
		if l.contentDir == "" {
			l.contentDir = c.contentDir
		}
		l.contentDir = path.Clean(filepath.ToSlash(l.contentDir))
		c.langs = append(c.langs, l)
	}
	sort.Slice(c.langs, func(i, j int) bool {
		a, b := c.langs[i], c.langs[j]
		if a.weight != b.weight {
			return a.weight < b.weight
		}
		return a.code < b.code
	})
	for _, l := range c.langs {
		if !supported(l.code) {
			c.unknownLangs = append(c.unknownLangs, l.code)
		}
	}
	return c, nil
}

// supported reports whether hubgen has the language.
func supported(code string) bool { return code == "pl" || code == "en" }

// lang returns the language with the code, or nil.
func (c *hugoConfig) lang(code string) *hugoLang {
	for _, l := range c.langs {
		if l.code == code {
			return l
		}
	}
	return nil
}

// prefix is the URL prefix Hugo gives a language's pages: "" or "/en".
func (c *hugoConfig) prefix(lang string) string {
	if lang == c.defaultLang && !c.defaultInSubdir {
		return ""
	}
	return "/" + lang
}

// param looks up a site parameter for a language: the language's own
// params first, then the site's. Keys are lower case; dots go down maps.
func (c *hugoConfig) param(lang, key string) (any, bool) {
	var maps []map[string]any
	if l := c.lang(lang); l != nil {
		maps = append(maps, l.params)
	}
	maps = append(maps, c.params)
	for _, m := range maps {
		var cur any = m
		ok := true
		for _, part := range strings.Split(strings.ToLower(key), ".") {
			mm, isMap := cur.(map[string]any)
			if !isMap {
				ok = false
				break
			}
			if cur, ok = mm[part]; !ok {
				break
			}
		}
		if ok {
			return cur, true
		}
	}
	return nil, false
}

func isRootName(name string) bool {
	return strings.HasPrefix(name, "hugo.") || strings.HasPrefix(name, "config.")
}

func configExt(name string) string {
	for _, ext := range []string{"toml", "yaml", "yml", "json"} {
		if strings.HasSuffix(name, "."+ext) {
			return ext
		}
	}
	return ""
}

// decodeConfigFile reads a TOML, YAML or JSON file into a map with lower
// case keys (Hugo's configuration keys are case-insensitive).
func decodeConfigFile(p string) (map[string]any, error) {
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, fmt.Errorf("reading Hugo configuration: %w", err)
	}
	m, err := decodeMap(configExt(p), data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	return lowerKeys(m).(map[string]any), nil
}

// decodeMap decodes TOML, YAML or JSON text into a map.
func decodeMap(format string, data []byte) (map[string]any, error) {
	m := map[string]any{}
	var err error
	switch format {
	case "toml":
		_, err = toml.Decode(string(data), &m)
	case "yaml", "yml":
		err = yaml.Unmarshal(data, &m)
	case "json":
		err = json.Unmarshal(data, &m)
	default:
		err = fmt.Errorf("unknown format %q", format)
	}
	if m == nil {
		m = map[string]any{}
	}
	return m, err
}

// lowerKeys returns v with every map key lower-cased, recursively.
func lowerKeys(v any) any {
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, x := range t {
			out[strings.ToLower(k)] = lowerKeys(x)
		}
		return out
	case []map[string]any:
		out := make([]any, len(t))
		for i, x := range t {
			out[i] = lowerKeys(x)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, x := range t {
			out[i] = lowerKeys(x)
		}
		return out
	}
	return v
}

// deepMerge merges src into dst: maps are merged, anything else replaced.
func deepMerge(dst, src map[string]any) {
	for k, v := range src {
		if sm, ok := v.(map[string]any); ok {
			if dm, ok := dst[k].(map[string]any); ok {
				deepMerge(dm, sm)
				continue
			}
			cp := map[string]any{}
			deepMerge(cp, sm)
			dst[k] = cp
			continue
		}
		dst[k] = v
	}
}

func str(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

func truthy(v any) bool {
	switch t := v.(type) {
	case bool:
		return t
	case string:
		return t == "true"
	}
	return false
}

func intOf(v any) int {
	switch t := v.(type) {
	case int:
		return t
	case int64:
		return int(t)
	case float64:
		return int(t)
	case uint64:
		return int(t)
	}
	return 0
}

func mapOf(v any) map[string]any {
	if m, ok := v.(map[string]any); ok {
		return m
	}
	return map[string]any{}
}

func firstOf(vs ...any) any {
	for _, v := range vs {
		if v != nil {
			return v
		}
	}
	return nil
}

// strList reads a list of strings (or one string) from a front matter or
// configuration value.
func strList(v any) []string {
	switch t := v.(type) {
	case string:
		return []string{t}
	case []string:
		return slices.Clone(t)
	case []any:
		var out []string
		for _, x := range t {
			if x != nil {
				out = append(out, str(x))
			}
		}
		return out
	}
	return nil
}
