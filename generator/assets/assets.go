// Package assets prepares the site's own static files for publishing:
// scripts and style sheets are minified (github.com/tdewolff/minify), so
// that a reader downloads them without comments and white space; the
// sources in static/ stay as written. Everything else is published as it
// is.
package assets

import (
	"bytes"
	"fmt"
	"path"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/js"
)

// Minifier minifies the static files it knows the type of. It is safe for
// concurrent use.
type Minifier struct {
	m *minify.M
}

// New returns a Minifier for JavaScript (.js, .mjs) and CSS (.css).
func New() *Minifier {
	m := minify.New()
	m.Add("text/css", &css.Minifier{})
	m.Add("text/javascript", &js.Minifier{})
	return &Minifier{m: m}
}

// Publish returns the bytes to publish for the static file name (a path
// relative to static/) whose source is data: minified for a script or a
// style sheet, data itself for anything else. A script or style sheet the
// minifier cannot read is an error naming the file.
func (a *Minifier) Publish(name string, data []byte) ([]byte, error) {
	var media string
	switch path.Ext(name) {
	case ".js", ".mjs":
		media = "text/javascript"
	case ".css":
		media = "text/css"
	default:
		return data, nil
	}
	var out bytes.Buffer
	out.Grow(len(data))
	if err := a.m.Minify(media, &out, bytes.NewReader(data)); err != nil {
		return nil, fmt.Errorf("static/%s: %w", name, err)
	}
	return out.Bytes(), nil
}
