package server

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// sseBlock is one block of an event stream, up to its blank line.
type sseBlock struct {
	event, data, id string // id: the last event id after this block
	hasData         bool   // a browser dispatches only blocks with data
}

// sseStream reads an event stream as a browser would.
type sseStream struct {
	resp     *http.Response
	blocks   chan sseBlock // closed at the end of the stream
	comments chan string
	cancel   context.CancelFunc
}

// openEvents connects to the event stream at url, sending lastID as
// Last-Event-ID when it is not empty, and waits for the stream's first block
// (by then the server has registered the client).
func openEvents(t *testing.T, url, lastID string) *sseStream {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if lastID != "" {
		req.Header.Set("Last-Event-ID", lastID)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	s := &sseStream{resp: resp, blocks: make(chan sseBlock, 100), comments: make(chan string, 100), cancel: cancel}
	t.Cleanup(s.close)
	go s.read()
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d", url, resp.StatusCode)
	}
	first := s.nextBlock(t)
	if first.id == "" || first.hasData {
		t.Fatalf("first block %+v", first)
	}
	return s
}

func (s *sseStream) close() {
	s.cancel()
	s.resp.Body.Close()
}

func (s *sseStream) read() {
	defer close(s.blocks)
	r := bufio.NewReader(s.resp.Body)
	var b sseBlock
	lastID := ""
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		line = strings.TrimSuffix(line, "\n")
		if line == "" {
			lastID = b.id
			s.blocks <- b
			b = sseBlock{id: lastID}
			continue
		}
		if strings.HasPrefix(line, ":") {
			select {
			case s.comments <- line:
			default:
			}
			continue
		}
		field, value, _ := strings.Cut(line, ":")
		value = strings.TrimPrefix(value, " ")
		switch field {
		case "event":
			b.event = value
		case "data":
			if b.hasData {
				b.data += "\n"
			}
			b.data += value
			b.hasData = true
		case "id":
			b.id = value
		}
	}
}

const eventTimeout = 5 * time.Second

func (s *sseStream) nextBlock(t *testing.T) sseBlock {
	t.Helper()
	select {
	case b, ok := <-s.blocks:
		if !ok {
			t.Fatal("the event stream ended")
		}
		return b
	case <-time.After(eventTimeout):
		t.Fatal("no event in time")
	}
	panic("unreachable")
}

// next returns the next event a browser would dispatch.
func (s *sseStream) next(t *testing.T) sseBlock {
	t.Helper()
	for {
		if b := s.nextBlock(t); b.hasData {
			return b
		}
	}
}

// expect reads the next events and checks their names.
func (s *sseStream) expect(t *testing.T, names ...string) []sseBlock {
	t.Helper()
	var got []sseBlock
	for _, name := range names {
		b := s.next(t)
		if b.event != name {
			t.Fatalf("event %q (data %q), want %q", b.event, b.data, name)
		}
		got = append(got, b)
	}
	return got
}

// quiet checks that no event arrives for a while.
func (s *sseStream) quiet(t *testing.T) {
	t.Helper()
	select {
	case b, ok := <-s.blocks:
		if ok {
			t.Fatalf("unexpected block %+v", b)
		}
	case <-time.After(150 * time.Millisecond):
	}
}

// ended waits for the end of the stream.
func (s *sseStream) ended(t *testing.T) {
	t.Helper()
	deadline := time.After(eventTimeout)
	for {
		select {
		case _, ok := <-s.blocks:
			if !ok {
				return
			}
		case <-deadline:
			t.Fatal("the event stream is still open")
		}
	}
}

func eventsURL(srvURL string) string { return srvURL + "/portal/__hubgen/events" }

// TestLiveEventsHeaders: the stream is text/event-stream, not cached, and
// starts with a retry interval and the site's id.
func TestLiveEventsHeaders(t *testing.T) {
	_, srv := newLiveServer(t, "/portal", nil)
	s := openEvents(t, eventsURL(srv.URL), "")
	if ct := s.resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Errorf("Content-Type %q", ct)
	}
	if cc := s.resp.Header.Get("Cache-Control"); cc != "no-cache" {
		t.Errorf("Cache-Control %q", cc)
	}
	s.quiet(t)
}

