// Package corpus generates large synthetic portals for benchmarks: N
// translation pairs of news items, legal acts, organisation and project
// profiles in Polish and English, written with sentences taken from the
// bundled content so that word frequencies look like the real portal's.
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
)

// Options describe a corpus.
type Options struct {
	Repo  string // the repository root: config, layouts, i18n, static and the bundled content
	Dir   string // where to write the site
	Pairs int    // translation pairs (pages = 2 × Pairs plus the bundled pages)
	Seed  uint64
}

var sentenceEnd = regexp.MustCompile(`[.;:]\s+`)

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
			for _, s := range sentenceEnd.Split(line, -1) {
				if len(s) > 40 {
					out = append(out, strings.TrimSpace(s)+".")
				}
			}
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no sentences in %s content", lang)
	}
	return out, nil
}

var topics = []string{"radicalisation", "counter-terrorism", "cbrn", "organised-crime", "child-protection", "cybercrime", "border-security", "eastern-cooperation", "eu-cooperation", "international-cooperation"}

// Generate writes the corpus: a copy of the repository's site inputs plus the
// generated pages.
func Generate(o Options) error {
	if err := CopySite(o.Repo, o.Dir); err != nil {
		return err
	}
	text := map[string][]string{}
	for _, l := range []string{"pl", "en"} {
		s, err := sentences(o.Repo, l)
		if err != nil {
			return err
		}
		text[l] = s
	}
	r := rand.New(rand.NewPCG(o.Seed, 2026))
	sections := []string{"news", "news", "news", "news", "news", "news", "decisions", "organisations", "organisations", "projects"}
	for i := 0; i < o.Pairs; i++ {
		section := sections[r.IntN(len(sections))]
		name := fmt.Sprintf("gen-%06d", i)
		date := fmt.Sprintf("20%02d-%02d-%02d", 10+r.IntN(16), 1+r.IntN(12), 1+r.IntN(28))
		tags := []string{topics[r.IntN(len(topics))], topics[r.IntN(len(topics))]}
		if tags[0] == tags[1] {
			tags = tags[:1]
		}
		paras := 3 + r.IntN(6)
		picks := make([]int, 0, paras*4)
		for k := 0; k < paras*4; k++ {
			picks = append(picks, r.IntN(1<<30))
		}
		for _, lang := range []string{"pl", "en"} {
			s := text[lang]
			title := strings.TrimSuffix(s[picks[0]%len(s)], ".")
			if len(title) > 90 {
				title = title[:strings.LastIndex(title[:90], " ")]
			}
			title = fmt.Sprintf("%s (%d)", title, i)
			var b strings.Builder
			fmt.Fprintf(&b, "---\ntitle: %q\nslug: %s\ndate: %s\nsummary: %q\ntags: [%s]\n", title, fmt.Sprintf("%s-%s", lang, name), date, s[picks[1]%len(s)], strings.Join(tags, ", "))
			switch section {
			case "decisions":
				fmt.Fprintf(&b, "act:\n  type: %q\n  number: \"%d/%d\"\n  celex: \"3%dD%04d\"\n", map[string]string{"pl": "Decyzja Rady (WPZiB)", "en": "Council Decision (CFSP)"}[lang], 2000+i%25, i, 2000+i%25, i%10000)
			case "projects":
				fmt.Fprintf(&b, "coordinator: %q\nstart: 2022-10\nend: 2025-09\n", "PPBW")
			}
			b.WriteString("---\n\n")
			for k := 0; k < paras; k++ {
				if k == 1 {
					fmt.Fprintf(&b, "## %s\n\n", strings.TrimSuffix(s[picks[k*4]%len(s)], "."))
				}
				for j := 0; j < 4; j++ {
					b.WriteString(s[picks[k*4+j]%len(s)])
					b.WriteByte(' ')
				}
				if k == 2 {
					b.WriteString("[Europol](../organisations/europol.md).")
				}
				b.WriteString("\n\n")
			}
			p := filepath.Join(o.Dir, "content", section, name+"."+lang+".md")
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}

// CopySite copies a site's inputs (config.toml, content/, layouts/, static/,
// i18n/) from repo into dir, for tests and benchmarks that change them.
func CopySite(repo, dir string) error {
	for _, name := range []string{"config.toml", "content", "layouts", "static", "i18n"} {
		if err := copyTree(filepath.Join(repo, name), filepath.Join(dir, name)); err != nil {
			return fmt.Errorf("copying %s: %w", name, err)
		}
	}
	return nil
}

func copyTree(src, dst string) error {
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
