package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
)

// Templates are the parsed layouts: a base (baseof.html plus partials/) and
// one layout per page kind that fills the base's blocks.
type Templates struct {
	byName map[string]*template.Template
	bufs   sync.Pool // *bytes.Buffer to execute into, kept grown
	// cached holds what partialCached rendered since ResetCache, by
	// layout, partial and keys (see partialCached), under mu.
	mu     sync.RWMutex
	cached map[string]template.HTML
}

// layoutNames are the layouts every site must have besides one per content
// kind (named for its section).
func layoutNames() []string {
	return []string{"home", "list", "topics", "topic", "search", "parallel", "404", "redirect"}
}

// funcs are the functions every layout can call. partialCached is bound
// to each layout when it is parsed (see Templates.partialCached); this one
// stands in while the shared partials are parsed.
var funcs = template.FuncMap{
	"partialCached": func(string, any, ...any) (template.HTML, error) {
		return "", fmt.Errorf("partialCached: not bound to a layout")
	},
	"dict": func(kv ...any) (map[string]any, error) {
		if len(kv)%2 != 0 {
			return nil, fmt.Errorf("dict needs key-value pairs")
		}
		m := make(map[string]any, len(kv)/2)
		for i := 0; i < len(kv); i += 2 {
			k, ok := kv[i].(string)
			if !ok {
				return nil, fmt.Errorf("dict key %v is not a string", kv[i])
			}
			m[k] = kv[i+1]
		}
		return m, nil
	},
}

// LoadTemplates parses <dir>/baseof.html, <dir>/partials/*.html and one file
// per layout name and per section; redirect.html stands alone (it does not
// use the base).
func LoadTemplates(dir string, sections []string) (*Templates, error) {
	return LoadTemplatesFS(os.DirFS(dir), dir, sections)
}

// LoadTemplatesFS is LoadTemplates reading from fsys (the site's layouts/
// directory); dir names it in messages.
func LoadTemplatesFS(fsys fs.FS, dir string, sections []string) (*Templates, error) {
	fail := func(err error) (*Templates, error) {
		return nil, fmt.Errorf("layouts: %w", err)
	}
	base := template.New("baseof.html").Funcs(funcs)
	if _, err := base.ParseFS(fsys, "baseof.html"); err != nil {
		return fail(err)
	}
	partials, _ := fs.Glob(fsys, "partials/*.html")
	sort.Strings(partials)
	if len(partials) > 0 {
		if _, err := base.ParseFS(fsys, partials...); err != nil {
			return fail(err)
		}
	}
	t := &Templates{byName: map[string]*template.Template{}, cached: map[string]template.HTML{}}
	for _, name := range append(layoutNames(), sections...) {
		file := name + ".html"
		if _, err := fs.Stat(fsys, file); err != nil {
			return nil, fmt.Errorf("layouts: missing layout %s: %w", path.Join(filepath.ToSlash(dir), file), err)
		}
		var tpl *template.Template
		if name == "redirect" {
			tpl = template.New(file).Funcs(funcs)
		} else {
			clone, err := base.Clone()
			if err != nil {
				return fail(err)
			}
			tpl = clone
		}
		tpl.Funcs(template.FuncMap{"partialCached": t.partialCached(name, tpl)})
		if _, err := tpl.ParseFS(fsys, file); err != nil {
			return fail(err)
		}
		t.byName[name] = tpl
	}
	return t, nil
}

// partialCached returns the function layouts call as
//
//	{{partialCached "footer" . .Site.Lang}}
//
// It executes the named template with the data once per distinct list of
// keys (compared as text) and layout, until ResetCache, and returns the same
// HTML for every later call: a part of the page that is the same on many
// pages (a footer, a menu, a list item) is rendered once. The keys must
// tell apart everything the part shows: what one call rendered is what
// every call with the same keys gets.
func (t *Templates) partialCached(layout string, tpl *template.Template) func(name string, data any, keys ...any) (template.HTML, error) {
	return func(name string, data any, keys ...any) (template.HTML, error) {
		var arr [128]byte // the key of most calls fits: no allocation
		k := append(arr[:0], layout...)
		k = append(k, 0)
		k = append(k, name...)
		for _, key := range keys {
			k = append(k, 0)
			k = appendKey(k, key)
		}
		t.mu.RLock()
		h, ok := t.cached[string(k)]
		t.mu.RUnlock()
		if ok {
			return h, nil
		}
		buf := t.buffer()
		defer t.bufs.Put(buf)
		if err := tpl.ExecuteTemplate(buf, name, data); err != nil {
			return "", fmt.Errorf("partialCached %q: %w", name, err)
		}
		h = template.HTML(buf.String()) // executed by html/template: escaped
		t.mu.Lock()
		defer t.mu.Unlock()
		if first, ok := t.cached[string(k)]; ok {
			return first, nil // another page rendered it meanwhile
		}
		t.cached[string(k)] = h
		return h, nil
	}
}

// appendKey appends a key of partialCached as text, as fmt.Sprint(key)
// writes it.
func appendKey(b []byte, key any) []byte {
	switch v := key.(type) {
	case string:
		return append(b, v...)
	case bool:
		return strconv.AppendBool(b, v)
	case int:
		return strconv.AppendInt(b, int64(v), 10)
	}
	return fmt.Append(b, key)
}

// ResetCache forgets what partialCached rendered: call it before rendering
// a site whose content may have changed since the last call.
func (t *Templates) ResetCache() {
	t.mu.Lock()
	defer t.mu.Unlock()
	clear(t.cached)
}

// buffer returns an empty buffer from the pool (see Templates.bufs).
func (t *Templates) buffer() *bytes.Buffer {
	buf, _ := t.bufs.Get().(*bytes.Buffer)
	if buf == nil {
		return &bytes.Buffer{}
	}
	buf.Reset()
	return buf
}

// Execute renders an output page (or returns its bytes when it has no
// layout). See ExecuteTo for rendering into a buffer of the caller's.
func (t *Templates) Execute(o *Output) ([]byte, error) {
	if o.Raw != nil {
		return o.Raw, nil
	}
	// A page is tens of kilobytes: executing into a buffer grown by an
	// earlier page and copying the result out once saves growing one for
	// every page.
	buf := t.buffer()
	defer t.bufs.Put(buf)
	if err := t.ExecuteTo(buf, o); err != nil {
		return nil, err
	}
	return bytes.Clone(buf.Bytes()), nil
}

// ExecuteTo appends the output page to buf: the bytes Execute returns,
// without their copy, for a caller that keeps buffers of its own (a writer
// that hands each back to a pool once the file is written). An output with
// no layout has its Raw bytes appended. After an error, buf holds what was
// written before it.
func (t *Templates) ExecuteTo(buf *bytes.Buffer, o *Output) error {
	if o.Raw != nil {
		buf.Write(o.Raw)
		return nil
	}
	tpl := t.byName[o.Layout]
	if tpl == nil {
		return fmt.Errorf("no layout %q", o.Layout)
	}
	entry := "baseof.html"
	if o.Layout == "redirect" {
		entry = "redirect.html"
	}
	if err := tpl.ExecuteTemplate(buf, entry, o.Data); err != nil {
		return fmt.Errorf("rendering %s with layout %s: %w", o.Path, o.Layout, err)
	}
	return nil
}
