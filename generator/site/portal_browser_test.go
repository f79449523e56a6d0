package site

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"hubgen/internal/browsertest"
)

// TestPortalLayoutInBrowser: on a phone the header is compact (the menu
// one line, the whole header under 170 px) and the home page's title is
// not a huge heading above the fold; no page scrolls sideways. The project
// page shows its description before the folded partner list. Screenshots
// land in $HUBGEN_SHOTS if set.
func TestPortalLayoutInBrowser(t *testing.T) {
	base := serveBundled(t)
	type layout struct {
		ScrollWidth, InnerWidth float64
		Header, NavHeight       float64
		H1Size, H1Bottom        float64
		PartnersOpen            bool
	}
	const probe = `(() => {
		const h = document.querySelector('.site-header').getBoundingClientRect();
		const nav = document.querySelector('.main-nav ul').getBoundingClientRect();
		const h1 = document.querySelector('h1');
		const partners = document.querySelector('.partners table');
		return {
			ScrollWidth: document.documentElement.scrollWidth, InnerWidth: window.innerWidth,
			Header: h.height, NavHeight: nav.height,
			H1Size: parseFloat(getComputedStyle(h1).fontSize), H1Bottom: h1.getBoundingClientRect().bottom,
			PartnersOpen: partners ? partners.checkVisibility() : false,
		};
	})()`
	for _, tc := range []struct {
		name  string
		width int
		path  string
	}{
		{"home-phone-pl", 390, "/"},
		{"home-phone-en", 390, "/en/"},
		{"project-phone-pl", 390, "/projekty/2ps/"},
		{"project-wide-pl", 1440, "/projekty/2ps/"},
		{"project-phone-en", 390, "/en/projects/2ps/"},
		{"project-wide-en", 1440, "/en/projects/2ps/"},
		{"organisation-phone-pl", 390, "/organizacje/europol/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := browsertest.New(t, tc.width, 844)
			err := chromedp.Do(ctx,
				chromedp.EmulateViewport(int64(tc.width), 844),
				chromedp.Navigate(base+tc.path),
				chromedp.WaitVisible(chromedp.CSS("h1")),
			)
			if err != nil {
				t.Fatal(err)
			}
			got, err := chromedp.Run(ctx, chromedp.Evaluate[layout](probe))
			if err != nil {
				t.Fatal(err)
			}
			if dir := os.Getenv("HUBGEN_SHOTS"); dir != "" {
				if shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
					os.WriteFile(filepath.Join(dir, "portal-"+tc.name+".png"), shot, 0o644)
				}
			}
			t.Logf("%dpx: header %.0f px, menu %.0f px, h1 %.0f px ending at %.0f px", tc.width, got.Header, got.NavHeight, got.H1Size, got.H1Bottom)
			if got.ScrollWidth > got.InnerWidth {
				t.Errorf("page scrolls sideways: %v > %v", got.ScrollWidth, got.InnerWidth)
			}
			if got.PartnersOpen {
				t.Errorf("the partner list is open before the reader asks for it")
			}
			if tc.width >= 600 {
				return
			}
			if got.Header > 170 || got.NavHeight > 50 {
				t.Errorf("phone header %.0f px high, its menu %.0f px: want a compact header (≤ 170 px, one menu line)", got.Header, got.NavHeight)
			}
			if tc.path == "/" || tc.path == "/en/" {
				if got.H1Size > 24 || got.H1Bottom > 320 {
					t.Errorf("home title %.0f px, ending at %.0f px: too big above the fold", got.H1Size, got.H1Bottom)
				}
			}
		})
	}
}

// TestPortalAxe runs axe-core's WCAG 2.1 A/AA rules on the pages issue 16
// changed that TestAxeAccessibility does not visit: a project and an
// organisation in Polish (related lists, folded partners, status), the
// lists sorted by sortTitle, an English topic's related topics.
func TestPortalAxe(t *testing.T) {
	axe := axeScript(t)
	base := serveBundled(t)
	pages := []string{"/projekty/2ps/", "/en/organisations/europol/", "/organizacje/", "/en/organisations/", "/en/topics/counter-terrorism/", "/aktualnosci/inauguracja-knowledge-hub/"}
	axePages(t, axe, base, pages, 390, 1440)
}
