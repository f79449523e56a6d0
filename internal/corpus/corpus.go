// Package corpus generates large synthetic portals for benchmarks: N
// translation pairs of news items, legal acts, organisation and project
// profiles in Polish and English, written with sentences taken from the
// bundled content so that word frequencies look like the real portal's.
//
// Bodies look like the portal's real pages: paragraphs under level-2
// headings, bullet and numbered lists, footnotes, links to other pages
// (bundled and generated, as .md files the build resolves); legal acts
// (decisions) are written in the act syntax of docs/editors-guide.md
// (institution line, citations, recitals, enacting formula, articles with
// numbered paragraphs and lettered points, cross-references, final part,
// annex, footnotes), with the same parts in both languages.
//
// The tree is also a Hugo content tree: translations are name.pl.md and
// name.en.md, front matter (title, slug, date, summary, tags) is plain YAML.
// Output is deterministic for a given size and seed.
package corpus

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Options describe a corpus.
type Options struct {
	Repo  string // the repository root: config, layouts, i18n, static and the bundled content
	Dir   string // where to write the site
	Pairs int    // translation pairs (pages = 2 × Pairs plus the bundled pages)
	Seed  uint64
}

var (
	sentenceEnd = regexp.MustCompile(`[.;:]\s+`)
	// footnoteRef is a footnote reference inside a bundled sentence; the
	// generated pages write their own.
	footnoteRef = regexp.MustCompile(`\[\^[^\]]*\]`)
	// leadNumber is a recital's or point's number at the start of a line.
	leadNumber = regexp.MustCompile(`^(?:\(\d+\)|\([a-z]\)|[a-z]\))\s+`)
	// actRef is a reference to a part of an act ("art. 7", "ust. 4",
	// "Article 7(4)", "paragraph 2"); sentences with one are kept out of
	// generated acts, whose references must name parts they have.
	actRef = regexp.MustCompile(`(?i)(?:art\.|ust\.|lit\.|article|paragraph)\s+\(?\d`)
)

// sentences collects the prose sentences of the bundled content in one language.
func sentences(repo, lang string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(repo, "content", "*", "*."+lang+".md"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var out []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		parts := bytes.SplitN(data, []byte("\n---\n"), 2)
		if len(parts) < 2 {
			continue
		}
		for _, line := range strings.Split(string(parts[1]), "\n") {
			line = strings.TrimSpace(line)
			if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "[^") || strings.Contains(line, "](") {
				continue
			}
			line = strings.TrimLeft(line, "-*0123456789.) ")
			line = leadNumber.ReplaceAllString(footnoteRef.ReplaceAllString(line, ""), "")
			line = strings.ReplaceAll(line, "*", "")
			for _, s := range splitSentences(line) {
				s = strings.TrimRight(strings.TrimSpace(s), ".;:,")
				if len(s) > 40 {
					out = append(out, upperFirst(s)+".")
				}
			}
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no sentences in %s content", lang)
	}
	return out, nil
}

// abbreviations end with a period that does not end a sentence.
var abbreviations = map[string]bool{
	"art": true, "ust": true, "lit": true, "pkt": true, "ds": true, "tzw": true, "np": true, "m.in": true,
	"nr": true, "r": true, "s": true, "tj": true, "ok": true, "godz": true, "e.g": true, "i.e": true,
	"p": true, "No": true, "Art": true, "para": true, "cf": true, "etc": true, "St": true, "Dz.U": true,
}

