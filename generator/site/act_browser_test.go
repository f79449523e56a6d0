package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"hubgen/internal/browsertest"
)

// screenshotDir is where the browser tests save screenshots:
// $HUBGEN_SHOTS when set (made if missing), else a directory of the
// test's own.
func screenshotDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("HUBGEN_SHOTS")
	if dir == "" {
		return t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// actLayout is what TestActPagesInBrowser reads of a page.
type actLayout struct {
	ScrollWidth, InnerWidth float64
	// Anchors counts the ¶ links of the text, Clipped those whose box is
	// not wholly inside the window's width, Hidden those a reader cannot
	// see without hovering (opacity 0 or not displayed).
	Anchors, Clipped, Hidden int
	HeadingName              string // the text of the first article's h2
	BarVisible               bool   // the contents / back-to-top bar
	BarLinks                 []string
	TOCSticky                bool
	ScrollMargin             string // scroll-margin-top of the first part of the parallel view
	HeadBottom               float64
	TargetTop                float64 // where #pl-art_1 lands after following a link to it
	Current                  string  // the contents' link marked as the part being read
}

const actProbe = `(async () => {
	const vw = document.documentElement.clientWidth;
	const anchors = [...document.querySelectorAll('.act-text .anchor')];
	const clipped = anchors.filter(a => { const r = a.getBoundingClientRect(); return r.left < 0 || r.right > vw; });
	const hidden = anchors.filter(a => { const s = getComputedStyle(a); return s.opacity === '0' || s.display === 'none' || s.visibility === 'hidden'; });
	const bar = document.querySelector('.act-bar');
	const toc = document.querySelector('.act-toc, .parallel-toc');
	const h2 = document.querySelector('.act-text h2[id^="art_"], .act-text h2[id$="-art_1"]');
	const out = {
		ScrollWidth: document.documentElement.scrollWidth, InnerWidth: window.innerWidth,
		Anchors: anchors.length, Clipped: clipped.length, Hidden: hidden.length,
		HeadingName: h2 ? h2.textContent : '',
		BarVisible: !!bar && bar.checkVisibility(),
		BarLinks: bar ? [...bar.querySelectorAll('a')].map(a => a.getAttribute('href')) : [],
		TOCSticky: !!toc && getComputedStyle(toc).position === 'sticky',
		ScrollMargin: '', HeadBottom: 0, TargetTop: 0, Current: '',
	};
	const part = document.getElementById('pl-art_1');
	if (part) {
		out.ScrollMargin = getComputedStyle(part).scrollMarginTop;
		document.documentElement.style.scrollBehavior = 'auto';
		location.hash = '#pl-art_1';
		await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
		out.HeadBottom = document.querySelector('.parallel-head').getBoundingClientRect().bottom;
		out.TargetTop = part.getBoundingClientRect().top;
	}
	const art3 = document.getElementById('art_3');
	if (art3 && toc) {
		document.documentElement.style.scrollBehavior = 'auto';
		art3.scrollIntoView();
		await new Promise(r => setTimeout(r, 300));
		const cur = toc.querySelector('a[aria-current="true"]');
		out.Current = cur ? cur.getAttribute('href') : '';
	}
	return out;
})()`

// TestActPagesInBrowser: the act (pl, en), its parallel view and a
// project page at 390 and 1440 px. Anchors (¶) are visible and inside the
// window; the article heading's text is "Artykuł 1" alone; the bar with
// the contents and the top of the page is there on phones; on wide screens
// the contents are sticky and mark the part being read; the parallel
// view's sticky bar of languages leaves the part a link leads to in view.
// Each page is saved as a full-page screenshot (logged), in
// $HUBGEN_SHOTS when set.
func TestActPagesInBrowser(t *testing.T) {
	base := serveBundled(t)
	dir := screenshotDir(t)
	pages := []struct{ name, path string }{
		{"act-pl", "/akty-prawne/2023-1187/"},
		{"act-en", "/en/decisions/2023-1187/"},
		{"parallel-pl", "/akty-prawne/2023-1187/widok-rownolegly/"},
		{"project-pl", "/projekty/2ps/"},
	}
	for _, width := range []int{390, 1440} {
		ctx := browsertest.New(t, width, 900)
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(width), 900)); err != nil {
			t.Fatal(err)
		}
		for _, pg := range pages {
			name := pg.name + "-" + map[int]string{390: "390", 1440: "1440"}[width]
			if err := chromedp.Do(ctx, chromedp.Navigate(base+pg.path), chromedp.WaitVisible(chromedp.CSS("main"))); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			// PNG: a JPEG cannot be taller than 65,535 pixels, which the
			// parallel view on a phone is.
			shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil || len(shot) == 0 {
				t.Fatalf("%s: screenshot: %v (%d bytes)", name, err, len(shot))
			}
			file := filepath.Join(dir, name+".png")
			if err := os.WriteFile(file, shot, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("screenshot %s", file)
			got, err := chromedp.Run(ctx, chromedp.Evaluate[actLayout](actProbe, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if got.ScrollWidth > got.InnerWidth {
				t.Errorf("%s scrolls sideways: %v > %v", name, got.ScrollWidth, got.InnerWidth)
			}
			if strings.HasPrefix(pg.name, "project") {
				continue
			}
			if got.Anchors == 0 || got.Clipped > 0 || got.Hidden > 0 {
				t.Errorf("%s: %d anchors, %d off the window, %d hidden", name, got.Anchors, got.Clipped, got.Hidden)
			}
			if got.HeadingName != "Artykuł 1" && got.HeadingName != "Article 1" {
				t.Errorf("%s: the first article's heading reads %q, want its label alone", name, got.HeadingName)
			}
			if wantBar := width < 600 || strings.HasPrefix(pg.name, "parallel"); got.BarVisible != wantBar {
				t.Errorf("%s: contents bar visible %v, want %v", name, got.BarVisible, wantBar)
			}
			if len(got.BarLinks) != 2 || got.BarLinks[0] != "#toc-list" || got.BarLinks[1] != "#main" {
				t.Errorf("%s: contents bar links %q, want #toc-list and #main", name, got.BarLinks)
			}
			if strings.HasPrefix(pg.name, "parallel") {
				if got.ScrollMargin == "0px" || got.ScrollMargin == "" {
					t.Errorf("%s: parts have no scroll-margin-top", name)
				}
				if width >= 600 && got.TargetTop < got.HeadBottom {
					t.Errorf("%s: the language bar (bottom %v) hides the linked part (top %v)", name, got.HeadBottom, got.TargetTop)
				}
				continue
			}
			if width >= 1024 {
				if !got.TOCSticky || got.Current != "#art_3" {
					t.Errorf("%s: contents sticky %v, marked %q; want sticky and #art_3 marked", name, got.TOCSticky, got.Current)
				}
			}
		}
	}
}

// TestActPrintStyles: printed, an act leaves out what only a screen needs:
// the language versions and the link to compare them, the topics, the
// footnotes' back links, the anchors and the contents bar.
func TestActPrintStyles(t *testing.T) {
	base := serveBundled(t)
	ctx := browsertest.New(t, 1280, 900)
	media := func(m string) {
		t.Helper()
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: m}); err != nil {
			t.Fatal(err)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/akty-prawne/2023-1187/"), chromedp.WaitVisible(chromedp.CSS("main"))); err != nil {
		t.Fatal(err)
	}
	media("print")
	for _, sel := range []string{"dt.act-versions", "dd.act-versions", ".parallel-link", ".topics", ".footnote-backref", ".act-text .anchor", ".act-bar", ".act-toc"} {
		display, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll(`+"`"+sel+"`"+`)].map(e => getComputedStyle(e).display)`))
		if err != nil {
			t.Fatal(err)
		}
		if len(display) == 0 {
			t.Errorf("%s: not on the page", sel)
		}
		for _, d := range display {
			if d != "none" {
				t.Errorf("printed, %s shows (display %s)", sel, d)
				break
			}
		}
	}
	// The text itself, the panel and the footnotes print.
	for _, sel := range []string{".act-text", ".act-meta", ".footnotes", "h1", ".act-title"} {
		display, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector(`+"`"+sel+"`"+`)).display`))
		if err != nil {
			t.Fatal(err)
		}
		if display == "none" {
			t.Errorf("printed, %s is hidden", sel)
		}
	}
	// The parallel view prints in two columns.
	// At a phone's width, where the screen has one column.
	media("")
	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(600, 900),
		chromedp.Navigate(base+"/akty-prawne/2023-1187/widok-rownolegly/"),
		chromedp.WaitVisible(chromedp.CSS("main")),
	); err != nil {
		t.Fatal(err)
	}
	media("print")
	cols, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('.parallel-row[data-part="art_1"]')).gridTemplateColumns`))
	if err != nil {
		t.Fatal(err)
	}
	if len(strings.Fields(cols)) != 2 {
		t.Errorf("printed, the parallel view has columns %q, want two", cols)
	}
}
