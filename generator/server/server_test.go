package server

import (
	"io"
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
