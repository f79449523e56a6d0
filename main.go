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
	code := cli.RunContext(ctx, os.Args[1:], os.Stdout, os.Stderr)
	cancel(nil)
	os.Exit(code)
}
