// Package cli is hubgen's command line: build, check, serve and new, with
// exit status 0 on success, 1 for content or configuration errors (each on
// stderr as path:line:col: message) and 2 for bad usage.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"
	"time"

	"hubgen/generator/config"
	"hubgen/generator/diag"
	"hubgen/generator/output"
	"hubgen/generator/site"
)

// Exit statuses.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

const usage = `hubgen builds the bilingual knowledge portal.

Usage:
  hubgen build [--source DIR] [--dest DIR] [--base-url URL] [--drafts] [--future] [--force] [--full] [--timings] [--ignore KINDS] [--all]
  hubgen serve [--source DIR] [--bind 127.0.0.1] [--port 1313] [--drafts] [--future]
  hubgen check [--source DIR] [--format text|github] [--ignore KINDS] [--all]
  hubgen new <section> <name> [--lang pl|en] [--source DIR]
  hubgen import hugo SRC DEST [--section HUGO=HUBGEN]… [--map FILE] [--keep-unknown]

Run "hubgen <command> --help" for a command's options.
Exit status: 0 success, 1 content or configuration errors, 2 bad usage,
130 or 143 when stopped by SIGINT (Ctrl+C) or SIGTERM.
`

// Env is what the hubgen binary gives the command line besides its
// arguments.
type Env struct {
	// Theme holds hubgen's own layouts/, i18n/ and static/ (embedded in
	// the binary), which `import` writes into the new site.
	Theme fs.FS
}

// Run runs the command line args and returns the exit status.
func Run(args []string, stdout, stderr io.Writer) int {
	return RunContext(context.Background(), args, stdout, stderr)
}

// RunContext is Run with a context: cancelling it stops any command
// promptly. A build stopped that way publishes nothing; the exit status is
// 128 plus the signal's number when the cause is an Interrupt.
func RunContext(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return Main(ctx, args, stdout, stderr, Env{})
}

// Main is RunContext with what the binary provides (env).
func Main(ctx context.Context, args []string, stdout, stderr io.Writer, env Env) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return exitOK
	case "build":
		return runBuild(ctx, args[1:], stdout, stderr)
	case "check":
		return runCheck(ctx, args[1:], stdout, stderr)
	case "serve":
		return runServe(ctx, args[1:], stdout, stderr)
	case "new":
		return runNew(args[1:], stdout, stderr)
	case "import":
		return runImport(args[1:], stdout, stderr, env.Theme)
	}
	fmt.Fprintf(stderr, "hubgen: unknown command %q\n\n%s", args[0], usage)
	return exitUsage
}

// Interrupt is the cause of a context cancelled by a signal.
type Interrupt struct {
	Signal syscall.Signal
}

func (i Interrupt) Error() string { return "stopped by " + i.Signal.String() }

// interrupted returns the exit status of a command whose context was
// cancelled: 128 + the signal's number (130 for SIGINT, 143 for SIGTERM).
func interrupted(ctx context.Context, stderr io.Writer, what string) int {
	var in Interrupt
	status := 128 + int(syscall.SIGINT)
	if errors.As(context.Cause(ctx), &in) {
		status = 128 + int(in.Signal)
	}
	fmt.Fprintf(stderr, "hubgen %s: %v; %s\n", what, context.Cause(ctx), map[string]string{
		"build": "nothing was published, the previous output is unchanged",
		"check": "the check did not finish",
		"serve": "stopped before serving",
	}[what])
	return status
}

// failure prints a build's error and returns its exit status.
func failure(ctx context.Context, err error, stderr io.Writer, what string) int {
	if ctx.Err() != nil {
		return interrupted(ctx, stderr, what)
	}
	var de *output.DestError
	var ce *output.CacheError
	if errors.As(err, &de) || errors.As(err, &ce) {
		fmt.Fprintf(stderr, "hubgen %s: %v\n", what, err)
		return exitUsage
	}
	if !isDiagErr(err) {
		fmt.Fprintln(stderr, err)
	}
	if what == "build" {
		fmt.Fprintln(stderr, "hubgen build: failed; the previous output is unchanged")
	}
	return exitError
}