// TestLiveEventsReload: a Publish that changes a page reloads open pages.
func TestLiveEventsReload(t *testing.T) {
	l, srv := newLiveServer(t, "/portal", nil)
	a := openEvents(t, eventsURL(srv.URL), "")
	b := openEvents(t, eventsURL(srv.URL), "")
	site := testSite()
	site["index.html"] = page("pl", "Zmieniona")
	l.Publish(site, []string{"index.html", "css/site.css"})
	for _, s := range []*sseStream{a, b} {
		ev := s.expect(t, "reload")[0]
		if ev.id == "" || ev.data != "1" {
			t.Errorf("reload: id %q data %q", ev.id, ev.data)
		}
	}
	// An empty change list sends nothing.
	l.Publish(site, nil)
	a.quiet(t)
	l.Publish(site, []string{"en/index.html"})
	a.expect(t, "reload")
}

// TestLiveEventsCSS: a Publish that changes only stylesheets swaps them.
func TestLiveEventsCSS(t *testing.T) {
	l, srv := newLiveServer(t, "/portal", nil)
	s := openEvents(t, eventsURL(srv.URL), "")
	site := testSite()
	site["css/site.css"] = []byte("h1{color:red}")
	l.Publish(site, []string{"css/site.css", "css/print.CSS"})
	ev := s.expect(t, "css")[0]
	if ev.data != "1" {
		t.Errorf("css data %q, want the version 1", ev.data)
	}
	l.Publish(site, []string{"css/site.css"})
	if ev := s.expect(t, "css")[0]; ev.data != "2" {
		t.Errorf("css data %q, want the version 2", ev.data)
	}
	l.Publish(site, []string{"css/site.css", "css/site.css.map"})
	s.expect(t, "reload")
}

// TestLiveEventsProblems: Fail shows the problems on open pages and on pages
// opened later; the next Publish clears them, then reloads.
func TestLiveEventsProblems(t *testing.T) {
	l, srv := newLiveServer(t, "/portal", nil)
	early := openEvents(t, eventsURL(srv.URL), "")
	problems := []string{
		`content/news/a.pl.md:3:7: unknown key "tittle"`,
		"content/news/b.en.md:1:1: <img src=x onerror=alert(1)>\nsecond line",
	}
	l.Fail(problems)
	late := openEvents(t, eventsURL(srv.URL), "")
	for name, s := range map[string]*sseStream{"open before Fail": early, "opened after Fail": late} {
		ev := s.expect(t, "problems")[0]
		var got []string
		if err := json.Unmarshal([]byte(ev.data), &got); err != nil || strings.Join(got, "|") != strings.Join(problems, "|") {
			t.Errorf("%s: problems data %q (%v)", name, ev.data, err)
		}
		if strings.Contains(ev.data, "\n") {
			t.Errorf("%s: the data spans lines: %q", name, ev.data)
		}
	}
	// The page still serves the last site.
	if resp, body := get(t, "GET", srv.URL+"/portal/"); resp.StatusCode != 200 || !strings.Contains(body, "Strona główna") {
		t.Errorf("after Fail: %d %q", resp.StatusCode, body)
	}

	// Another failure replaces the problems.
	l.Fail([]string{"config.toml:1:1: bad"})
	if ev := early.expect(t, "problems")[0]; ev.data != `["config.toml:1:1: bad"]` {
		t.Errorf("second Fail: %q", ev.data)
	}
	late.expect(t, "problems")

	site := testSite()
	site["index.html"] = page("pl", "Naprawiona")
	l.Publish(site, []string{"index.html"})
	for _, s := range []*sseStream{early, late} {
		evs := s.expect(t, "ok", "reload")
		if evs[0].data != "[]" {
			t.Errorf("ok data %q", evs[0].data)
		}
	}
	after := openEvents(t, eventsURL(srv.URL), "")
	after.quiet(t)

	// A fix that changes nothing in the output still removes the overlay.
	l.Fail(nil)
	if ev := early.expect(t, "problems")[0]; ev.data != "[]" {
		t.Errorf("Fail(nil): %q", ev.data)
	}
	l.Publish(site, nil)
	early.expect(t, "ok")
	early.quiet(t)

	// A stylesheet fix: ok, then css.
	l.Fail([]string{"static/css/site.css:1:1: unreadable"})
	early.expect(t, "problems")
	l.Publish(site, []string{"css/site.css"})
	early.expect(t, "ok", "css")
}

