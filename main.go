// Command hubgen builds the bilingual knowledge portal: Markdown with front
// matter in, Polish and English HTML out. See README.md.
package main

import (
	"os"

	"hubgen/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr))
}
