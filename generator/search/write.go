package search

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"hubgen/internal/parallel"
)

// Write builds the index of every language in langs from docs (see Build)
// and writes its files under dir/search/, on all cores. It returns the
// number of files written.
func Write(dir string, langs []string, docs []Doc, opts Options) (int, error) {
	files, err := Build(langs, docs, opts)
	if err != nil {
		return 0, err
	}
	names := make([]string, 0, len(files))
	dirs := map[string]bool{}
	for name := range files {
		names = append(names, name)
		dirs[filepath.Dir(filepath.Join(dir, filepath.FromSlash(name)))] = true
	}
	sort.Strings(names)
	for d := range dirs {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return 0, fmt.Errorf("writing search index: %w", err)
		}
	}
	errs := make([]error, len(names))
	parallel.For(len(names), func(i int) {
		errs[i] = os.WriteFile(filepath.Join(dir, filepath.FromSlash(names[i])), files[names[i]], 0o644)
	})
	for _, err := range errs {
		if err != nil {
			return 0, fmt.Errorf("writing search index: %w", err)
		}
	}
	return len(names), nil
}
