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
	var kind *config.Kind
	var sections []string
	for _, k := range config.DefaultKinds() {
		sections = append(sections, k.Section)
		if k.Section == section {
			kind = &k
		}
	}
	if kind == nil {
		return "", fmt.Errorf("unknown section %q (sections: %s)", section, strings.Join(sections, ", "))
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
	fm += strings.ReplaceAll(kind.Template, "{date}", now.Format("2006-01-02"))
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
