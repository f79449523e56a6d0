// Command build is the full-build benchmark of issue 12: it generates a
// portal (internal/corpus: 10,000 translation pairs by default), builds it
// with hubgen and with the tools users would pick instead (Debian's Hugo,
// Hugo 0.165, and Pagefind on Hugo's output, since hubgen's build includes
// its search index), runs them interleaved, and prints a Markdown report:
// per tool the median and range of wall time, CPU time, peak RSS, files and
// bytes written and the search index, hubgen's phases, and the ratios
// hubgen / Hugo against the targets of the issue. Run from the repository
// root:
//
//	go run ./bench/build                                # 10,000 pairs, 3 runs, destinations on disk
//	go run ./bench/build -pairs 2000 -runs 3            # quicker
//	go run ./bench/build -runs 3 -tmpfs -rebuild        # also on tmpfs, and a rebuild after one changed file
//	go run ./bench/build -tools hubgen -scale 100000    # hubgen alone, 10,000 and 100,000 pairs
//
// Hugo's site (configuration and layouts) is bench/hugo. Missing tools are
// named with the way to get them; Hugo 0.165 and Pagefind are installed
// into ~/.cache/hubgen-bench on first use (go install, npm). Progress goes
// to stderr, the report to stdout.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"hubgen/internal/corpus"
)

// config is what the flags ask for.
type config struct {
	repo    string
	pairs   int
	seed    uint64
	runs    int
	dir     string
	tmpfs   bool
	rebuild bool
	keep    bool
	tools   []string
	scale   int
	command string // the command line, for the report
}

func main() {
	var c config
	flag.StringVar(&c.repo, "repo", ".", "the repository root (hubgen's sources, bench/hugo, the bundled portal)")
	flag.IntVar(&c.pairs, "pairs", 10000, "translation pairs to generate (pages = 2 × pairs + the bundled ones)")
	flag.Uint64Var(&c.seed, "seed", 1, "corpus seed")
	flag.IntVar(&c.runs, "runs", 3, "interleaved runs of every tool")
	flag.StringVar(&c.dir, "dir", "", "work directory on disk (a new directory is made inside it); default: one under "+os.TempDir())
	flag.BoolVar(&c.tmpfs, "tmpfs", false, "also run everything with destinations on tmpfs (/dev/shm)")
	flag.BoolVar(&c.rebuild, "rebuild", false, "also measure a rebuild after one changed news item, into the previous output")
	flag.BoolVar(&c.keep, "keep", false, "keep the work directory (corpus, Hugo site, the last outputs)")
	tools := flag.String("tools", strings.Join(allTools, ","), "tools to run, comma-separated: "+strings.Join(allTools, ", "))
	flag.IntVar(&c.scale, "scale", 0, "also build a corpus of this many pairs with hubgen, in every run (issue 12: 100000)")
	flag.Parse()
	c.tools = splitList(*tools)
	c.command = strings.TrimSpace("go run ./bench/build " + strings.Join(os.Args[1:], " "))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	report, err := bench(ctx, c, os.Stderr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench/build:", err)
		stop()
		os.Exit(1)
	}
	os.Stdout.WriteString(report)
}

var allTools = []string{toolHubgen, toolHugoDebian, toolHugo165, toolPagefind}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func (c config) wants(tool string) bool {
	for _, t := range c.tools {
		if t == tool {
			return true
		}
	}
	return false
}

