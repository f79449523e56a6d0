package server

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestHandler(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"index.html":          "<p>home</p>",
		"en/news/index.html":  "<p>news</p>",
		"css/site.css":        "body{}",
		"search/pl/meta.json": "{}",
		"feed.xml":            "<feed/>",
		"404.html":            "<p>nie znaleziono</p>",
	}
	for name, body := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(body), 0o644)
	}
	srv := httptest.NewServer(Handler(dir))
	defer srv.Close()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	tests := []struct {
		path   string
		status int
		ctype  string
		body   string
	}{
		{"/", 200, "text/html; charset=utf-8", "home"},
		{"/en/news/", 200, "text/html; charset=utf-8", "news"},
		{"/en/news", 301, "", ""},
		{"/css/site.css", 200, "text/css; charset=utf-8", "body"},
		{"/search/pl/meta.json", 200, "application/json", "{}"},
		{"/feed.xml", 200, "application/xml; charset=utf-8", "feed"},
		{"/nie-ma/", 404, "text/html; charset=utf-8", "nie znaleziono"},
		{"/../etc/passwd", 404, "text/html; charset=utf-8", "nie znaleziono"},
	}
	for _, tc := range tests {
		resp, err := client.Get(srv.URL + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.status {
			t.Errorf("%s: status %d, want %d", tc.path, resp.StatusCode, tc.status)
		}
		if tc.ctype != "" && resp.Header.Get("Content-Type") != tc.ctype {
			t.Errorf("%s: Content-Type %q, want %q", tc.path, resp.Header.Get("Content-Type"), tc.ctype)
		}
		if !strings.Contains(string(body), tc.body) {
			t.Errorf("%s: body %q lacks %q", tc.path, body, tc.body)
		}
	}
}

// rawGet sends target exactly as written (no client-side cleaning) and
// returns the response.
func rawGet(t *testing.T, addr, method, target string) *http.Response {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "%s %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", method, target, addr)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}

// TestRedirectsStaySameOrigin: the trailing-slash redirect can never send a
// reader to another host, however the path is written.
func TestRedirectsStaySameOrigin(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "en", "news"), 0o755)
	os.WriteFile(filepath.Join(dir, "en", "news", "index.html"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, "404.html"), []byte("404"), 0o644)
	srv := httptest.NewServer(Handler(dir))
	defer srv.Close()
	addr := strings.TrimPrefix(srv.URL, "http://")
	tests := []redirectCase{
		{"/en/news", "/en/news/"},
		{"/en/news?q=1", "/en/news/?q=1"},
		{"//evil.example%2f..%2fen", "/en/"},
		{"//evil.example/../en", "/en/"},
		{"/./en", "/en/"},
		{"/%5Cevil.example%2f..%2fen", ""},
		{"/%2f%2fevil.example%2f..%2fen", "/en/"},
	}
	checkRedirects(t, addr, tests)
}

// TestOnlyGetAndHead: the preview serves files; other methods get 405 with
// an Allow header.
func TestOnlyGetAndHead(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "index.html"), []byte("home"), 0o644)
	srv := httptest.NewServer(Handler(dir))
	defer srv.Close()
	addr := strings.TrimPrefix(srv.URL, "http://")
	for method, want := range map[string]int{"GET": 200, "HEAD": 200, "POST": 405, "PUT": 405, "DELETE": 405, "OPTIONS": 405, "PATCH": 405} {
		resp := rawGet(t, addr, method, "/")
		if resp.StatusCode != want {
			t.Errorf("%s /: %d, want %d", method, resp.StatusCode, want)
		}
		if want == 405 && resp.Header.Get("Allow") != "GET, HEAD" {
			t.Errorf("%s /: Allow %q", method, resp.Header.Get("Allow"))
		}
	}
}

// TestServeTimeouts: the server sets header, read and idle timeouts, so that
// a client sending half a request cannot hold a connection forever (the
// values are seconds long; waiting them out would make a slow test).
func TestServeTimeouts(t *testing.T) {
	srv := httpServer(Handler(t.TempDir()))
	if srv.ReadHeaderTimeout <= 0 || srv.ReadTimeout <= 0 || srv.IdleTimeout <= 0 {
		t.Errorf("timeouts: header %v, read %v, idle %v; want all set", srv.ReadHeaderTimeout, srv.ReadTimeout, srv.IdleTimeout)
	}
}

// redirectCase is a request target and the Location it must be sent to
// ("" means: no redirect).
type redirectCase struct{ target, location string }

// checkRedirects sends each target as written and checks the redirect,
// which must never leave the site.
func checkRedirects(t *testing.T, addr string, tests []redirectCase) {
	t.Helper()
	for _, tc := range tests {
		resp := rawGet(t, addr, "GET", tc.target)
		loc := resp.Header.Get("Location")
		if tc.location == "" {
			if resp.StatusCode/100 == 3 {
				t.Errorf("%s: redirected to %q", tc.target, loc)
			}
			continue
		}
		if resp.StatusCode != http.StatusMovedPermanently || loc != tc.location {
			t.Errorf("%s: %d Location %q, want 301 %q", tc.target, resp.StatusCode, loc, tc.location)
		}
		if strings.HasPrefix(loc, "//") || strings.HasPrefix(loc, `/\`) || strings.Contains(loc, "://") {
			t.Errorf("%s: Location %q leaves the site", tc.target, loc)
		}
	}
}