// newFlags makes a flag set that reports errors instead of exiting and
// prints its help on stdout when asked for it.
func newFlags(name, synopsis string, stdout, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: hubgen %s\n\nOptions:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags; it returns (status, true) when the command must stop.
// The help asked for goes to stdout once; a bad flag's message and the
// usage go to stderr.
func parse(fs *flag.FlagSet, args []string, stdout io.Writer) (int, bool) {
	usage := fs.Usage
	fs.Usage = func() {} // the flag package would print it on its own
	err := fs.Parse(args)
	fs.Usage = usage
	if errors.Is(err, flag.ErrHelp) {
		fs.SetOutput(stdout)
		fs.Usage()
		return exitOK, true
	}
	if err != nil {
		fs.Usage()
		return exitUsage, true
	}
	return 0, false
}

type buildFlags struct {
	source, dest, baseURL string
	drafts, future, force bool
	ignore                string
	all                   bool
}

func (b *buildFlags) register(fs *flag.FlagSet, withDest bool) {
	fs.StringVar(&b.source, "source", ".", "the site's directory (config.toml, content/, layouts/, static/, i18n/)")
	if withDest {
		fs.StringVar(&b.dest, "dest", "", "output directory (default <source>/public); replaced as a whole by every build")
		fs.StringVar(&b.baseURL, "base-url", "", "absolute URL the site is served from, e.g. https://example.org/portal/ (default: config.toml's baseURL)")
		fs.BoolVar(&b.force, "force", false, "replace --dest even when it is a non-empty directory that no build made, or holds files no build wrote")
	}
	fs.BoolVar(&b.drafts, "drafts", false, "publish pages marked draft: true")
	fs.BoolVar(&b.future, "future", false, "publish pages dated in the future")
}

// registerReport adds the flags of what build and check print.
func (b *buildFlags) registerReport(fs *flag.FlagSet) {
	fs.StringVar(&b.ignore, "ignore", "", "kinds of warnings and notes not to print, comma-separated ("+strings.Join(diag.Kinds(), ", ")+"); also ignore = [...] under [warnings] in config.toml")
	fs.BoolVar(&b.all, "all", false, "print every warning and note (by default at most 10 of each kind, and a count of the rest)")
}

// options are the site options the flags ask for; it prints a bad --ignore
// and returns false.
func (b *buildFlags) options(stderr io.Writer, what string) (site.Options, bool) {
	ignore, err := ignoreKinds(b.ignore)
	if err != nil {
		fmt.Fprintf(stderr, "hubgen %s: %v\n", what, err)
		return site.Options{}, false
	}
	return site.Options{Source: b.source, Dest: b.dest, BaseURL: b.baseURL, Drafts: b.drafts, Future: b.future, Force: b.force, Ignore: ignore}, true
}

// buildMemoryLimit is build's soft memory limit unless GOMEMLIMIT is set.
const buildMemoryLimit = 5 << 30

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("build", "build [--source DIR] [--dest DIR] [--base-url URL] [--drafts] [--future] [--force] [--full] [--cache DIR] [--no-cache] [--timings] [--ignore KINDS] [--all]", stdout, stderr)
	var bf buildFlags
	bf.register(fs, true)
	bf.registerReport(fs)
	full := fs.Bool("full", false, "build everything and write every file anew, even when the build cache and the destination would let the build redo only what changed")
	cache := fs.String("cache", "", "directory of the build cache, which lets the next build redo only what changed (default: beside --dest, e.g. .public.hubgen-cache); keep it with the destination between CI runs")
	noCache := fs.Bool("no-cache", false, "neither use nor write the build cache")
	timings := fs.Bool("timings", false, "print how long each stage of the build took (one line on stderr: hubgen: timings: setup=12ms load=…)")
	if st, stop := parse(fs, args, stdout); stop {
		return st
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "hubgen build: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	if bf.baseURL != "" {
		if _, err := config.ParseBaseURL(bf.baseURL); err != nil {
			fmt.Fprintf(stderr, "hubgen build: --base-url: %v\n", err)
			return exitUsage
		}
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		// A soft limit for large sites: at 100,000 translation pairs the
		// heap peaked near 6 GiB at GOGC=50; kept under 5 GiB, the garbage
		// collector runs more often there, at no measurable cost in time
		// (BENCHMARKS.md), and the build fits a CI runner with 7 GB.
		// Smaller sites never reach it.
		debug.SetMemoryLimit(buildMemoryLimit)
	}
	opts, ok := bf.options(stderr, "build")
	if !ok {
		return exitUsage
	}
	opts.Full, opts.Cache, opts.NoCache = *full, *cache, *noCache
	if os.Getenv("GOGC") == "" {
		// A full build holds most of what it made until it renders:
		// collecting garbage at half the live heap instead of all of it
		// costs about 6 % more CPU and saves a quarter of the peak memory
		// (BENCHMARKS.md). An incremental build's heap is half as large,
		// and Go's default saves it a quarter of a second of collecting;
		// serve keeps the default too.
		opts.OnFull = func() { debug.SetGCPercent(50) }
	}
	start := time.Now()
	prog := newProgress(stderr)
	opts.Progress = prog.Stage
	res, err := site.Build(ctx, opts)
	prog.End()
	printReport(stderr, res.Diags, "text", bf.all)
	if *timings {
		printTimings(stderr, res.Phases, time.Since(start))
	}
	if err != nil {
		return failure(ctx, err, stderr, "build")
	}
	dest := bf.dest
	if dest == "" {
		dest = filepath.Join(bf.source, "public")
	}
	took := time.Since(start).Milliseconds()
	line := fmt.Sprintf("hubgen: built %d pages (%s) into %d files in %s in %d ms", res.Pages, perLanguage(res.Languages), res.Files, dest, took)
	switch {
	case res.Incremental:
		line += fmt.Sprintf(" (incremental: %d pages converted, %d files rendered, %d written, %d removed)", res.Parses, res.Rendered, res.Written, res.Removed)
	case res.Updated:
		line += fmt.Sprintf(" (updated in place: %d written, %d removed)", res.Written, res.Removed)
	}
	if res.FullReason != "" && *timings {
		fmt.Fprintf(stderr, "hubgen: built in full: %s\n", res.FullReason)
	}
	fmt.Fprintf(stdout, "%s; %s\n", line, summary(res.Diags, res.Silenced))
	return exitOK
}

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", "check [--source DIR] [--format text|github] [--ignore KINDS] [--all]", stdout, stderr)
	var bf buildFlags
	bf.register(fs, false)
	bf.registerReport(fs)
	format := fs.String("format", "text", "how to print problems: text (path:line:col: message) or github (workflow annotations)")
	if st, stop := parse(fs, args, stdout); stop {
		return st
	}
	if *format != "text" && *format != "github" {
		fmt.Fprintf(stderr, "hubgen check: --format must be text or github, not %q\n", *format)
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "hubgen check: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	opts, ok := bf.options(stderr, "check")
	if !ok {
		return exitUsage
	}
	opts.Check = true
	start := time.Now()
	res, err := site.Build(ctx, opts)
	out := stderr
	if *format == "github" {
		out = stdout
	}
	printReport(out, res.Diags, *format, bf.all)
	if *format == "text" && slices.ContainsFunc(res.Diags.Items(), func(d diag.Diagnostic) bool { return d.Kind == diag.KindUnknownTag }) {
		topicsToAdd(stderr, res.NewTopics, res.Languages)
	}
	if err != nil {
		if ctx.Err() == nil && isDiagErr(err) {
			fmt.Fprintf(stderr, "hubgen check: %s\n", summary(res.Diags, res.Silenced))
		}
		return failure(ctx, err, stderr, "check")
	}
	fmt.Fprintf(stdout, "hubgen: %d pages checked (%s) in %d ms, no errors; %s\n", res.Pages, perLanguage(res.Languages), time.Since(start).Milliseconds(), summary(res.Diags, res.Silenced))
	return exitOK
}

