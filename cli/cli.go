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
	"os"
	"path/filepath"
	"strings"
	"time"

	"hubgen/generator/diag"
	"hubgen/generator/server"
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
  hubgen build [--source DIR] [--dest DIR] [--base-url URL] [--drafts] [--future]
  hubgen serve [--source DIR] [--bind 127.0.0.1] [--port 1313] [--drafts] [--future]
  hubgen check [--source DIR] [--format text|github]
  hubgen new <section> <name> [--lang pl|en] [--source DIR]

Run "hubgen <command> --help" for a command's options.
Exit status: 0 success, 1 content or configuration errors, 2 bad usage.
`

// Run runs the command line args and returns the exit status.
func Run(args []string, stdout, stderr io.Writer) int {
	return RunContext(context.Background(), args, stdout, stderr)
}

// RunContext is Run with a context: cancelling it stops `serve`.
func RunContext(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return exitOK
	case "build":
		return runBuild(args[1:], stdout, stderr)
	case "check":
		return runCheck(args[1:], stdout, stderr)
	case "serve":
		return runServe(ctx, args[1:], stdout, stderr)
	case "new":
		return runNew(args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "hubgen: unknown command %q\n\n%s", args[0], usage)
	return exitUsage
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
func parse(fs *flag.FlagSet, args []string, stdout io.Writer) (int, bool) {
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fs.SetOutput(stdout)
		fs.Usage()
		return exitOK, true
	}
	if err != nil {
		return exitUsage, true
	}
	return 0, false
}

type buildFlags struct {
	source, dest, baseURL string
	drafts, future        bool
}

func (b *buildFlags) register(fs *flag.FlagSet, withDest bool) {
	fs.StringVar(&b.source, "source", ".", "the site's directory (config.toml, content/, layouts/, static/, i18n/)")
	if withDest {
		fs.StringVar(&b.dest, "dest", "", "output directory (default <source>/public)")
		fs.StringVar(&b.baseURL, "base-url", "", "absolute URL the site is served from, e.g. https://example.org/portal/ (default: config.toml's baseURL)")
	}
	fs.BoolVar(&b.drafts, "drafts", false, "publish pages marked draft: true")
	fs.BoolVar(&b.future, "future", false, "publish pages dated in the future")
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("build", "build [--source DIR] [--dest DIR] [--base-url URL] [--drafts] [--future]", stdout, stderr)
	var bf buildFlags
	bf.register(fs, true)
	if st, stop := parse(fs, args, stdout); stop {
		return st
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "hubgen build: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	start := time.Now()
	res, err := site.Build(site.Options{Source: bf.source, Dest: bf.dest, BaseURL: bf.baseURL, Drafts: bf.drafts, Future: bf.future})
	printDiags(res.Diags, stderr, "text")
	if err != nil {
		if !isDiagErr(err) {
			fmt.Fprintln(stderr, err)
		}
		fmt.Fprintln(stderr, "hubgen build: failed; the previous output is unchanged")
		return exitError
	}
	dest := bf.dest
	if dest == "" {
		dest = filepath.Join(bf.source, "public")
	}
	fmt.Fprintf(stdout, "hubgen: built %d pages into %d files in %s in %v\n", res.Pages, res.Files, dest, time.Since(start).Round(time.Millisecond))
	return exitOK
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", "check [--source DIR] [--format text|github]", stdout, stderr)
	var bf buildFlags
	bf.register(fs, false)
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
	res, err := site.Build(site.Options{Source: bf.source, Drafts: bf.drafts, Future: bf.future, Check: true})
	out := stderr
	if *format == "github" {
		out = stdout
	}
	printDiags(res.Diags, out, *format)
	if err != nil {
		if !isDiagErr(err) {
			fmt.Fprintln(stderr, err)
		}
		return exitError
	}
	fmt.Fprintf(stdout, "hubgen: %d pages checked, no errors\n", res.Pages)
	return exitOK
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", "serve [--source DIR] [--bind 127.0.0.1] [--port 1313] [--drafts] [--future]", stdout, stderr)
	var bf buildFlags
	bf.register(fs, false)
	bind := fs.String("bind", "127.0.0.1", "address to listen on")
	port := fs.Int("port", 1313, "port to listen on")
	if st, stop := parse(fs, args, stdout); stop {
		return st
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "hubgen serve: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	addr := fmt.Sprintf("%s:%d", *bind, *port)
	// The preview gets its own directory so that it never overwrites a
	// production build in public/ with localhost URLs.
	tmp, err := os.MkdirTemp("", "hubgen-serve-")
	if err != nil {
		fmt.Fprintf(stderr, "hubgen serve: %v\n", err)
		return exitError
	}
	defer os.RemoveAll(tmp)
	dest := filepath.Join(tmp, "public")
	res, err := site.Build(site.Options{Source: bf.source, Dest: dest, BaseURL: "http://" + addr + "/", Drafts: bf.drafts, Future: bf.future})
	printDiags(res.Diags, stderr, "text")
	if err != nil {
		if !isDiagErr(err) {
			fmt.Fprintln(stderr, err)
		}
		return exitError
	}
	fmt.Fprintf(stdout, "hubgen: built %d pages; serving %s at http://%s/ (Polish) and http://%s/en/ (English). Ctrl+C stops.\n", res.Pages, dest, addr, addr)
	if err := server.ListenAndServe(ctx, addr, dest); err != nil {
		fmt.Fprintf(stderr, "hubgen serve: %v\n", err)
		return exitError
	}
	return exitOK
}

func runNew(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("new", "new <section> <name> [--lang pl|en] [--source DIR]", stdout, stderr)
	lang := fs.String("lang", "pl", "language of the new file")
	source := fs.String("source", ".", "the site's directory")
	// Allow flags after the positional arguments.
	var pos, flags []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if strings.HasPrefix(a, "-") {
			flags = append(flags, a)
			if !strings.Contains(a, "=") && a != "-h" && a != "--help" && a != "-help" && i+1 < len(args) {
				flags = append(flags, args[i+1])
				i++
			}
			continue
		}
		pos = append(pos, a)
	}
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

func printDiags(l *diag.List, w io.Writer, format string) {
	if l == nil {
		return
	}
	for _, d := range l.Items() {
		if format == "github" {
			fmt.Fprintln(w, d.GitHub())
		} else {
			fmt.Fprintln(w, d.String())
		}
	}
}
