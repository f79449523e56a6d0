package server

import (
	"bytes"
	"crypto/rand"
	_ "embed"
	"html"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The live client's endpoints, under the site's base path. Nothing the site
// publishes under clientDir is served.
const (
	clientDir    = "__hubgen"
	clientScript = clientDir + "/live.js"
	clientEvents = clientDir + "/events"
)

// liveJS is the script injected into every HTML page Live serves.
//
//go:embed live.js
var liveJS []byte

// defaultHeartbeat is how often an idle event stream gets a comment, so that
// proxies and the browser keep it open and a gone client is noticed.
const defaultHeartbeat = 15 * time.Second

// Live serves a site held in memory and tells open pages, over Server-Sent
// Events, to reload when it changes, or shows the build's problems over them.
//
// Every HTML response gets a script tag before </head> that loads the client
// from <base>/__hubgen/live.js; the client listens to <base>/__hubgen/events.
// The bytes given to Publish are never changed. Publish and Fail may be
// called from any goroutine while requests are served.
//
// Call Close when the server stops (http.Server.RegisterOnShutdown(l.Close)
// does it, as ServeLive does): open event streams last until then, and
// http.Server.Shutdown waits for them.
type Live struct {
	base      string   // "" or "/portal"
	languages []string // language prefixes other than the default
	tag       []byte   // the injected script element
	epoch     string   // tells this Live's event ids from another run's
	heartbeat time.Duration

	mu       sync.Mutex
	site     *snapshot
	problems []string // nil while the last build succeeded
	gen      int      // Publish calls that changed something
	clients  map[*client]struct{}
	closed   bool
	done     chan struct{} // closed by Close
}

// snapshot is one published site; it is never modified.
type snapshot struct {
	files map[string][]byte
	// pending are files being made: a request for one waits for ready,
	// closed when the next snapshot replaces this one.
	pending map[string]bool
	ready   chan struct{}

	dirsOnce sync.Once
	dirs     map[string]bool // built on the first request that needs it
}

// isDir reports whether some published file lies under the directory rel.
func (s *snapshot) isDir(rel string) bool {
	s.dirsOnce.Do(func() {
		s.dirs = make(map[string]bool)
		for name := range s.files {
			for d := path.Dir(name); d != "." && d != "/" && !s.dirs[d]; d = path.Dir(d) {
				s.dirs[d] = true
			}
		}
	})
	return s.dirs[rel]
}

// NewLive makes a Live for a site whose base path is basePath ("" or
// "/portal": the path part of the base URL without its trailing slash).
// languages are the site's language prefixes other than the default ("en"):
// a missing page under /en/ gets en/404.html when there is one, else
// 404.html. Until the first Publish every page is missing.
func NewLive(basePath string, languages []string) *Live {
	base := strings.TrimRight(basePath, "/")
	if base != "" {
		base = path.Clean("/" + base)
	}
	src := (&url.URL{Path: base + "/" + clientScript}).EscapedPath()
	return &Live{
		base:      base,
		languages: slices.Clone(languages),
		tag:       []byte(`<script src="` + html.EscapeString(src) + `" defer></script>`),
		epoch:     rand.Text()[:12],
		heartbeat: defaultHeartbeat,
		site:      &snapshot{},
		clients:   make(map[*client]struct{}),
		done:      make(chan struct{}),
	}
}

// Publish replaces the whole site and clears any problems. files maps slash
// paths relative to the site root ("index.html", "en/news/x/index.html",
// "css/site.css") to their bytes; Live does not modify the map, and the
// caller must not modify it afterwards. changed lists the paths that differ
// from the previous Publish: when every one ends in .css, open pages swap
// their stylesheets instead of reloading; otherwise they reload. An empty
// changed list sends nothing (beyond clearing problems shown by Fail).
func (l *Live) Publish(files map[string][]byte, changed []string) {
	l.PublishPending(files, changed, nil)
}

// PublishPending is Publish for a site some of whose files are still being
// made (pending, slash paths like files' keys): a request for one of them
// waits for the next Publish (or PublishPending), so that a reader never
// gets a page older than the reload that brought them. Pending files count
// as changed.
func (l *Live) PublishPending(files map[string][]byte, changed, pending []string) {
	site := &snapshot{files: files, ready: make(chan struct{})}
	if len(pending) > 0 {
		site.pending = make(map[string]bool, len(pending))
		for _, p := range pending {
			site.pending[p] = true
		}
		changed = append(slices.Clip(changed), pending...)
	}
	css := len(changed) > 0
	for _, p := range changed {
		if !strings.EqualFold(path.Ext(p), ".css") {
			css = false
			break
		}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.site.ready != nil {
		close(l.site.ready)
	}
	l.site = site
	cleared := l.problems != nil
	l.problems = nil
	if len(changed) > 0 {
		l.gen++
	}
	if !cleared && len(changed) == 0 {
		return
	}
	for c := range l.clients {
		if cleared {
			c.status, c.problems = "ok", nil
		}
		switch {
		case len(changed) == 0:
		case css && c.change != "reload":
			c.change = "css"
		default:
			c.change = "reload"
		}
		c.signal()
	}
}

// Fail keeps serving the last published site and shows problems (each a
// "path:line:col: message" line) in an overlay on every open page, and on
// pages opened later, until the next Publish.
func (l *Live) Fail(problems []string) {
	p := append([]string{}, problems...) // never nil: nil means no problems
	l.mu.Lock()
	defer l.mu.Unlock()
	l.problems = p
	for c := range l.clients {
		c.status, c.problems = "problems", p
		c.signal()
	}
}

// Close ends every open event stream, now and later; the site is still
// served. Call it when the server shuts down. It may be called more than once.
func (l *Live) Close() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.closed {
		l.closed = true
		close(l.done)
	}
}

// ServeHTTP serves the site under its base path (GET and HEAD only), the live
// client's script and its event stream.
func (l *Live) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed: the preview serves files (GET and HEAD)", http.StatusMethodNotAllowed)
		return
	}
	site := l.snapshot()
	if strings.ContainsAny(r.URL.Path, "\\\x00") {
		l.notFound(w, r, site, "")
		return
	}
	p := path.Clean("/" + r.URL.Path)
	slash := strings.HasSuffix(r.URL.Path, "/")
	var rel string
	switch {
	case p == l.base || p == l.base+"/":
		if !slash && l.base != "" {
			redirect(w, r, p+"/")
			return
		}
	case strings.HasPrefix(p, l.base+"/"):
		rel = p[len(l.base)+1:]
	default:
		l.notFound(w, r, site, "")
		return
	}
	switch {
	case rel == clientScript:
		w.Header().Set("Content-Type", contentTypes[".js"])
		w.Header().Set("Cache-Control", "no-cache")
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(liveJS))
		return
	case rel == clientEvents:
		l.events(w, r)
		return
	case rel == clientDir || strings.HasPrefix(rel, clientDir+"/"):
		l.notFound(w, r, site, rel)
		return
	}
	name := rel
	switch {
	case rel == "":
		name = "index.html"
	case slash:
		name = rel + "/index.html"
	}
	for site.pending[name] {
		select {
		case <-site.ready:
			site = l.snapshot()
		case <-r.Context().Done():
			return
		case <-l.done:
			http.Error(w, "503 the preview is shutting down", http.StatusServiceUnavailable)
			return
		}
	}
	body, ok := site.files[name]
	if !ok {
		if !slash && rel != "" && site.isDir(rel) {
			redirect(w, r, p+"/")
			return
		}
		l.notFound(w, r, site, rel)
		return
	}
	ext := strings.ToLower(path.Ext(name))
	ct, known := contentTypes[ext]
	if !known {
		ct = http.DetectContentType(body)
	}
	if isHTML(ext) && r.Header.Get("Range") == "" {
		// A range request is the search reading a passage at the place
		// the index gives: the page as built, without the live script.
		body = inject(body, l.tag)
	}
	h := w.Header()
	h.Set("Content-Type", ct)
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Content-Type-Options", "nosniff")
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}

func (l *Live) snapshot() *snapshot {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.site
}

// notFound answers 404 with the site's 404 page in the language whose prefix
// starts rel (the path relative to the base), else the default one.
func (l *Live) notFound(w http.ResponseWriter, r *http.Request, site *snapshot, rel string) {
	body, ok := site.files["404.html"]
	if first, _, _ := strings.Cut(rel, "/"); slices.Contains(l.languages, first) {
		if b, found := site.files[first+"/404.html"]; found {
			body, ok = b, true
		}
	}
	if !ok {
		body = []byte("<!DOCTYPE html><title>404</title><p>Not found</p>")
	}
	body = inject(body, l.tag)
	h := w.Header()
	h.Set("Content-Type", contentTypes[".html"])
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusNotFound)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

func isHTML(ext string) bool { return ext == ".html" || ext == ".htm" }
