// Command hubgen builds the bilingual knowledge portal: Markdown with front
// matter in, Polish and English HTML out. See README.md.
package main

import (
	"context"
	"embed"
	"os"
	"os/signal"
	"syscall"

	"hubgen/cli"
)

// theme is hubgen's own layouts, UI strings and static files, which
// `hubgen import` writes into the site it makes.
//
//go:embed layouts i18n static
var theme embed.FS

func main() {
	// SIGINT (Ctrl+C) and SIGTERM stop any command promptly: a build
	// publishes nothing, serve removes its preview directory. A second
	// signal kills the process at once.
	ctx, cancel := context.WithCancelCause(context.Background())
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		s := <-sigs
		signal.Stop(sigs)
		cancel(cli.Interrupt{Signal: s.(syscall.Signal)})
	}()
	code := cli.Main(ctx, os.Args[1:], os.Stdout, os.Stderr, cli.Env{Theme: theme})
	cancel(nil)
	os.Exit(code)
}