// TestLiveEventsReconnect: a browser that reconnects with the id of an older
// site (or of another run of the server) reloads at once; one that is up to
// date gets only the state of the build.
func TestLiveEventsReconnect(t *testing.T) {
	l, srv := newLiveServer(t, "/portal", nil)
	s := openEvents(t, eventsURL(srv.URL), "")
	l.Publish(testSite(), []string{"index.html"})
	current := s.expect(t, "reload")[0].id
	s.close()

	same := openEvents(t, eventsURL(srv.URL), current)
	same.expect(t, "ok")
	same.quiet(t)

	l.Publish(testSite(), []string{"index.html"})
	same.expect(t, "reload")
	stale := openEvents(t, eventsURL(srv.URL), current)
	stale.expect(t, "ok", "reload")

	other := openEvents(t, eventsURL(srv.URL), NewLive("", nil).epoch+".2")
	other.expect(t, "ok", "reload")

	l.Fail([]string{"a.md:1:1: x"})
	failed := openEvents(t, eventsURL(srv.URL), current)
	failed.expect(t, "problems", "reload")
}

// TestLiveEventsHeartbeat: an idle stream gets a comment now and then.
func TestLiveEventsHeartbeat(t *testing.T) {
	l, srv := newLiveServer(t, "/portal", nil)
	l.heartbeat = 20 * time.Millisecond
	s := openEvents(t, eventsURL(srv.URL), "")
	for range 2 {
		select {
		case c := <-s.comments:
			if !strings.HasPrefix(c, ":") {
				t.Errorf("comment %q", c)
			}
		case <-time.After(eventTimeout):
			t.Fatal("no heartbeat")
		}
	}
}

// TestLiveEventsEndWhenClientLeaves: the server forgets a client that went away.
func TestLiveEventsEndWhenClientLeaves(t *testing.T) {
	l, srv := newLiveServer(t, "/portal", nil)
	s := openEvents(t, eventsURL(srv.URL), "")
	if n := l.clientCount(); n != 1 {
		t.Fatalf("%d clients, want 1", n)
	}
	s.close()
	waitFor(t, func() bool { return l.clientCount() == 0 }, "the stream's handler to return")
}

