package hugoimport

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// pageKind tells a regular page from a leaf bundle's and a branch's.
type pageKind int

const (
	regularPage pageKind = iota // posts/a.md
	bundlePage                  // posts/trip/index.md
	branchPage                  // posts/_index.md, _index.md
)

// page is one content file of the Hugo site and what becomes of it.
type page struct {
	src   string // path in the Hugo site: content/posts/a.en.md
	root  string // its content folder: content
	rel   string // path in the content folder: posts/a.en.md
	kind  pageKind
	lang  string
	group string // translation group: the path without language and extension (posts/a, posts/trip, posts/_index)
	m     *matter

	title                                  string
	date, lastmod, publishDate, expiryDate *hugoDate
	draft                                  bool
	hugoURL                                string
	published                              bool // Hugo publishes it

	// What it becomes.
	section string // hubgen section
	name    string
	slug    string
	url     string // url in hubgen's front matter
	hubURL  string // the URL hubgen publishes it at
	target  string // its file in DEST: content/news/x.pl.md
	aliases []string
	ids     map[string]string // Hugo heading id -> hubgen heading id
}

// pathParts returns the folder a page's URL is made in and its base name,
// without language suffix and extension: ("posts/sub", "a") for
// posts/sub/a.en.md, ("posts", "trip") for the bundle posts/trip/index.md,
// ("posts", "") for posts/_index.md.
func (p *page) pathParts() (dir, base string) {
	dir = path.Dir(p.rel)
	if dir == "." {
		dir = ""
	}
	switch p.kind {
	case bundlePage:
		return strings.TrimSuffix(path.Dir(dir), "."), path.Base(dir)
	case branchPage:
		return dir, ""
	}
	return dir, path.Base(p.group)
}

// hugoSection is the page's Hugo section: the first folder of its path
// ("" for a page at the content root).
func (p *page) hugoSection() string {
	first, _, nested := strings.Cut(p.rel, "/")
	if !nested {
		return ""
	}
	return first
}

// bundleDir is a leaf bundle's folder in the site (content/posts/trip), or
// "" for a page that is no bundle.
func (p *page) bundleDir() string {
	if p.kind != bundlePage {
		return ""
	}
	return path.Dir(p.src)
}

// scan is what the content folders hold.
type scan struct {
	pages   []*page
	bundles map[string][]string // bundle folder (content/posts/trip) -> its files (site paths), sorted
	stray   []string            // files outside any bundle
	other   []string            // content files in formats hubgen does not read
}

// scanContent walks every language's content folder.
func scanContent(src string, c *hugoConfig) (*scan, error) {
	s := &scan{bundles: map[string][]string{}}
	dirs := map[string][]string{} // content folder -> the languages that use it
	for _, l := range c.langs {
		dirs[l.contentDir] = append(dirs[l.contentDir], l.code)
	}
	codes := map[string]bool{}
	for _, l := range c.langs {
		codes[l.code] = true
	}
	var roots []string
	for d := range dirs {
		roots = append(roots, d)
	}
	slices.Sort(roots)
	for _, root := range roots {
		dirLang := c.defaultLang
		if ls := dirs[root]; len(ls) == 1 || !slices.Contains(ls, c.defaultLang) {
			dirLang = ls[0]
		}
		if err := s.walk(src, root, dirLang, codes, dirs); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// walk reads one content folder; files without a language suffix are in
// dirLang. Folders that are another language's content folder are left to
// their own walk.
func (s *scan) walk(src, root, dirLang string, codes map[string]bool, roots map[string][]string) error {
	base := filepath.Join(src, filepath.FromSlash(root))
	if _, err := os.Stat(base); err != nil {
		if os.IsNotExist(err) {
			return nil
		}
		return fmt.Errorf("reading the content folder: %w", err)
	}
	var files []string
	leaf := map[string]bool{} // folders (site paths) that hold index.md
	err := filepath.WalkDir(base, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if p != base && (roots[rel] != nil || strings.HasPrefix(d.Name(), ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") || !d.Type().IsRegular() {
			return nil
		}
		files = append(files, rel)
		if name, _, ok := splitName(d.Name(), codes); ok && name == "index" {
			leaf[path.Dir(rel)] = true
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("reading the content folder %s: %w", root, err)
	}
	for _, f := range files {
		if b := bundleOf(f, leaf); b != "" {
			if name, _, ok := splitName(path.Base(f), codes); !(ok && name == "index" && path.Dir(f) == b) {
				s.bundles[b] = append(s.bundles[b], f)
				continue
			}
		}
		name, lang, ok := splitName(path.Base(f), codes)
		if !ok {
			if isContentFile(f) {
				s.other = append(s.other, f)
			} else {
				s.stray = append(s.stray, f)
			}
			continue
		}
		if lang == "" {
			lang = dirLang
		}
		rel := strings.TrimPrefix(f, root+"/")
		p := &page{src: f, root: root, rel: rel, lang: lang}
		dir := path.Dir(rel)
		switch name {
		case "index":
			p.kind, p.group = bundlePage, dir
		case "_index":
			p.kind, p.group = branchPage, path.Join(dir, "_index")
		default:
			p.group = path.Join(dir, name)
		}
		s.pages = append(s.pages, p)
	}
	return nil
}

// bundleOf returns the innermost leaf bundle folder holding file f, or "".
func bundleOf(f string, leaf map[string]bool) string {
	for d := path.Dir(f); d != "." && d != "/"; d = path.Dir(d) {
		if leaf[d] {
			// A bundle inside a bundle is part of the outer one.
			outer := bundleOf(d, leaf)
			if outer != "" {
				return outer
			}
			return d
		}
	}
	return ""
}

// splitName splits a Markdown file's name into its name and language
// suffix ("a.en.md" -> "a", "en"); ok is false for a file that is not
// Markdown.
func splitName(file string, codes map[string]bool) (name, lang string, ok bool) {
	ext := path.Ext(file)
	if ext != ".md" && ext != ".markdown" {
		return "", "", false
	}
	name = strings.TrimSuffix(file, ext)
	if i := strings.LastIndexByte(name, '.'); i > 0 && codes[strings.ToLower(name[i+1:])] {
		return name[:i], strings.ToLower(name[i+1:]), true
	}
	return name, "", true
}

// isContentFile reports whether Hugo reads f as a page in a format other
// than Markdown.
func isContentFile(f string) bool {
	switch path.Ext(f) {
	case ".html", ".htm", ".org", ".adoc", ".asciidoc", ".pandoc", ".pdc", ".rst", ".mmark":
		return true
	}
	return false
}
