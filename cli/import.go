package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"hubgen/generator/hugoimport"
)

// sectionFlags collects repeated --section hugo=hubgen flags.
type sectionFlags map[string]string

func (s sectionFlags) String() string {
	var parts []string
	for k, v := range s {
		parts = append(parts, k+"="+v)
	}
	sort.Strings(parts)
	return strings.Join(parts, ",")
}

func (s sectionFlags) Set(v string) error {
	k, val, ok := strings.Cut(v, "=")
	if !ok || strings.TrimSpace(k) == "" || strings.TrimSpace(val) == "" {
		return fmt.Errorf("want HUGO=HUBGEN, as in posts=news, not %q", v)
	}
	s[strings.TrimSpace(k)] = strings.TrimSpace(val)
	return nil
}

// runImport runs `hubgen import hugo SRC DEST`: it converts a Hugo site
// into a new hubgen site, with hubgen's own layouts, i18n and static
// files from theme (none when nil).
func runImport(args []string, stdout, stderr io.Writer, theme fs.FS) int {
	set := newFlags("import", "import hugo SRC DEST [--section HUGO=HUBGEN]… [--map FILE] [--keep-unknown]", stdout, stderr)
	sections := sectionFlags{}
	set.Var(sections, "section", "map a Hugo section to a hubgen section (news, organisations, projects, pages), as in --section wydarzenia=news; repeatable")
	mapFile := set.String("map", "", "a TOML file whose [sections] table maps Hugo sections to hubgen sections")
	keep := set.Bool("keep-unknown", false, "keep an unknown shortcode in the text as inline code instead of removing it")
	flags, pos := interspersed(set, args)
	if st, stop := parse(set, flags, stdout); stop {
		return st
	}
	if len(pos) != 3 || pos[0] != "hugo" {
		fmt.Fprintln(stderr, "hubgen import: want hugo SRC DEST")
		set.Usage()
		return exitUsage
	}
	opts := hugoimport.Options{Sections: map[string]string{}, KeepUnknown: *keep, Theme: theme}
	if *mapFile != "" {
		var m struct{ Sections map[string]string }
		if _, err := toml.DecodeFile(*mapFile, &m); err != nil {
			fmt.Fprintf(stderr, "hubgen import: --map: %v\n", err)
			return exitUsage
		}
		for k, v := range m.Sections {
			opts.Sections[k] = v
		}
	}
	for k, v := range sections {
		opts.Sections[k] = v
	}
	rep, err := hugoimport.Import(pos[1], pos[2], opts)
	if err != nil {
		fmt.Fprintf(stderr, "hubgen import: %v\n", err)
		var ue *hugoimport.UsageError
		if errors.As(err, &ue) {
			return exitUsage
		}
		return exitError
	}
	fmt.Fprintf(stdout, "hubgen: imported %d pages and copied %d files into %s; %d items not converted; report: %s\n", rep.Pages, rep.Files, pos[2], len(rep.NotConverted), rep.Path)
	if theme == nil {
		fmt.Fprintln(stderr, "hubgen import: no theme given: copy layouts/, i18n/ and static/ of hubgen into the new site")
	}
	return exitOK
}
