package server

import (
	"bytes"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
)

// page is a small HTML document in lang with the heading h1.
func page(lang, h1 string) []byte {
	return []byte(`<!DOCTYPE html><html lang="` + lang + `"><head><meta charset="utf-8"><title>` + h1 +
		`</title><link rel="stylesheet" href="/portal/css/site.css"></head><body><h1>` + h1 + `</h1></body></html>`)
}

func testSite() map[string][]byte {
	return map[string][]byte{
		"index.html":              page("pl", "Strona główna"),
		"en/index.html":           page("en", "Home"),
		"en/news/x/index.html":    page("en", "News item"),
		"aktualnosci/index.html":  page("pl", "Aktualności"),
		"css/site.css":            []byte("h1{color:#111}"),
		"js/search.js":            []byte("export {};"),
		"search/pl/manifest.json": []byte(`{"v":1}`),
		"feed.xml":                []byte("<feed/>"),
		"img/logo.svg":            []byte("<svg/>"),
		"robots.txt":              []byte("User-agent: *"),
		"data.bin":                []byte{0, 1, 2, 3},
		"404.html":                page("pl", "Nie znaleziono"),
		"en/404.html":             page("en", "Not found"),
	}
}

// newLiveServer serves a Live with the test site over real HTTP; the event
// streams are closed before the server, which waits for them.
func newLiveServer(t *testing.T, base string, languages []string) (*Live, *httptest.Server) {
	t.Helper()
	l := NewLive(base, languages)
	l.Publish(testSite(), nil)
	srv := httptest.NewServer(l)
	t.Cleanup(srv.Close)
	t.Cleanup(l.Close)
	return l, srv
}

