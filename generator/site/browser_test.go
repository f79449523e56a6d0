package site

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"hubgen/generator/server"
	"hubgen/internal/browsertest"
)

// serveBundled builds the bundled portal for a local server and returns its URL.
func serveBundled(t *testing.T) string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	srv := httptest.NewUnstartedServer(server.Handler(dest))
	srv.Start()
	t.Cleanup(srv.Close)
	if _, err := Build(context.Background(), Options{Source: repoRoot, Dest: dest, BaseURL: srv.URL + "/", Now: testNow}); err != nil {
		t.Fatal(err)
	}
	return srv.URL
}

// TestDecisionLayoutInBrowser: the decision reads well on a phone (no
// sideways scrolling, contents collapsed) and on a wide screen (contents
// beside the text, open, sticky). Screenshots land in $HUBGEN_SHOTS if set.
func TestDecisionLayoutInBrowser(t *testing.T) {
	base := serveBundled(t)
	type layout struct {
		ScrollWidth, InnerWidth float64
		TOCRight, TextLeft      float64
		TOCOpen                 bool
		TOCPosition             string
		AnchorOpacityFocused    string
	}
	const probe = `(() => {
		const toc = document.querySelector('.act-toc'), text = document.querySelector('.act-text');
		const link = toc.querySelector('ol a');
		const anchor = document.querySelector('#art_1__par_1 .anchor');
		anchor.focus();
		return {
			ScrollWidth: document.documentElement.scrollWidth, InnerWidth: window.innerWidth,
			TOCRight: toc.getBoundingClientRect().right, TextLeft: text.getBoundingClientRect().left,
			TOCOpen: link.checkVisibility(),
			TOCPosition: getComputedStyle(toc).position,
			AnchorOpacityFocused: getComputedStyle(anchor).opacity,
		};
	})()`
	for _, tc := range []struct {
		name          string
		width, height int
		path          string
	}{
		{"phone-pl", 390, 844, "/akty-prawne/2023-1187/"},
		{"phone-en", 390, 844, "/en/decisions/2023-1187/"},
		{"wide-pl", 1440, 900, "/akty-prawne/2023-1187/"},
		{"wide-en", 1440, 900, "/en/decisions/2023-1187/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := browsertest.New(t, tc.width, tc.height)
			err := chromedp.Do(ctx,
				chromedp.EmulateViewport(int64(tc.width), int64(tc.height)),
				chromedp.Navigate(base+tc.path),
				chromedp.WaitVisible(chromedp.CSS(".act-text")),
			)
			if err != nil {
				t.Fatal(err)
			}
			got, err := chromedp.Run(ctx, chromedp.Evaluate[layout](probe))
			if err != nil {
				t.Fatal(err)
			}
			shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(80))
			if err != nil {
				t.Fatal(err)
			}
			if dir := os.Getenv("HUBGEN_SHOTS"); dir != "" {
				os.WriteFile(filepath.Join(dir, "decision-"+tc.name+".jpg"), shot, 0o644)
			}
			if got.ScrollWidth > got.InnerWidth {
				t.Errorf("page scrolls sideways: %v > %v", got.ScrollWidth, got.InnerWidth)
			}
			if got.AnchorOpacityFocused != "1" {
				t.Errorf("a focused paragraph anchor is not visible (opacity %s)", got.AnchorOpacityFocused)
			}
			if tc.width < 600 {
				if got.TOCOpen {
					t.Error("contents are open on a phone; they should start collapsed")
				}
				return
			}
			if got.TOCRight > got.TextLeft || got.TOCPosition != "sticky" || !got.TOCOpen {
				t.Errorf("wide screen: contents not beside the text, open and sticky: %+v", got)
			}
		})
	}
}
