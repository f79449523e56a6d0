package server

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hubgen/internal/browsertest"
)

// browserSite is a small site whose stylesheet colours the heading.
func browserSite(heading, color string) map[string][]byte {
	site := testSite()
	site["en/index.html"] = []byte(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Home</title>
<link rel="stylesheet" href="/portal/css/site.css"></head>
<body><h1>` + heading + `</h1>` + strings.Repeat("<p>Text of the page.</p>", 80) + `</body></html>`)
	site["css/site.css"] = []byte("h1{color:" + color + "}")
	return site
}

// serveOn serves l on addr ("127.0.0.1:0" for any port) until the returned
// stop function shuts the server down; it returns the address.
func serveOn(t *testing.T, addr string, l *Live) (string, func()) {
	t.Helper()
	var ln net.Listener
	var err error
	for range 50 { // the previous server's port may take a moment to free
		if ln, err = net.Listen("tcp", addr); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	srv := httpServer(l)
	srv.RegisterOnShutdown(l.Close)
	go srv.Serve(ln)
	stop := sync.OnceFunc(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(ctx); err != nil {
			t.Errorf("Shutdown: %v", err)
		}
	})
	t.Cleanup(stop)
	return ln.Addr().String(), stop
}

// until evaluates the JavaScript predicate expr until it is true, across
// page loads (an evaluation during a reload fails and is tried again).
func until(t *testing.T, ctx context.Context, expr string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s (last error: %v)", expr, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestLiveInBrowser: in Chromium, problems appear as text in an overlay
// (markup in them stays text), a stylesheet change is swapped in without a
// reload, a page change reloads the page, and a restarted server reloads
// open pages.
func TestLiveInBrowser(t *testing.T) {
	ctx := browsertest.New(t, 1024, 768)
	l := NewLive("/portal", []string{"en"})
	l.Publish(browserSite("Home", "rgb(0, 0, 255)"), nil)
	addr, stop := serveOn(t, "127.0.0.1:0", l)
	url := "http://" + addr + "/portal/en/"

	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[int]("window.loadedOnce = 1")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool { return l.clientCount() == 1 }, "the page to connect")

	// Problems: literal text, no markup, over the page but not covering it.
	const evil = `content/news/a.en.md:2:3: unknown key <img src=x onerror=alert(1)> in "title"`
	l.Fail([]string{evil, "config.toml:1:1: second problem"})
	until(t, ctx, `!!document.getElementById('hubgen-live-problems')`)
	type overlay struct {
		Text, Heading, Role, Position, Lang string
		Items, Images, Elements             int
		Height, InnerHeight                 float64
		Scrolls                             bool
		LoadedOnce                          int
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[overlay](`(() => {
		const panel = document.getElementById('hubgen-live-problems');
		window.scrollTo(0, 200);
		const scrolls = window.scrollY === 200;
		return {
			Text: panel.textContent, Heading: panel.querySelector('h2').textContent,
			Role: panel.getAttribute('role'), Position: getComputedStyle(panel).position, Lang: panel.lang,
			Items: panel.querySelectorAll('li').length, Images: document.querySelectorAll('img').length,
			Elements: panel.querySelectorAll('*').length,
			Height: panel.getBoundingClientRect().height, InnerHeight: window.innerHeight,
			Scrolls: scrolls, LoadedOnce: window.loadedOnce || 0,
		};
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("HUBGEN_SHOTS"); dir != "" {
		if shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
			os.WriteFile(filepath.Join(dir, "live-problems.png"), shot, 0o644)
		}
	}
	if !strings.Contains(got.Text, evil) || !strings.Contains(got.Text, "config.toml:1:1: second problem") {
		t.Errorf("overlay text %q lacks the problems as written", got.Text)
	}
	if got.Images != 0 || got.Elements != 5 { // button, h2, ul, 2 × li
		t.Errorf("the problems became markup: %d img, %d elements in the overlay", got.Images, got.Elements)
	}
	if got.Heading != "Build failed" || got.Role != "alert" || got.Position != "fixed" || got.Items != 2 {
		t.Errorf("overlay: %+v", got)
	}
	if got.Height > 0.4*got.InnerHeight+1 || !got.Scrolls {
		t.Errorf("the overlay is %.0f px of %.0f, page scrolls: %v", got.Height, got.InnerHeight, got.Scrolls)
	}

	// A stylesheet-only fix: the overlay goes, the new colour comes, no reload.
	l.Publish(browserSite("Home", "rgb(255, 0, 0)"), []string{"css/site.css"})
	until(t, ctx, `getComputedStyle(document.querySelector('h1')).color === 'rgb(255, 0, 0)'
		&& !document.getElementById('hubgen-live-problems')
		&& document.querySelectorAll('link[rel=stylesheet]').length === 1
		&& document.querySelector('link[rel=stylesheet]').href.endsWith('/portal/css/site.css?v=1')`)
	if n, err := chromedp.Run(ctx, chromedp.Evaluate[int]("window.loadedOnce || 0")); err != nil || n != 1 {
		t.Errorf("the stylesheet change reloaded the page (%v)", err)
	}

	// A page change reloads it.
	l.Fail([]string{"content/news/a.en.md:1:1: broken"})
	until(t, ctx, `!!document.getElementById('hubgen-live-problems')`)
	l.Publish(browserSite("Home, updated", "rgb(255, 0, 0)"), []string{"en/index.html"})
	until(t, ctx, `document.querySelector('h1').textContent === 'Home, updated'
		&& !window.loadedOnce && !document.getElementById('hubgen-live-problems')`)

	// Polish pages get a Polish heading.
	if err := chromedp.Do(ctx, chromedp.Navigate("http://"+addr+"/portal/"), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
		t.Fatal(err)
	}
	// (No need to wait for it to connect: a page connecting while there
	// are problems gets them at once.)
	l.Fail([]string{"content/news/a.pl.md:1:1: zepsute"})
	until(t, ctx, `document.querySelector('#hubgen-live-problems h2')?.textContent === 'Budowanie nie powiodło się'`)
	until(t, ctx, `document.querySelector('#hubgen-live-problems button').getAttribute('aria-label') === 'Zamknij'`)
	// The reader can close the panel.
	until(t, ctx, `(document.querySelector('#hubgen-live-problems button').click(), !document.getElementById('hubgen-live-problems'))`)

	// A restarted server (a new Live) reloads the open page when it
	// reconnects; the new site has no problems.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[int]("window.loadedOnce = 1")); err != nil {
		t.Fatal(err)
	}
	stop()
	next := NewLive("/portal", []string{"en"})
	site := browserSite("Home", "rgb(255, 0, 0)")
	site["index.html"] = page("pl", "Po restarcie")
	next.Publish(site, nil)
	serveOn(t, addr, next)
	until(t, ctx, `document.querySelector('h1').textContent === 'Po restarcie'
		&& !window.loadedOnce && !document.getElementById('hubgen-live-problems')`)
}
