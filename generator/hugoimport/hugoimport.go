// Package hugoimport turns a Hugo site into a hubgen site: the
// configuration's languages, base URL and titles into config.toml, each
// page into content/<section>/<name>.<lang>.md (a leaf bundle into
// content/<section>/<name>/ with its files), front matter into the keys
// hubgen reads, shortcodes, links and inline HTML into Markdown, and every
// URL Hugo published into the page's url or an alias, so that old links
// keep working. What it cannot convert, and each choice it made, goes into
// a report (import-report.md).
//
// The import is deterministic: two imports of one site are identical.
package hugoimport

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
)

// hubSections are the sections of hubgen a Hugo section may go to.
func hubSections() []string { return []string{"news", "organisations", "projects", "pages"} }

// Options configure an import.
type Options struct {
	// Sections maps a Hugo section (the first folder under a language's
	// content folder) to a hubgen section ("news", "organisations",
	// "projects" or "pages"), over DefaultSections.
	Sections map[string]string
	// KeepUnknown leaves an unknown shortcode in the text as inline code
	// instead of removing it.
	KeepUnknown bool
	// Theme holds hubgen's own layouts/, i18n/ and static/, written into
	// the destination; nil writes none.
	Theme fs.FS
	// Now is when Hugo would build, for pages dated in the future or
	// expired; zero means time.Now().
	Now time.Time
}

// DefaultSections returns the default mapping of Hugo sections to hubgen
// sections; any other section goes to "pages".
func DefaultSections() map[string]string {
	m := map[string]string{}
	for _, s := range []string{"posts", "post", "blog", "news", "aktualnosci", "wiadomosci", "events", "wydarzenia", "articles", "artykuly"} {
		m[s] = "news"
	}
	for _, s := range []string{"organisations", "organizations", "organizacje", "partners", "partnerzy"} {
		m[s] = "organisations"
	}
	for _, s := range []string{"projects", "projekty"} {
		m[s] = "projects"
	}
	return m
}

// Item is one entry of the report: a place in the Hugo site (a path from
// its root, slash-separated, and a line, 0 for the whole file) and what
// became of it.
type Item struct {
	Path    string
	Line    int
	Message string
}

func (it Item) String() string {
	switch {
	case it.Path == "":
		return it.Message
	case it.Line > 0:
		return fmt.Sprintf("%s:%d: %s", it.Path, it.Line, it.Message)
	}
	return it.Path + ": " + it.Message
}

// Report tells what an import did.
type Report struct {
	// NotConverted are the parts of the Hugo site the hubgen site does not
	// publish: unknown shortcodes, dropped front matter keys, raw HTML,
	// links that lead nowhere, pages left out, old URLs not kept.
	NotConverted []Item
	// Decisions are the choices the import made: sections, names,
	// aliases, tags, pages moved.
	Decisions []Item
	Pages     int    // content files written
	Files     int    // other files copied from the Hugo site (bundles' files, static/)
	Path      string // the report's file, DEST/import-report.md
}

func (r *Report) notConverted(path string, line int, format string, args ...any) {
	r.NotConverted = append(r.NotConverted, Item{path, line, fmt.Sprintf(format, args...)})
}

func (r *Report) decide(path string, line int, format string, args ...any) {
	r.Decisions = append(r.Decisions, Item{path, line, fmt.Sprintf(format, args...)})
}

// sortItems orders items by path, line and message, without duplicates.
func sortItems(items []Item) []Item {
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Message < b.Message
	})
	return slices.Compact(items)
}

// Markdown is the report as import-report.md has it.
func (r *Report) Markdown() string {
	var b strings.Builder
	b.WriteString("# Import report\n\n")
	fmt.Fprintf(&b, "%d pages written, %d files copied, %d items not converted.\n", r.Pages, r.Files, len(r.NotConverted))
	if groups := summarize(r.NotConverted); len(groups) > 0 {
		b.WriteString("\n## In short\n\nWhat was not converted, by kind (every item, with its place, follows).\n\n")
		for _, g := range groups {
			b.WriteString("- " + g + "\n")
		}
	}
	for _, part := range []struct {
		title, intro string
		items        []Item
	}{
		{"Not converted", "Parts of the Hugo site the hubgen site does not publish (path:line in the Hugo site).", r.NotConverted},
		{"Decisions", "Choices the import made.", r.Decisions},
	} {
		fmt.Fprintf(&b, "\n## %s\n\n%s\n\n", part.title, part.intro)
		if len(part.items) == 0 {
			b.WriteString("(none)\n")
		}
		for _, it := range part.items {
			b.WriteString("- " + it.String() + "\n")
		}
	}
	return b.String()
}