// splitSentences splits a line into sentences at a period, semicolon or
// colon followed by a space, but not after an abbreviation ("ds.", "art.")
// nor before a lowercase letter or a digit, where the sentence goes on.
func splitSentences(line string) []string {
	var out []string
	start := 0
	for _, m := range sentenceEnd.FindAllStringIndex(line, -1) {
		before := line[start:m[0]]
		word := before[strings.LastIndexAny(before, " („“")+1:]
		if line[m[0]] == '.' && abbreviations[word] {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(line[m[1]:]); unicode.IsLower(r) || unicode.IsDigit(r) {
			continue
		}
		out = append(out, line[start:m[0]+1])
		start = m[1]
	}
	return append(out, line[start:])
}

// upperFirst capitalises a sentence that starts in lowercase (a list item
// of the bundled content).
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// pool is the text of one language: every sentence, and those a legal act
// can hold (no references to parts of acts).
type pool struct {
	lang string
	all  []string
	act  []string
}

func newPool(repo, lang string) (*pool, error) {
	all, err := sentences(repo, lang)
	if err != nil {
		return nil, err
	}
	p := &pool{lang: lang, all: all}
	for _, s := range all {
		if !actRef.MatchString(s) {
			p.act = append(p.act, s)
		}
	}
	if len(p.act) == 0 {
		return nil, fmt.Errorf("no sentences without references in %s content", lang)
	}
	return p, nil
}

var topics = []string{"radicalisation", "counter-terrorism", "cbrn", "organised-crime", "child-protection", "cybercrime", "border-security", "eastern-cooperation", "eu-cooperation", "international-cooperation"}

// picksPerPair is how many random numbers each pair draws: enough for the
// longest body; both languages read the same ones in the same order, so
// that the two versions have the same structure.
const picksPerPair = 160

// Generate writes the corpus: a copy of the repository's site inputs plus the
// generated pages.
func Generate(o Options) error {
	if err := CopySite(o.Repo, o.Dir); err != nil {
		return err
	}
	pools := map[string]*pool{}
	for _, l := range []string{"pl", "en"} {
		p, err := newPool(o.Repo, l)
		if err != nil {
			return err
		}
		pools[l] = p
	}
	r := rand.New(rand.NewPCG(o.Seed, 2026))
	sections := []string{"news", "news", "news", "news", "news", "news", "decisions", "organisations", "organisations", "projects"}
	earlier := map[string][]string{} // section -> names generated so far
	var acts []string                // numbers of the acts generated so far
	for i := 0; i < o.Pairs; i++ {
		section := sections[r.IntN(len(sections))]
		name := fmt.Sprintf("gen-%06d", i)
		date := fmt.Sprintf("20%02d-%02d-%02d", 10+r.IntN(16), 1+r.IntN(12), 1+r.IntN(28))
		tags := []string{topics[r.IntN(len(topics))], topics[r.IntN(len(topics))]}
		if tags[0] == tags[1] {
			tags = tags[:1]
		}
		picks := make([]int, picksPerPair)
		for k := range picks {
			picks[k] = r.IntN(1 << 30)
		}
		number := fmt.Sprintf("%d/%d", 2000+i%25, i)
		for _, lang := range []string{"pl", "en"} {
			pg := &page{pool: pools[lang], picks: picks, index: i, section: section, earlier: earlier, acts: acts}
			s := pg.pool.all
			title := strings.TrimSuffix(s[picks[0]%len(s)], ".")
			if len(title) > 90 {
				title = title[:strings.LastIndex(title[:90], " ")]
			}
			title = fmt.Sprintf("%s (%d)", title, i)
			var b strings.Builder
			fmt.Fprintf(&b, "---\ntitle: %q\nslug: %s\ndate: %s\nsummary: %q\ntags: [%s]\n", title, fmt.Sprintf("%s-%s", lang, name), date, s[picks[1]%len(s)], strings.Join(tags, ", "))
			switch section {
			case "decisions":
				fmt.Fprintf(&b, "act:\n  type: %q\n  number: \"%s\"\n  celex: \"3%dD%04d\"\n", map[string]string{"pl": "Decyzja Rady (WPZiB)", "en": "Council Decision (CFSP)"}[lang], number, 2000+i%25, i%10000)
			case "projects":
				fmt.Fprintf(&b, "coordinator: %q\nstart: 2022-10\nend: 2025-09\n", "PPBW")
			}
			b.WriteString("---\n\n")
			if section == "decisions" {
				pg.act(&b, date)
			} else {
				pg.prose(&b)
			}
			p := filepath.Join(o.Dir, "content", section, name+"."+lang+".md")
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
				return err
			}
		}
		earlier[section] = append(earlier[section], name)
		if section == "decisions" {
			acts = append(acts, number)
		}
	}
	return nil
}

// CopySite copies a site's inputs (config.toml, content/, layouts/, static/,
// i18n/) from repo into dir, for tests and benchmarks that change them.
func CopySite(repo, dir string) error {
	for _, name := range []string{"config.toml", "content", "layouts", "static", "i18n"} {
		if err := CopyTree(filepath.Join(repo, name), filepath.Join(dir, name)); err != nil {
			return fmt.Errorf("copying %s: %w", name, err)
		}
	}
	return nil
}

// CopyTree copies the directory src, files and subdirectories, into dst.
func CopyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}