func waitFor(t *testing.T, cond func() bool, what string) {
	t.Helper()
	deadline := time.Now().Add(eventTimeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestLiveCloseEndsStreams: Close ends every stream, and streams opened
// afterwards end at once, so that http.Server.Shutdown is not held up.
func TestLiveCloseEndsStreams(t *testing.T) {
	l, srv := newLiveServer(t, "/portal", nil)
	a := openEvents(t, eventsURL(srv.URL), "")
	b := openEvents(t, eventsURL(srv.URL), "")
	l.Close()
	a.ended(t)
	b.ended(t)
	l.Close() // twice is fine

	resp, body := get(t, "GET", eventsURL(srv.URL))
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream" || !strings.Contains(body, "retry:") {
		t.Errorf("after Close: %d %q %q", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	// The site is still served, and Publish and Fail still work.
	l.Fail([]string{"x"})
	l.Publish(testSite(), []string{"index.html"})
	if resp, _ := get(t, "GET", srv.URL+"/portal/"); resp.StatusCode != 200 {
		t.Errorf("after Close: %d", resp.StatusCode)
	}
}

// TestServeLiveShutsDownPromptly: ServeLive returns soon after its context
// is cancelled, even with event streams open.
func TestServeLiveShutsDownPromptly(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	l := NewLive("/portal", nil)
	l.Publish(testSite(), nil)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	errc := make(chan error, 1)
	go func() { errc <- ServeLive(ctx, ln, l) }()
	url := "http://" + ln.Addr().String()
	var streams []*sseStream
	for range 3 {
		streams = append(streams, openEvents(t, eventsURL(url), ""))
	}
	start := time.Now()
	cancel()
	select {
	case err := <-errc:
		if err != nil && !errors.Is(err, http.ErrServerClosed) {
			t.Errorf("ServeLive: %v", err)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("ServeLive did not return within 3 s of the cancellation")
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("shutdown took %v", d)
	}
	for _, s := range streams {
		s.ended(t)
	}
}

// TestLiveShutdownWithClose: a plain http.Server with Close registered for
// shutdown does not wait for event streams.
func TestLiveShutdownWithClose(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	l := NewLive("", nil)
	srv := &http.Server{Handler: l}
	srv.RegisterOnShutdown(l.Close)
	go srv.Serve(ln)
	s := openEvents(t, "http://"+ln.Addr().String()+"/__hubgen/events", "")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	s.ended(t)
}

// TestLiveStreamOutlivesReadTimeout: the server's ReadTimeout (30 s in
// ServeLive) does not end event streams: net/http clears the read deadline
// once the request has been read.
func TestLiveStreamOutlivesReadTimeout(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	l := NewLive("/portal", nil)
	srv := httpServer(l)
	srv.ReadTimeout = 100 * time.Millisecond
	srv.RegisterOnShutdown(l.Close)
	go srv.Serve(ln)
	defer srv.Close()
	defer l.Close()
	s := openEvents(t, eventsURL("http://"+ln.Addr().String()), "")
	time.Sleep(400 * time.Millisecond)
	l.Publish(testSite(), []string{"index.html"})
	s.expect(t, "reload")
}

// TestLiveConcurrentPublish: Publish and Fail from other goroutines while
// pages and streams are served (run with -race).
func TestLiveConcurrentPublish(t *testing.T) {
	l, srv := newLiveServer(t, "/portal", []string{"en"})
	s := openEvents(t, eventsURL(srv.URL), "")
	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Go(func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if i%3 == 2 {
				l.Fail([]string{"a.md:1:1: x"})
				continue
			}
			site := testSite()
			site["index.html"] = page("pl", "Wersja")
			l.Publish(site, []string{"index.html"})
		}
	})
	for range 4 {
		wg.Go(func() {
			for _, p := range []string{"/portal/", "/portal/en", "/portal/en/missing", "/portal/css/site.css", "/portal/search/pl"} {
				for range 10 {
					resp, err := noRedirects.Get(srv.URL + p)
					if err != nil {
						t.Error(err)
						return
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
			}
		})
	}
	drained := make(chan struct{})
	go func() {
		defer close(drained)
		for range s.blocks {
		}
	}()
	time.Sleep(300 * time.Millisecond)
	close(stop)
	wg.Wait()
	l.Publish(testSite(), []string{"index.html"})
	s.close()
	<-drained
}

// TestLiveSlowClientDoesNotBlockPublish: a client that does not read never
// holds up Publish; what it missed is coalesced.
func TestLiveSlowClientDoesNotBlockPublish(t *testing.T) {
	l, srv := newLiveServer(t, "/portal", nil)
	s := openEvents(t, eventsURL(srv.URL), "")
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range 10000 {
			l.Fail([]string{strings.Repeat("x", 100)})
			l.Publish(testSite(), []string{"index.html"})
		}
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Publish blocked")
	}
	// Whatever was coalesced, the stream ends with ok and reload.
	var got []string
	for {
		select {
		case b, ok := <-s.blocks:
			if !ok {
				t.Fatal("the stream ended")
			}
			if b.hasData {
				got = append(got, b.event)
			}
			continue
		case <-time.After(300 * time.Millisecond):
		}
		break
	}
	if n := len(got); n < 2 || got[n-2] != "ok" || got[n-1] != "reload" {
		t.Errorf("events %v, want them to end with ok, reload", got)
	}
}

// TestLivePendingWaits: after PublishPending, open pages reload, a request
// for a pending file waits for the next Publish and gets its new bytes
// (never the old ones), and other files are served at once.
func TestLivePendingWaits(t *testing.T) {
	l, srv := newLiveServer(t, "/portal", []string{"en"})
	ev := openEvents(t, eventsURL(srv.URL), "")
	site := testSite()
	site["index.html"] = page("pl", "Nowa pierwsza")
	l.PublishPending(site, []string{"index.html"}, []string{"aktualnosci/index.html", "aktualnosci/strona/2/index.html"})
	ev.expect(t, "reload")
	if _, body := get(t, "GET", srv.URL+"/portal/"); !strings.Contains(body, "Nowa pierwsza") {
		t.Fatalf("a file not pending is not served at once: %s", body)
	}
	type answer struct {
		path, body string
	}
	answers := make(chan answer, 2)
	for _, p := range []string{"/portal/aktualnosci/", "/portal/aktualnosci/strona/2/"} {
		go func() {
			resp, err := http.Get(srv.URL + p)
			if err != nil {
				answers <- answer{p, err.Error()}
				return
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			answers <- answer{p, string(b)}
		}()
	}
	select {
	case a := <-answers:
		t.Fatalf("%s answered before its page was made: %s", a.path, a.body)
	case <-time.After(200 * time.Millisecond):
	}
	done := testSite()
	done["index.html"] = site["index.html"]
	done["aktualnosci/index.html"] = page("pl", "Lista po zmianie")
	done["aktualnosci/strona/2/index.html"] = page("pl", "Druga strona")
	l.Publish(done, nil)
	want := map[string]string{"/portal/aktualnosci/": "Lista po zmianie", "/portal/aktualnosci/strona/2/": "Druga strona"}
	for range 2 {
		a := <-answers
		if !strings.Contains(a.body, want[a.path]) {
			t.Errorf("%s after the pages were made: %s", a.path, a.body)
		}
	}
	ev.quiet(t) // the reload was sent with PublishPending
}
