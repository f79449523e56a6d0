// Package server is the development server of `hubgen serve`: it serves the
// built site, as static hosting would, with correct content types and the
// site's 404 page, either from plain files (Handler, which tests use as a
// static host) or from memory with live reload and the build's problems
// shown in the browser (Live, ServeLive).
package server

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// contentTypes are set explicitly so that the preview does not depend on the
// machine's MIME database.
var contentTypes = map[string]string{
	".html":  "text/html; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".mjs":   "text/javascript; charset=utf-8",
	".json":  "application/json",
	".xml":   "application/xml; charset=utf-8",
	".txt":   "text/plain; charset=utf-8",
	".svg":   "image/svg+xml",
	".png":   "image/png",
	".jpg":   "image/jpeg",
	".jpeg":  "image/jpeg",
	".webp":  "image/webp",
	".ico":   "image/x-icon",
	".woff2": "font/woff2",
	".gz":    "application/gzip",
}

// Handler serves the files under dir: GET and HEAD only, redirects to
// same-origin paths only.
func Handler(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "405 method not allowed: the preview serves files (GET and HEAD)", http.StatusMethodNotAllowed)
			return
		}
		if strings.ContainsAny(r.URL.Path, "\\\x00") {
			notFound(w, dir)
			return
		}
		p := path.Clean("/" + r.URL.Path)
		full := filepath.Join(dir, filepath.FromSlash(p))
		st, err := os.Stat(full)
		if err == nil && st.IsDir() {
			if !strings.HasSuffix(r.URL.Path, "/") {
				redirect(w, r, p+"/")
				return
			}
			full = filepath.Join(full, "index.html")
			_, err = os.Stat(full)
		}
		if err != nil {
			notFound(w, dir)
			return
		}
		if ct, ok := contentTypes[strings.ToLower(filepath.Ext(full))]; ok {
			w.Header().Set("Content-Type", ct)
		}
		files.ServeHTTP(w, r)
	})
}

// redirect sends a permanent redirect to the site path p, which path.Clean
// has made start with exactly one slash: the Location is escaped, so it can
// never be read as another host ("//evil.example/" or "/\\evil.example/").
func redirect(w http.ResponseWriter, r *http.Request, p string) {
	loc := (&url.URL{Path: p}).EscapedPath()
	if !strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") || strings.HasPrefix(loc, "/\\") {
		http.Error(w, "400 bad request", http.StatusBadRequest)
		return
	}
	if r.URL.RawQuery != "" {
		loc += "?" + r.URL.RawQuery
	}
	w.Header().Set("Location", loc)
	w.WriteHeader(http.StatusMovedPermanently)
}

func notFound(w http.ResponseWriter, dir string) {
	body, err := os.ReadFile(filepath.Join(dir, "404.html"))
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	if err != nil {
		body = []byte("<!DOCTYPE html><title>404</title><p>Not found</p>")
	}
	w.Write(body)
}

// ServeLive serves l on the listener ln until ctx is done, then closes l's
// event streams and shuts down gracefully (see httpServer for timeouts).
func ServeLive(ctx context.Context, ln net.Listener, l *Live) error {
	defer l.Close() // also when the server fails
	srv := httpServer(l)
	srv.RegisterOnShutdown(l.Close)
	return serve(ctx, ln, srv)
}

func serve(ctx context.Context, ln net.Listener, srv *http.Server) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return srv.Shutdown(shutdown)
	}
}

// httpServer is the preview's server: timeouts keep a slow or idle client
// from holding connections.
func httpServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		IdleTimeout:       120 * time.Second,
	}
}
