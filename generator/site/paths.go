package site

import (
	"context"
	"sort"
	"strings"

	"hubgen/generator/assets"
	"hubgen/generator/diag"
	"hubgen/generator/output"
	"hubgen/generator/render"
	"hubgen/generator/source"
)

// searchDir is the output directory the search index is written to, one
// directory per language (search/<lang>/).
const searchDir = "search/"

// inSearchIndex tells whether output file f lies in the search index:
// in a directory under searchDir. search/index.html is not: it is the
// search page of a default language whose segment is "search".
func inSearchIndex(f string) bool {
	rest, ok := strings.CutPrefix(f, searchDir)
	return ok && strings.Contains(rest, "/")
}

// staticFiles lists static/ through the tree's checks, as paths relative to
// static/; refused files are errors in ds.
func staticFiles(tree *source.Tree, ds *diag.List) []string {
	files, problems := tree.Files("static")
	for _, e := range problems {
		ds.Errorf(e.Path, 1, 1, "%s", e.Msg)
	}
	out := make([]string, len(files))
	for i, f := range files {
		out[i] = strings.TrimPrefix(f, "static/")
	}
	return out
}

// withCopies adds to the static files the output files of copies (see
// content.Site.BundleFiles), sorted.
func withCopies(static []string, copies map[string]string) []string {
	if len(copies) == 0 {
		return static
	}
	for f := range copies {
		static = append(static, f)
	}
	sort.Strings(static)
	return static
}

// sourceOf is the source file of a file copied into the output: the page
// bundle's file copies names, or else the file of static/.
func sourceOf(f string, copies map[string]string) string {
	if src, ok := copies[f]; ok {
		return src
	}
	return "static/" + f
}

// copyStatic copies the static files (paths relative to static/, or the
// output files of copies) through w, the scripts and style sheets of
// static/ minified (package assets).
func copyStatic(ctx context.Context, tree *source.Tree, files []string, copies map[string]string, w *output.Writer) error {
	min := assets.New()
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		data, err := tree.ReadFile(sourceOf(f, copies))
		if err != nil {
			return err
		}
		if _, copied := copies[f]; !copied {
			if data, err = min.Publish(f, data); err != nil {
				return err
			}
		}
		w.Write(f, data)
	}
	return nil
}

// checkPaths finds, before anything is written, every place where two
// things would be written to one path of the output: a static file where a
// page goes, anything inside the search index's directory, or a file where
// another file needs a directory (an alias /feed.xml makes feed.xml/index.html
// where the feed is the file feed.xml). `check` and `build` both run it, so
// that a build never fails on such a clash with a bare OS message.
func checkPaths(outputs []*render.Output, static []string, copies map[string]string, ds *diag.List) {
	type claim struct {
		who, path string
		line      int
		copied    bool // a file of static/ or of a page bundle
	}
	claims := map[string]claim{}
	var files []string
	for _, f := range static {
		src := sourceOf(f, copies)
		claims[f] = claim{src, src, 1, true}
		files = append(files, f)
	}
	for _, o := range outputs {
		who, path, line := o.Source()
		f := o.File()
		if prev, ok := claims[f]; ok && prev.copied {
			ds.Errorf(prev.path, 1, 1, "%s is written to the same place as %s (%s): rename or remove the file", prev.who, who, f)
			continue
		}
		if _, ok := claims[f]; !ok {
			claims[f] = claim{who, path, line, false}
			files = append(files, f)
		}
	}
	sort.Strings(files)
	for _, f := range files {
		c := claims[f]
		if inSearchIndex(f) {
			ds.Errorf(c.path, c.line, 1, "%s would be written as %s, inside the search index's directory %s: choose another path", c.who, f, searchDir)
			continue
		}
		for i := strings.IndexByte(f, '/'); i >= 0; i = nextSlash(f, i) {
			if d, ok := claims[f[:i]]; ok {
				ds.Errorf(c.path, c.line, 1, "%s would be written as %s, inside %s, which is already a file (%s): choose another path", c.who, f, f[:i], d.who)
				break
			}
		}
	}
}

func nextSlash(s string, i int) int {
	j := strings.IndexByte(s[i+1:], '/')
	if j < 0 {
		return -1
	}
	return i + 1 + j
}
