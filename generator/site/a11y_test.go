package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"hubgen/internal/browsertest"
)

// axeScript is axe-core, installed by `npm ci` (package.json).
func axeScript(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot, "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("axe-core is not installed (run npm ci): %v", err)
		}
		t.Skip("axe-core is not installed (run npm ci); set CI=true to make this a failure")
	}
	return string(b)
}

type axeViolation struct {
	ID     string
	Impact string
	Help   string
	Nodes  []struct{ Target []string }
}

// TestAxeAccessibility runs axe-core's WCAG 2.1 A/AA rules on a page of
// every kind, in both languages, at phone and desktop widths.
func TestAxeAccessibility(t *testing.T) {
	axe := axeScript(t)
	base := serveBundled(t)
	pages := []string{
		"/", "/en/", "/aktualnosci/", "/en/news/", "/aktualnosci/inauguracja-knowledge-hub/",
		"/en/news/expert-meeting-opens-empact-2026-2029/", "/akty-prawne/2023-1187/", "/en/decisions/2023-1187/",
		"/akty-prawne/2023-1187/widok-rownolegly/", "/en/decisions/2023-1187/parallel/", "/organizacje/europol/", "/en/projects/2ps/", "/tematy/",
		"/en/topics/", "/tematy/terroryzm-jadrowy-i-zagrozenia-cbrn/", "/o-portalu/", "/en/accessibility-statement/",
		"/szukaj/", "/en/search/?q=europol", "/404.html", "/en/404.html",
	}
	axePages(t, axe, base, pages, 390, 1280)
}

// axePages runs axe-core's WCAG 2.1 A/AA rules on each page at each
// width, and reports every violation with the nodes it concerns.
func axePages(t *testing.T, axe, base string, pages []string, widths ...int) {
	t.Helper()
	for _, width := range widths {
		ctx := browsertest.New(t, width, 900)
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(width), 900)); err != nil {
			t.Fatal(err)
		}
		for _, path := range pages {
			if err := chromedp.Do(ctx, chromedp.Navigate(base+path)); err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](axe+";0")); err != nil {
				t.Fatalf("loading axe: %v", err)
			}
			violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](
				`axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}).then(r => r.violations)`,
				chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatalf("%s: running axe: %v", path, err)
			}
			for _, v := range violations {
				var targets []string
				for _, n := range v.Nodes {
					targets = append(targets, strings.Join(n.Target, " "))
				}
				t.Errorf("%s at %dpx: %s (%s): %s — %s", path, width, v.ID, v.Impact, v.Help, strings.Join(targets, ", "))
			}
		}
	}
}
