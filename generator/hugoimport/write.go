package hugoimport

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"hubgen/generator/config"
)

// handledKeys are the front matter keys the import converts.
func handledKeys() []string {
	return []string{"title", "slug", "url", "date", "publishdate", "pubdate", "published", "lastmod", "modified",
		"expirydate", "unpublishdate", "summary", "description", "tags", "categories", "weight", "translationkey",
		"draft", "aliases", "menu", "menus"}
}

// frontMatter writes a page's front matter in YAML, with the keys hubgen
// reads; every other key is reported.
func (im *importer) frontMatter(p *page) string {
	var b strings.Builder
	q := func(s string) string {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(s)
		return strings.TrimSpace(buf.String())
	}
	list := func(xs []string) string {
		parts := make([]string, len(xs))
		for i, x := range xs {
			parts[i] = q(x)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %s\n", q(p.title))
	fmt.Fprintf(&b, "slug: %s\n", p.slug)
	if p.url != "" {
		fmt.Fprintf(&b, "url: %s\n", q(p.url))
	}
	dates := []struct {
		key string
		d   *hugoDate
		src []string
	}{
		{"date", p.date, []string{"date", "publishdate", "pubdate", "published", "lastmod", "modified"}},
		{"publishDate", p.publishDate, []string{"publishdate", "pubdate", "published"}},
		{"lastmod", p.lastmod, []string{"lastmod", "modified"}},
		{"expiryDate", p.expiryDate, []string{"expirydate", "unpublishdate"}},
	}
	for _, d := range dates {
		if d.d == nil {
			continue
		}
		fmt.Fprintf(&b, "%s: %s\n", d.key, d.d.format())
		for _, k := range d.src {
			if _, ok := p.m.get(k); ok {
				if !strings.EqualFold(k, d.key) {
					im.rep.decide(p.src, p.m.line(k), "%s written as %s", k, d.key)
				}
				break
			}
		}
	}
	summary := p.m.getStr("summary")
	if summary == "" && p.m.getStr("description") != "" {
		summary = p.m.getStr("description")
		im.rep.decide(p.src, p.m.line("description"), "description written as summary")
	} else if summary != "" && p.m.getStr("description") != "" {
		im.rep.notConverted(p.src, p.m.line("description"), "front matter key \"description\" dropped: the page has a summary")
	}
	if summary != "" {
		fmt.Fprintf(&b, "summary: %s\n", q(summary))
	}
	tags := im.writtenTags(p)
	for _, key := range im.cfg.taxonomies {
		if terms := strList(p.m.values[key]); key != "tags" && len(terms) > 0 {
			im.rep.decide(p.src, p.m.line(key), "%s merged into tags: %s", key, strings.Join(terms, ", "))
		}
	}
	if len(tags) > 0 {
		fmt.Fprintf(&b, "tags: %s\n", list(tags))
	}
	if w, ok := p.m.get("weight"); ok {
		fmt.Fprintf(&b, "weight: %d\n", intOf(w))
	}
	if tk := p.m.getStr("translationkey"); tk != "" {
		fmt.Fprintf(&b, "translationKey: %s\n", q(tk))
	}
	if p.draft {
		b.WriteString("draft: true\n")
	}
	if len(p.aliases) > 0 {
		fmt.Fprintf(&b, "aliases: %s\n", list(p.aliases))
	}
	b.WriteString("---\n")
	for _, k := range p.m.keys {
		if !slices.Contains(handledKeys(), strings.ToLower(k)) && !slices.Contains(im.cfg.taxonomies, strings.ToLower(k)) {
			im.rep.notConverted(p.src, p.m.line(strings.ToLower(k)), "front matter key %q dropped (hubgen does not read it)", k)
		}
	}
	return b.String()
}

// menuNames are the names of hubgen's section menu entries.
func menuNames(lang, section string) string {
	pl := map[string]string{"news": "Aktualności", "organisations": "Organizacje", "projects": "Projekty", "topics": "Tematy"}
	en := map[string]string{"news": "News", "organisations": "Organisations", "projects": "Projects", "topics": "Topics"}
	if lang == "pl" {
		return pl[section]
	}
	return en[section]
}

// menuItem is a page entry of a language's menu.
type menuItem struct {
	name, page string
	weight     int
}

// configTOML writes hubgen's config.toml; menus lists the pages' menu
// entries per language (nil: sections only).
func (im *importer) configTOML(menus map[string][]menuItem) string {
	c := im.cfg
	var b strings.Builder
	b.WriteString("# Imported from a Hugo site (hubgen import). Every key: docs/design.md (\"Configuration\").\n\n")
	base := c.baseURL
	if _, err := config.ParseBaseURL(base); err != nil {
		base = "http://localhost:1313/"
	}
	fmt.Fprintf(&b, "baseURL = %q\ndefaultLanguage = %q\n", base, im.hubLang)
	for i, code := range im.langs {
		l := c.lang(code)
		title := firstNonEmpty(l.title, c.title, code)
		fmt.Fprintf(&b, "\n[languages.%s]\ntitle = %q\n", code, title)
		if d, ok := c.param(code, "description"); ok && str(d) != "" {
			fmt.Fprintf(&b, "description = %q\n", str(d))
		}
		fmt.Fprintf(&b, "weight = %d\n", i+1)
		if menus == nil {
			continue
		}
		for _, section := range []string{"news", "organisations", "projects", "topics"} {
			if im.hasSection(code, section) {
				fmt.Fprintf(&b, "\n[[languages.%s.menu]]\nname = %q\nsection = %q\n", code, menuNames(code, section), section)
			}
		}
		for _, m := range menus[code] {
			fmt.Fprintf(&b, "\n[[languages.%s.menu]]\nname = %q\npage = %q\n", code, m.name, m.page)
		}
	}
	if len(im.redirects) > 0 {
		b.WriteString("\n# Old addresses of the Hugo site's list pages.\n[redirects]\n")
		olds := make([]string, 0, len(im.redirects))
		for u := range im.redirects {
			olds = append(olds, u)
		}
		sort.Strings(olds)
		for _, u := range olds {
			fmt.Fprintf(&b, "%q = %q\n", u, im.redirects[u])
		}
	}
	return b.String()
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// hasSection reports whether the language has published pages in a
// section (for "topics": a page with tags).
func (im *importer) hasSection(lang, section string) bool {
	for _, p := range im.pages {
		if p.lang != lang || !p.published {
			continue
		}
		if section == "topics" {
			for _, key := range im.cfg.taxonomies {
				if len(strList(p.m.values[key])) > 0 {
					return true
				}
			}
		} else if p.section == section {
			return true
		}
	}
	return false
}

// menus collects the pages in Hugo's main menu: front matter menu "main"
// and the configuration's main menu entries naming a page.
func (im *importer) menus() map[string][]menuItem {
	out := map[string][]menuItem{}
	add := func(p *page, name string, weight int) {
		if !p.published {
			return
		}
		item := menuItem{name: firstNonEmpty(name, p.title), page: p.section + "/" + p.name, weight: weight}
		for _, m := range out[p.lang] {
			if m.page == item.page {
				return
			}
		}
		out[p.lang] = append(out[p.lang], item)
		im.rep.decide(p.src, p.m.line("menu"), "in the menu of %s as %q", p.lang, item.name)
	}
	for _, p := range im.pages {
		v, ok := p.m.get("menu")
		if !ok {
			v, ok = p.m.get("menus")
		}
		if !ok {
			continue
		}
		switch t := v.(type) {
		case string:
			if t == "main" {
				add(p, "", 0)
			}
		case []any:
			if slices.Contains(strList(t), "main") {
				add(p, "", 0)
			}
		case map[string]any:
			if e, ok := t["main"]; ok {
				em := mapOf(e)
				add(p, str(em["name"]), intOf(em["weight"]))
			}
		}
	}
	entries := func(menus map[string]any, lang string) {
		list, _ := menus["main"].([]any)
		for _, e := range list {
			em := mapOf(e)
			ref := firstNonEmpty(str(em["pageref"]), str(em["url"]))
			var target *page
			for _, p := range im.pages {
				if p.lang == lang && (p.hugoURL == normalizeURL(ref) || p.group == strings.Trim(strings.TrimSuffix(ref, path.Ext(ref)), "/")) {
					target = p
				}
			}
			if target != nil {
				add(target, str(em["name"]), intOf(em["weight"]))
			} else if ref != "" && im.lists[normalizeURL(ref)] == "" {
				im.rep.notConverted(im.cfg.files[0], 0, "menu entry %q (%s) in %s: no page of the site; not in the menu", str(em["name"]), ref, lang)
			}
		}
	}
	for _, code := range im.langs {
		if code == im.cfg.defaultLang {
			entries(im.cfg.menus, code)
		}
		if l := im.cfg.lang(code); l != nil {
			entries(l.menus, code)
		}
	}
	for _, items := range out {
		sort.SliceStable(items, func(i, j int) bool {
			if items[i].weight != items[j].weight {
				return items[i].weight < items[j].weight
			}
			return items[i].name < items[j].name
		})
	}
	return out
}

// write writes the hubgen site.
func (im *importer) write() error {
	if err := os.MkdirAll(im.dest, 0o755); err != nil {
		return fmt.Errorf("writing the hubgen site: %w", err)
	}
	if err := im.writeFile("config.toml", []byte(im.configTOML(im.menus()))); err != nil {
		return err
	}
	copied := map[string]string{} // destination -> source
	for _, p := range im.pages {
		text := im.frontMatter(p) + im.convertBody(p)
		if !strings.HasSuffix(text, "\n") {
			text += "\n"
		}
		if err := im.writeFile(p.target, []byte(text)); err != nil {
			return err
		}
		im.rep.Pages++
		for _, f := range im.scan.bundles[p.bundleDir()] {
			rel := strings.TrimPrefix(f, p.bundleDir()+"/")
			dst := path.Join(path.Dir(p.target), rel)
			if prev, ok := copied[dst]; ok {
				if prev != f && !sameFile(filepath.Join(im.src, prev), filepath.Join(im.src, f)) {
					im.rep.notConverted(f, 0, "not copied: %s already holds %s", dst, prev)
				}
				continue
			}
			if ext := path.Ext(f); ext == ".md" || ext == ".markdown" {
				im.rep.notConverted(f, 0, "Markdown file in a page bundle is not imported (hubgen reads only the bundle's index.md)")
				copied[dst] = f
				continue
			}
			copied[dst] = f
			if err := im.copyFile(f, dst); err != nil {
				return err
			}
			im.rep.Files++
		}
	}
	for _, f := range im.scan.stray {
		im.rep.notConverted(f, 0, "file outside a page bundle is not imported (hubgen publishes files of content/ only in bundles; put it in static/)")
	}
	var statics []string
	for f := range im.static {
		statics = append(statics, f)
	}
	sort.Strings(statics)
	for _, f := range statics {
		if im.theme[f] {
			im.rep.notConverted("static"+f, 0, "not copied: hubgen's own static%s has that path", f)
			continue
		}
		if why := im.generatedFile(f); why != "" {
			im.rep.notConverted("static"+f, 0, "not copied: %s", why)
			continue
		}
		if err := im.copyFile("static"+f, "static"+f); err != nil {
			return err
		}
		im.rep.Files++
	}
	for _, dir := range []string{"layouts", "i18n", "assets", "data", "themes"} {
		if fi, err := os.Stat(filepath.Join(im.src, dir)); err == nil && fi.IsDir() {
			im.rep.decide(dir, 0, "not imported: the hubgen site uses hubgen's own layouts, i18n and static files")
		}
	}
	if im.opts.Theme != nil {
		for _, dir := range []string{"layouts", "i18n", "static"} {
			if err := im.copyTheme(dir); err != nil {
				return err
			}
		}
	}
	return nil
}

func sameFile(a, b string) bool {
	x, err1 := os.ReadFile(a)
	y, err2 := os.ReadFile(b)
	return err1 == nil && err2 == nil && bytes.Equal(x, y)
}

// writeFile writes a file of the destination (rel is slash-separated).
func (im *importer) writeFile(rel string, data []byte) error {
	p := filepath.Join(im.dest, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("writing the hubgen site: %w", err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return fmt.Errorf("writing the hubgen site: %w", err)
	}
	return nil
}

// copyFile copies a file of the Hugo site into the destination.
func (im *importer) copyFile(src, dst string) error {
	in, err := os.Open(filepath.Join(im.src, filepath.FromSlash(src)))
	if err != nil {
		return fmt.Errorf("reading the Hugo site: %w", err)
	}
	defer in.Close()
	p := filepath.Join(im.dest, filepath.FromSlash(dst))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("writing the hubgen site: %w", err)
	}
	out, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("writing the hubgen site: %w", err)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("copying %s: %w", src, err)
	}
	if err := out.Close(); err != nil {
		return fmt.Errorf("copying %s: %w", src, err)
	}
	return nil
}

// copyTheme copies a folder of hubgen's theme into the destination.
func (im *importer) copyTheme(dir string) error {
	return fs.WalkDir(im.opts.Theme, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir && os.IsNotExist(err) {
				return fs.SkipAll
			}
			return fmt.Errorf("reading hubgen's theme: %w", err)
		}
		if d.IsDir() {
			return nil
		}
		data, err := fs.ReadFile(im.opts.Theme, p)
		if err != nil {
			return fmt.Errorf("reading hubgen's theme: %w", err)
		}
		return im.writeFile(p, data)
	})
}