// kinds of items the summary of a report counts: a pattern of the
// message and what the group is called; the pattern's group names the
// item within it.
var kinds = []struct {
	re   *regexp.Regexp
	name string
}{
	{regexp.MustCompile(`^front matter key "([^"]+)" dropped`), "front matter keys dropped"},
	{regexp.MustCompile(`^unknown shortcode \{\{[<%]\s*/?([^\s>%/]+)`), "unknown shortcodes"},
	{regexp.MustCompile(`^raw HTML <([a-zA-Z0-9]+)`), "HTML tags not published"},
	{regexp.MustCompile(`^link(?: definition)? to `), "links that led nowhere, now plain text"},
}

// summarize counts items by kind ("12 front matter keys dropped: cover
// (5), author (4), …"), kinds in the order of kinds, names by count.
func summarize(items []Item) []string {
	counts := make([]map[string]int, len(kinds))
	totals := make([]int, len(kinds)+1)
	for _, it := range items {
		k := len(kinds)
		for i, kd := range kinds {
			if m := kd.re.FindStringSubmatch(it.Message); m != nil {
				if counts[i] == nil {
					counts[i] = map[string]int{}
				}
				if len(m) > 1 {
					counts[i][m[1]]++
				}
				k = i
				break
			}
		}
		totals[k]++
	}
	var out []string
	for i, kd := range kinds {
		if totals[i] == 0 {
			continue
		}
		line := fmt.Sprintf("%d %s", totals[i], kd.name)
		names := make([]string, 0, len(counts[i]))
		for n := range counts[i] {
			names = append(names, n)
		}
		sort.Slice(names, func(a, b int) bool {
			if counts[i][names[a]] != counts[i][names[b]] {
				return counts[i][names[a]] > counts[i][names[b]]
			}
			return names[a] < names[b]
		})
		for j, n := range names {
			if j == 0 {
				line += ": "
			} else {
				line += ", "
			}
			line += fmt.Sprintf("%s (%d)", n, counts[i][n])
		}
		out = append(out, line)
	}
	if n := totals[len(kinds)]; n > 0 {
		out = append(out, fmt.Sprintf("%d other items (pages, files and old URLs left out)", n))
	}
	return out
}

// UsageError is an import refused before it read anything: a destination
// that is not empty, or a bad section mapping.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

// Import reads the Hugo site in src and writes a hubgen site into dest,
// which must not exist or be an empty directory. The report is returned
// and written as dest/import-report.md. A *UsageError means nothing was
// read; any other error, that the Hugo site could not be read or dest
// not written.
func Import(src, dest string, opts Options) (*Report, error) {
	sections := DefaultSections()
	for k, v := range opts.Sections {
		if !slices.Contains(hubSections(), v) {
			return nil, &UsageError{fmt.Errorf("section mapping %s=%s: the hubgen section must be one of %s", k, v, strings.Join(hubSections(), ", "))}
		}
		sections[strings.ToLower(k)] = v
	}
	if err := checkDest(dest); err != nil {
		return nil, &UsageError{err}
	}
	cfg, err := readConfig(src)
	if err != nil {
		return nil, fmt.Errorf("reading the Hugo site: %w", err)
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	im := &importer{src: src, dest: dest, opts: opts, cfg: cfg, sections: sections, now: now, rep: &Report{}}
	if err := im.run(); err != nil {
		return nil, err
	}
	rep := im.rep
	rep.NotConverted = sortItems(rep.NotConverted)
	rep.Decisions = sortItems(rep.Decisions)
	rep.Path = filepath.Join(dest, "import-report.md")
	if err := os.WriteFile(rep.Path, []byte(rep.Markdown()), 0o644); err != nil {
		return nil, fmt.Errorf("writing the report: %w", err)
	}
	return rep, nil
}

// checkDest refuses a destination that exists and is not an empty
// directory: the import never overwrites anyone's files.
func checkDest(dest string) error {
	fi, err := os.Stat(dest)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("destination %s: %w", dest, err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("destination %s exists and is not a directory", dest)
	}
	entries, err := os.ReadDir(dest)
	if err != nil {
		return fmt.Errorf("destination %s: %w", dest, err)
	}
	if len(entries) > 0 {
		return fmt.Errorf("destination %s is not empty: import into a new or empty directory", dest)
	}
	return nil
}
