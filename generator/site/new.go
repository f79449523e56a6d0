package site

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"hubgen/generator/config"
)

var newNameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// NewContent creates content/<section>/<name>.<lang>.md with the front matter
// its section needs, and returns its path. It never overwrites a file.
func NewContent(source, section, name, lang string, now time.Time) (string, error) {
	ok := false
	for _, s := range config.Sections {
		ok = ok || s == section
	}
	if !ok {
		return "", fmt.Errorf("unknown section %q (sections: %v)", section, config.Sections)
	}
	if !newNameRE.MatchString(name) {
		return "", fmt.Errorf("name %q: use lower-case letters, digits and hyphens", name)
	}
	if lang != "pl" && lang != "en" {
		return "", fmt.Errorf("--lang must be pl or en, not %q", lang)
	}
	title := strings.ReplaceAll(name, "-", " ")
	title = strings.ToUpper(title[:1]) + title[1:]
	fm := "---\ntitle: \"" + title + "\"\nslug: " + name + "\n"
	switch section {
	case "news":
		fm += "date: " + now.Format("2006-01-02") + "\nsummary: \"\"\ntags: []\n"
	case "decisions":
		fm += "date: " + now.Format("2006-01-02") + "\nsummary: \"\"\ntags: []\nact:\n  type: \"\"\n  number: \"\"\n  adopted: \n  celex: \"\"\n  eli: \"\"\n"
	case "projects":
		fm += "summary: \"\"\ntags: []\ncoordinator: \"\"\npartners: []\nstart: \nend: \nfunding: \"\"\nwebsite: \"\"\n"
	case "organisations":
		fm += "summary: \"\"\ntags: []\nfounders: []\nareas: []\nwebsite: \"\"\n"
	default:
		fm += "summary: \"\"\n"
	}
	fm += "draft: true\n---\n\n"
	path := filepath.Join(source, "content", section, name+"."+lang+".md")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", fmt.Errorf("creating %s: %w", filepath.Dir(path), err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return "", fmt.Errorf("creating %s: %w", path, err)
	}
	defer f.Close()
	if _, err := f.WriteString(fm); err != nil {
		return "", fmt.Errorf("writing %s: %w", path, err)
	}
	return path, nil
}