// bench runs the benchmark and returns the report.
func bench(ctx context.Context, c config, progress io.Writer) (string, error) {
	logf := func(format string, args ...any) { fmt.Fprintf(progress, "bench: "+format+"\n", args...) }
	for _, t := range c.tools {
		if !contains(allTools, t) {
			return "", fmt.Errorf("unknown tool %q in -tools (known: %s)", t, strings.Join(allTools, ", "))
		}
	}
	if c.runs < 1 || c.pairs < 1 {
		return "", errors.New("-runs and -pairs must be at least 1")
	}
	repo, err := filepath.Abs(c.repo)
	if err != nil {
		return "", err
	}
	base := c.dir
	if base == "" {
		base = os.TempDir()
	}
	if err := os.MkdirAll(base, 0o755); err != nil {
		return "", err
	}
	work, err := os.MkdirTemp(base, "hubgen-bench-")
	if err != nil {
		return "", err
	}
	if c.keep {
		logf("keeping the work directory %s", work)
	} else {
		defer os.RemoveAll(work)
	}
	r := &report{config: c, started: time.Now(), work: work, workFS: pathFSType(work)}
	if r.workFS == "tmpfs" {
		r.notes = append(r.notes, fmt.Sprintf("The work directory %s is on tmpfs: the \"disk\" figures are not on a disk; pass -dir.", work))
	}
	kinds := []destKind{{name: "disk", root: filepath.Join(work, "out"), fs: r.workFS}}
	if c.tmpfs {
		shm, err := os.MkdirTemp("/dev/shm", "hubgen-bench-")
		if err != nil {
			return "", fmt.Errorf("-tmpfs: %v", err)
		}
		if !c.keep {
			defer os.RemoveAll(shm)
		}
		kinds = append(kinds, destKind{name: "tmpfs", root: shm, fs: pathFSType(shm)})
		if kinds[1].fs != "tmpfs" {
			r.notes = append(r.notes, fmt.Sprintf("%s is on %q, not tmpfs.", shm, kinds[1].fs))
		}
	}
	r.kinds = kinds

	// The tools.
	cache := benchCache()
	var hubgen, hugoDeb, hugo165, pagefind Tool
	if c.wants(toolHubgen) {
		logf("building hubgen from %s…", repo)
		if hubgen, err = buildHubgen(ctx, repo, filepath.Join(work, "bin", "hubgen")); err != nil {
			return "", err
		}
		r.tool(hubgen, "")
		if !hubgen.Timings {
			r.notes = append(r.notes, "This hubgen has no `build --timings`: phases not reported.")
		}
	}
	if c.wants(toolHugoDebian) {
		var missing string
		hugoDeb, missing = findHugoDebian(ctx)
		r.tool(Tool{Name: toolHugoDebian, Path: hugoDeb.Path, Version: hugoDeb.Version}, missing)
	}
	if c.wants(toolHugo165) {
		var missing string
		hugo165, missing = findHugo165(ctx, cache, logf)
		r.tool(Tool{Name: toolHugo165, Path: hugo165.Path, Version: hugo165.Version}, missing)
	}
	if c.wants(toolPagefind) {
		var missing string
		pagefind, missing = findPagefind(ctx, cache, repo, logf)
		if missing == "" && hugo165.Path == "" && hugoDeb.Path == "" {
			missing = "it indexes Hugo's output: run it with hugo-0.165 or hugo-debian"
			pagefind = Tool{}
		}
		r.tool(Tool{Name: toolPagefind, Path: pagefind.Path, Version: pagefind.Version}, missing)
	}
	for _, t := range r.tools {
		if t.missing != "" {
			logf("%s: %s", t.Name, t.missing)
		}
	}
	if ctx.Err() != nil {
		return "", ctx.Err()
	}

	// The corpus, and Hugo's site around it.
	src := filepath.Join(work, "src")
	logf("generating %d translation pairs into %s…", c.pairs, src)
	start := time.Now()
	if err := corpus.Generate(corpus.Options{Repo: repo, Dir: src, Pairs: c.pairs, Seed: c.seed}); err != nil {
		return "", err
	}
	r.corpusTook = time.Since(start)
	if r.corpusFiles, r.corpusBytes, err = markdownSize(filepath.Join(src, "content")); err != nil {
		return "", err
	}
	var scaleSrc string
	if c.scale > 0 && hubgen.Path != "" {
		scaleSrc = filepath.Join(work, fmt.Sprintf("src-%d", c.scale))
		logf("generating %d translation pairs into %s…", c.scale, scaleSrc)
		if err := corpus.Generate(corpus.Options{Repo: repo, Dir: scaleSrc, Pairs: c.scale, Seed: c.seed}); err != nil {
			return "", err
		}
		if r.scaleFiles, r.scaleBytes, err = markdownSize(filepath.Join(scaleSrc, "content")); err != nil {
			return "", err
		}
	}
	hugoSite := filepath.Join(work, "hugo-site")
	if hugoDeb.Path != "" || hugo165.Path != "" {
		if err := hugoSiteFor(filepath.Join(repo, "bench", "hugo"), hugoSite, src); err != nil {
			return "", err
		}
	}
	edit, err := newsItem(src)
	if err != nil {
		return "", err
	}

	// The units of a run: each tool's builds, one after the other.
	b := &bencher{ctx: ctx, logf: logf, res: r, hugoSite: hugoSite, hugoCache: filepath.Join(work, "hugo-cache"), edit: edit, rebuild: c.rebuild}
	var units []unit
	if hubgen.Path != "" {
		units = append(units, b.hubgenUnit(hubgen, src, toolHubgen, c.rebuild))
	}
	pagefindAfter := toolHugo165
	if hugo165.Path == "" {
		pagefindAfter = toolHugoDebian
	}
	if hugo165.Path != "" || hugoDeb.Path != "" {
		r.hugoRef = pagefindAfter
	}
	for _, h := range []Tool{hugoDeb, hugo165} {
		if h.Path == "" {
			continue
		}
		var pf *Tool
		if pagefind.Path != "" && h.Name == pagefindAfter {
			pf = &pagefind
			r.pagefindOn = h.Name
		}
		units = append(units, b.hugoUnit(h, pf))
	}
	if scaleSrc != "" {
		units = append(units, b.hubgenUnit(hubgen, scaleSrc, scaleRow(c.scale), false))
	}
	if len(units) == 0 {
		return "", errors.New("no tool to run")
	}
	for i := 0; i < c.runs; i++ {
		for _, k := range kinds {
			for _, u := range rotate(units, i) {
				if err := u(i, k, c.keep && i == c.runs-1); err != nil {
					return "", err
				}
			}
		}
	}
	r.finished = time.Now()
	return r.markdown(), nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// markdownSize counts the Markdown files under dir and their bytes.
func markdownSize(dir string) (files, size int64, err error) {
	err = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		files++
		size += info.Size()
		return nil
	})
	return files, size, err
}

// hugoSiteFor makes Hugo's site in dir: bench/hugo's configuration,
// layouts and UI strings, and paths.toml pointing at the corpus's content
// and static files (Hugo reads them where they are).
func hugoSiteFor(from, dir, src string) error {
	if err := corpus.CopyTree(from, dir); err != nil {
		return fmt.Errorf("copying %s: %w", from, err)
	}
	paths := fmt.Sprintf("# Written by bench/build: the generated corpus.\ncontentDir = %q\nstaticDir = %q\n", filepath.Join(src, "content"), filepath.Join(src, "static"))
	return os.WriteFile(filepath.Join(dir, "paths.toml"), []byte(paths), 0o644)
}

// newsItem is the file the rebuilds change: the first generated Polish
// news item.
func newsItem(src string) (string, error) {
	m, err := filepath.Glob(filepath.Join(src, "content", "news", "gen-*.pl.md"))
	if err != nil {
		return "", err
	}
	if len(m) == 0 {
		return "", errors.New("the corpus has no generated news item")
	}
	sort.Strings(m)
	return m[0], nil
}