// interspersed splits args into flags of set (each with its value) and
// positional arguments, which may come in any order: a flag that is not
// boolean and is written without "=" takes the next argument.
func interspersed(set *flag.FlagSet, args []string) (flags, pos []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "-") || a == "-" {
			pos = append(pos, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		f := set.Lookup(name)
		if strings.Contains(name, "=") || f == nil {
			continue // a value of its own, or a flag parse reports
		}
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			continue
		}
		if i+1 < len(args) {
			flags = append(flags, args[i+1])
			i++
		}
	}
	return flags, pos
}

func runNew(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("new", "new <section> <name> [--lang pl|en] [--source DIR]", stdout, stderr)
	lang := fs.String("lang", "pl", "language of the new file")
	source := fs.String("source", ".", "the site's directory")
	// Allow flags after the positional arguments.
	flags, pos := interspersed(fs, args)
	if st, stop := parse(fs, flags, stdout); stop {
		return st
	}
	if len(pos) != 2 {
		fmt.Fprintln(stderr, "hubgen new: want <section> <name>")
		fs.Usage()
		return exitUsage
	}
	path, err := site.NewContent(*source, pos[0], pos[1], *lang, time.Now())
	if err != nil {
		fmt.Fprintf(stderr, "hubgen new: %v\n", err)
		return exitUsage
	}
	fmt.Fprintf(stdout, "hubgen: created %s\n", path)
	return exitOK
}

func isDiagErr(err error) bool {
	var de *diag.Errors
	return errors.As(err, &de)
}

// printTimings prints a build's stages on one line: "hubgen: timings:
// setup=12ms load=800ms … total=9000ms", for people and bench/build.
func printTimings(w io.Writer, phases []site.Phase, total time.Duration) {
	var b strings.Builder
	b.WriteString("hubgen: timings:")
	for _, p := range phases {
		fmt.Fprintf(&b, " %s=%dms", p.Name, p.Took.Milliseconds())
	}
	fmt.Fprintf(&b, " total=%dms\n", total.Milliseconds())
	io.WriteString(w, b.String())
}
