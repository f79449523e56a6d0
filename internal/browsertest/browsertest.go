// Package browsertest starts headless Chromium for tests with chromedp. A
// test that needs the browser fails when CI=true and Chromium is missing
// (CI must really run browser tests) and is skipped elsewhere.
package browsertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// Chromium returns the browser's path, failing or skipping t without one.
func Chromium(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is not installed; CI must run browser tests (apt-get install -y chromium)")
	}
	t.Skip("chromium is not installed (set CI=true to make this a failure)")
	return ""
}

// New starts a headless browser with a fresh profile and a window of the
// given size, and returns a chromedp context for it; the browser is closed
// when the test ends.
func New(t testing.TB, width, height int) context.Context {
	t.Helper()
	// On a loaded machine (two cores, several test binaries each with a
	// browser) chromium now and then exits before it answers; a second
	// start with a fresh profile succeeds. Three failures fail the test.
	var errs []string
	for attempt := 1; attempt <= 3; attempt++ {
		ctx, stop, err := start(t, width, height)
		if err == nil {
			tctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
			t.Cleanup(func() { cancelTimeout(); stop() })
			return tctx
		}
		errs = append(errs, fmt.Sprintf("attempt %d: %v", attempt, err))
		time.Sleep(time.Duration(attempt) * time.Second)
	}
	t.Fatalf("starting chromium:\n%s", strings.Join(errs, "\n"))
	return nil
}

// start starts one browser; stop closes it.
func start(t testing.TB, width, height int) (ctx context.Context, stop func(), err error) {
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(Chromium(t)),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	stop = func() { cancel(); cancelAlloc() }
	// The first call starts the browser, on a context without a timeout
	// (a timeout there would stop the whole browser); the test's actions get
	// one derived from it.
	if err := chromedp.Do(ctx); err != nil {
		stop()
		return nil, nil, err
	}
	// A headless window never has the system's focus; emulate it so that
	// :focus styles apply as they do for a reader using the keyboard.
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		stop()
		return nil, nil, fmt.Errorf("emulating focus: %w", err)
	}
	return ctx, stop, nil
}

// WaitFor calls read until cond holds of what it returns, and returns that;
// after 15 seconds it fails t, naming what it waited for and the last read.
func WaitFor[S any](t testing.TB, what string, read func() S, cond func(S) bool) S {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		s := read()
		if cond(s) {
			return s
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: gave up waiting; page: %+v", what, s)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
