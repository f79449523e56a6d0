// Command hubgen builds the bilingual knowledge portal: Markdown with front
// matter in, Polish and English HTML out. See README.md.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"hubgen/cli"
)

func main() {
	// Ctrl+C stops `serve` cleanly, so that its preview directory is removed.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.RunContext(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
