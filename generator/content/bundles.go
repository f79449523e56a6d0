package content

import (
	"path"
	"sort"
	"strings"

	"hubgen/generator/diag"
)

// BundleFiles works out where the files under content/ that are not
// Markdown (other, sorted paths relative to the site) are published. A
// file inside a page bundle (content/<section>/<name>/, whose page is
// index.md or index.<lang>.md) goes beside every published version of the
// page, at the same path relative to the page's URL as to its folder, so
// that `![alt](photo.jpg)` in the page finds it. A file outside any bundle
// is published nowhere: a warning names it. The result maps each output
// file (relative to the destination) to its source file.
func (s *Site) BundleFiles(other []string, ds *diag.List) map[string]string {
	if len(other) == 0 {
		return nil
	}
	read := map[string]bool{} // every bundle read, published or not
	for _, p := range s.files {
		if p.Bundle != "" {
			read[p.Bundle] = true
		}
	}
	published := map[string][]*Page{}
	for _, p := range s.Pages {
		if p.Bundle != "" && p.URL != "" {
			published[p.Bundle] = append(published[p.Bundle], p)
		}
	}
	for _, pages := range published {
		sort.Slice(pages, func(i, j int) bool { return pages[i].Lang < pages[j].Lang })
	}
	out := map[string]string{}
	for _, f := range other {
		bundle := bundleOf(f, read)
		if bundle == "" {
			ds.Warnf(diag.KindUnusedFile, f, 1, 1, "not published: a file under content/ is published only inside a page bundle (a folder content/<section>/<name>/ with index.md); put files every page uses in static/")
			continue
		}
		rel := strings.TrimPrefix(f, bundle+"/")
		for _, p := range published[bundle] {
			out[path.Join(pageDir(p.URL), rel)] = f
		}
	}
	return out
}

// bundleOf returns the bundle among read whose folder holds file f, or "".
func bundleOf(f string, read map[string]bool) string {
	for d := path.Dir(f); strings.Count(d, "/") >= 2; d = path.Dir(d) {
		if read[d] {
			return d
		}
	}
	return ""
}

// pageDir is the output directory (relative to the destination) of a page
// at site path url: the directory itself for "/x/y/", the file's
// directory for "/x/y.html".
func pageDir(url string) string {
	if strings.HasSuffix(url, "/") {
		return strings.Trim(url, "/")
	}
	return strings.Trim(path.Dir(url), "/")
}