var noRedirects = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func get(t *testing.T, method, url string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := noRedirects.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

// TestLiveServesFiles: published files are served under the base path with
// their content types; everything outside it is a 404.
func TestLiveServesFiles(t *testing.T) {
	_, srv := newLiveServer(t, "/portal", []string{"en"})
	tests := []struct {
		path   string
		status int
		ctype  string
		body   string
	}{
		{"/portal/", 200, "text/html; charset=utf-8", "<h1>Strona główna</h1>"},
		{"/portal/index.html", 200, "text/html; charset=utf-8", "<h1>Strona główna</h1>"},
		{"/portal/en/", 200, "text/html; charset=utf-8", "<h1>Home</h1>"},
		{"/portal/en/news/x/", 200, "text/html; charset=utf-8", "<h1>News item</h1>"},
		{"/portal/aktualno%C5%9Bci/", 404, "text/html; charset=utf-8", "Nie znaleziono"},
		{"/portal/aktualnosci/", 200, "text/html; charset=utf-8", "Aktualności"},
		{"/portal/css/site.css", 200, "text/css; charset=utf-8", "h1{color:#111}"},
		{"/portal/js/search.js", 200, "text/javascript; charset=utf-8", "export"},
		{"/portal/search/pl/manifest.json", 200, "application/json", `{"v":1}`},
		{"/portal/feed.xml", 200, "application/xml; charset=utf-8", "<feed/>"},
		{"/portal/img/logo.svg", 200, "image/svg+xml", "<svg/>"},
		{"/portal/robots.txt", 200, "text/plain; charset=utf-8", "User-agent"},
		{"/portal/data.bin", 200, "application/octet-stream", "\x00\x01"},
		{"/portal/__hubgen/live.js", 200, "text/javascript; charset=utf-8", "EventSource"},
		{"/portal/__hubgen/other", 404, "text/html; charset=utf-8", "Nie znaleziono"},
		// Outside the base path.
		{"/", 404, "text/html; charset=utf-8", "Nie znaleziono"},
		{"/index.html", 404, "text/html; charset=utf-8", "Nie znaleziono"},
		{"/css/site.css", 404, "text/html; charset=utf-8", "Nie znaleziono"},
		{"/portalx/", 404, "text/html; charset=utf-8", "Nie znaleziono"},
		{"/portal/../index.html", 404, "text/html; charset=utf-8", "Nie znaleziono"},
		{"/portal/%2e%2e/portal/css/site.css", 200, "text/css; charset=utf-8", "h1{"},
		{"/__hubgen/live.js", 404, "text/html; charset=utf-8", "Nie znaleziono"},
		// No escaping the site.
		{"/portal/../../etc/passwd", 404, "text/html; charset=utf-8", "Nie znaleziono"},
		{"/portal/%2e%2e/%2e%2e/etc/passwd", 404, "text/html; charset=utf-8", "Nie znaleziono"},
		{"/portal/css%5Csite.css", 404, "text/html; charset=utf-8", "Nie znaleziono"},
		{"/portal/css/site.css%00", 404, "text/html; charset=utf-8", "Nie znaleziono"},
	}
	for _, tc := range tests {
		resp, body := get(t, "GET", srv.URL+tc.path)
		if resp.StatusCode != tc.status {
			t.Errorf("%s: status %d, want %d", tc.path, resp.StatusCode, tc.status)
		}
		if got := resp.Header.Get("Content-Type"); got != tc.ctype {
			t.Errorf("%s: Content-Type %q, want %q", tc.path, got, tc.ctype)
		}
		if !strings.Contains(body, tc.body) {
			t.Errorf("%s: body %q lacks %q", tc.path, body, tc.body)
		}
		if got := resp.Header.Get("Content-Length"); got != strconv.Itoa(len(body)) {
			t.Errorf("%s: Content-Length %s, body %d bytes", tc.path, got, len(body))
		}
	}

	// HEAD: the headers of GET, no body.
	resp, body := get(t, "HEAD", srv.URL+"/portal/en/")
	_, full := get(t, "GET", srv.URL+"/portal/en/")
	if resp.StatusCode != 200 || body != "" || resp.Header.Get("Content-Length") != strconv.Itoa(len(full)) {
		t.Errorf("HEAD /portal/en/: %d, body %q, Content-Length %s (GET: %d bytes)", resp.StatusCode, body, resp.Header.Get("Content-Length"), len(full))
	}
}

// TestLiveRootBase: with an empty base path the site is at the root.
func TestLiveRootBase(t *testing.T) {
	for _, base := range []string{"", "/"} {
		_, srv := newLiveServer(t, base, []string{"en"})
		for path, want := range map[string]string{"/": "Strona główna", "/en/": "Home", "/css/site.css": "h1{"} {
			resp, body := get(t, "GET", srv.URL+path)
			if resp.StatusCode != 200 || !strings.Contains(body, want) {
				t.Errorf("base %q, %s: %d %q, want 200 with %q", base, path, resp.StatusCode, body, want)
			}
		}
		_, body := get(t, "GET", srv.URL+"/")
		if !strings.Contains(body, `<script src="/__hubgen/live.js" defer></script></head>`) {
			t.Errorf("base %q: no script tag for /__hubgen/live.js in %q", base, body)
		}
	}
}

// TestLiveRedirectsStaySameOrigin: a directory without its trailing slash
// redirects to the same path with it, always a path on this host.
func TestLiveRedirectsStaySameOrigin(t *testing.T) {
	_, srv := newLiveServer(t, "/portal", []string{"en"})
	addr := strings.TrimPrefix(srv.URL, "http://")
	tests := []redirectCase{
		{"/portal", "/portal/"},
		{"/portal?q=1", "/portal/?q=1"},
		{"/portal/en", "/portal/en/"},
		{"/portal/en/news", "/portal/en/news/"},
		{"/portal/en/news/x?q=a%20b", "/portal/en/news/x/?q=a%20b"},
		{"/portal/search", "/portal/search/"}, // a directory without index.html
		{"/portal/./en", "/portal/en/"},
		{"//evil.example/../portal/en", "/portal/en/"},
		{"//evil.example%2f..%2fportal%2fen", "/portal/en/"},
		{"/%2f%2fevil.example%2f..%2fportal/en", "/portal/en/"},
		{"/portal/%2f%2fevil.example%2f..%2fen", "/portal/en/"},
		{"/portal/%5Cevil.example%2f..%2fen", ""},
		{"/portal/en/missing", ""},
		{"/portal/css/site.css", ""},
		{"//evil.example", ""},
		{"/evil.example", ""},
	}
	checkRedirects(t, addr, tests)
}

// TestLiveOnlyGetAndHead: other methods get 405 with an Allow header,
// wherever they are sent.
func TestLiveOnlyGetAndHead(t *testing.T) {
	_, srv := newLiveServer(t, "/portal", nil)
	addr := strings.TrimPrefix(srv.URL, "http://")
	for _, target := range []string{"/portal/", "/portal/css/site.css", "/portal/__hubgen/events", "/portal/__hubgen/live.js", "/elsewhere"} {
		for method, want := range map[string]int{"GET": -1, "HEAD": -1, "POST": 405, "PUT": 405, "DELETE": 405, "OPTIONS": 405, "PATCH": 405} {
			if want == -1 && strings.HasSuffix(target, "/events") && method == "GET" {
				continue // a stream: TestLiveEvents*
			}
			resp := rawGet(t, addr, method, target)
			if want == 405 && (resp.StatusCode != 405 || resp.Header.Get("Allow") != "GET, HEAD") {
				t.Errorf("%s %s: %d Allow %q, want 405 with Allow GET, HEAD", method, target, resp.StatusCode, resp.Header.Get("Allow"))
			}
			if want == -1 && resp.StatusCode == 405 {
				t.Errorf("%s %s: 405", method, target)
			}
		}
	}
}

// TestLiveNotFoundInReadersLanguage: a miss under /en/ gets the English 404
// page, other misses the default one, all with status 404.
func TestLiveNotFoundInReadersLanguage(t *testing.T) {
	_, srv := newLiveServer(t, "/portal", []string{"en"})
	for path, want := range map[string]string{
		"/portal/en/missing":          "<h1>Not found</h1>",
		"/portal/en/news/missing/":    "<h1>Not found</h1>",
		"/portal/en/news/x/y.css":     "<h1>Not found</h1>",
		"/portal/missing":             "<h1>Nie znaleziono</h1>",
		"/portal/aktualnosci/missing": "<h1>Nie znaleziono</h1>",
		"/portal/english/":            "<h1>Nie znaleziono</h1>",
		"/portal/enx":                 "<h1>Nie znaleziono</h1>",
		"/en/missing":                 "<h1>Nie znaleziono</h1>", // outside the base path
	} {
		resp, body := get(t, "GET", srv.URL+path)
		if resp.StatusCode != 404 || !strings.Contains(body, want) {
			t.Errorf("%s: %d %q, want 404 with %q", path, resp.StatusCode, body, want)
		}
		if !strings.Contains(body, `<script src="/portal/__hubgen/live.js" defer></script></head>`) {
			t.Errorf("%s: 404 page without the live script: %q", path, body)
		}
	}
	resp, body := get(t, "HEAD", srv.URL+"/portal/en/missing")
	if resp.StatusCode != 404 || body != "" || resp.Header.Get("Content-Length") == "" {
		t.Errorf("HEAD miss: %d %q Content-Length %q", resp.StatusCode, body, resp.Header.Get("Content-Length"))
	}

	// A language without its own 404 page gets the default one; a site
	// without any gets a plain one.
	l := NewLive("", []string{"en", "de"})
	site := testSite()
	delete(site, "en/404.html")
	l.Publish(site, nil)
	for path, want := range map[string]string{"/en/missing": "Nie znaleziono", "/de/missing": "Nie znaleziono"} {
		rec := httptest.NewRecorder()
		l.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != 404 || !strings.Contains(rec.Body.String(), want) {
			t.Errorf("without en/404.html, %s: %d %q", path, rec.Code, rec.Body)
		}
	}
	l.Publish(map[string][]byte{"index.html": []byte("x")}, nil)
	rec := httptest.NewRecorder()
	l.ServeHTTP(rec, httptest.NewRequest("GET", "/en/missing", nil))
	if rec.Code != 404 || !strings.Contains(rec.Body.String(), "Not found") || !strings.Contains(rec.Body.String(), "live.js") {
		t.Errorf("without 404.html: %d %q", rec.Code, rec.Body)
	}
}

// TestLiveInjectsOnlyIntoResponses: served HTML carries the live script; the
// published bytes (the build's output) stay exactly as they were.
func TestLiveInjectsOnlyIntoResponses(t *testing.T) {
	l := NewLive("/portal", []string{"en"})
	site := testSite()
	before := make(map[string][]byte, len(site))
	for name, b := range site {
		before[name] = bytes.Clone(b)
	}
	l.Publish(site, []string{"index.html"})
	srv := httptest.NewServer(l)
	defer srv.Close()
	defer l.Close()

	const tag = `<script src="/portal/__hubgen/live.js" defer></script>`
	for _, path := range []string{"/portal/", "/portal/en/news/x/", "/portal/en/missing"} {
		resp, body := get(t, "GET", srv.URL+path)
		if strings.Count(body, tag) != 1 || !strings.Contains(body, tag+"</head>") {
			t.Errorf("%s: the script is not once before </head>: %q", path, body)
		}
		if resp.Header.Get("Content-Length") != strconv.Itoa(len(body)) {
			t.Errorf("%s: Content-Length %s, body %d bytes", path, resp.Header.Get("Content-Length"), len(body))
		}
	}
	for _, path := range []string{"/portal/css/site.css", "/portal/feed.xml", "/portal/img/logo.svg", "/portal/search/pl/manifest.json"} {
		if _, body := get(t, "GET", srv.URL+path); strings.Contains(body, "live.js") {
			t.Errorf("%s: not HTML, yet injected: %q", path, body)
		}
	}
	if !maps.EqualFunc(site, before, bytes.Equal) {
		t.Error("serving changed the published map")
	}
	if !bytes.Equal(site["index.html"], page("pl", "Strona główna")) {
		t.Errorf("published index.html changed: %q", site["index.html"])
	}
}

func TestInject(t *testing.T) {
	const tag = "<script></script>"
	for in, want := range map[string]string{
		"<html><head><title>t</title></head><body>x</body></html>": "<html><head><title>t</title>" + tag + "</head><body>x</body></html>",
		"<HTML><HEAD></HEAD ><BODY></BODY></HTML>":                 "<HTML><HEAD>" + tag + "</HEAD ><BODY></BODY></HTML>",
		"<title>t</title><header>h</header><p>x</p></body>":        "<title>t</title><header>h</header><p>x</p>" + tag + "</body>",
		"<title>t</title><header>h</header><p>x</p>":               "<title>t</title><header>h</header><p>x</p>" + tag,
		"<p>a</p></Body>\n</html>":                                 "<p>a</p>" + tag + "</Body>\n</html>",
		"":                                                         tag,
		"</":                                                       "</" + tag,
		"</head":                                                   "</head" + tag,
	} {
		in := []byte(in)
		orig := bytes.Clone(in)
		if got := string(inject(in, []byte(tag))); got != want {
			t.Errorf("inject(%q) = %q, want %q", orig, got, want)
		}
		if !bytes.Equal(in, orig) {
			t.Errorf("inject modified its input %q", orig)
		}
	}
}

// TestLivePublishReplacesSite: a Publish replaces every file; files it does
// not list are gone.
func TestLivePublishReplacesSite(t *testing.T) {
	l, srv := newLiveServer(t, "/portal", []string{"en"})
	l.Publish(map[string][]byte{"index.html": page("pl", "Nowa"), "404.html": []byte("nie ma")}, []string{"index.html", "en/index.html"})
	if _, body := get(t, "GET", srv.URL+"/portal/"); !strings.Contains(body, "<h1>Nowa</h1>") {
		t.Errorf("after Publish: %q", body)
	}
	if resp, body := get(t, "GET", srv.URL+"/portal/en/"); resp.StatusCode != 404 || !strings.Contains(body, "nie ma") {
		t.Errorf("removed page: %d %q", resp.StatusCode, body)
	}
	l.Fail([]string{"content/news/a.pl.md:1:1: broken"})
	if _, body := get(t, "GET", srv.URL+"/portal/"); !strings.Contains(body, "<h1>Nowa</h1>") {
		t.Errorf("after Fail the last site is served: %q", body)
	}
}

// TestNewLiveBasePath: the base path is taken without its trailing slash.
func TestNewLiveBasePath(t *testing.T) {
	for in, want := range map[string]string{"": "", "/": "", "/portal": "/portal", "/portal/": "/portal", "/a/b/": "/a/b", "portal": "/portal"} {
		if got := NewLive(in, nil).base; got != want {
			t.Errorf("NewLive(%q).base = %q, want %q", in, got, want)
		}
	}
	l := NewLive("/my portal", nil)
	if want := `<script src="/my%20portal/__hubgen/live.js" defer></script>`; string(l.tag) != want {
		t.Errorf("tag %s, want %s", l.tag, want)
	}
}

// TestLiveRangeOfPageAsBuilt: a range request for an HTML page (the search
// reading a passage at the bytes its index gives) gets those bytes of the
// page as built, without the injected live script shifting them.
func TestLiveRangeOfPageAsBuilt(t *testing.T) {
	_, srv := newLiveServer(t, "/portal", []string{"en"})
	page := string(testSite()["en/index.html"])
	at := strings.Index(page, "<h1>Home</h1>")
	if at < 0 {
		t.Fatalf("test page %q lacks its heading", page)
	}
	req, err := http.NewRequest("GET", srv.URL+"/portal/en/", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Range", "bytes="+strconv.Itoa(at)+"-"+strconv.Itoa(at+len("<h1>Home</h1>")-1))
	resp, err := noRedirects.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusPartialContent || string(body) != "<h1>Home</h1>" {
		t.Errorf("range of /portal/en/: %d %q, want 206 \"<h1>Home</h1>\"", resp.StatusCode, body)
	}
}
