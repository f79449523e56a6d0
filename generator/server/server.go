// Package server is the development server of `hubgen serve`: it serves the
// built site from plain files, as static hosting would, with correct content
// types and the site's 404 page.
package server

import (
	"context"
	"net/http"
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

// Handler serves the files under dir.
func Handler(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := path.Clean("/" + r.URL.Path)
		full := filepath.Join(dir, filepath.FromSlash(p))
		st, err := os.Stat(full)
		if err == nil && st.IsDir() {
			if !strings.HasSuffix(r.URL.Path, "/") {
				http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
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

func notFound(w http.ResponseWriter, dir string) {
	body, err := os.ReadFile(filepath.Join(dir, "404.html"))
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	if err != nil {
		body = []byte("<!DOCTYPE html><title>404</title><p>Not found</p>")
	}
	w.Write(body)
}

// ListenAndServe serves dir on addr until ctx is done.
func ListenAndServe(ctx context.Context, addr, dir string) error {
	srv := &http.Server{Addr: addr, Handler: Handler(dir), ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return srv.Shutdown(shutdown)
	}
}
