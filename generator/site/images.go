package site

import (
	"bytes"
	"encoding/xml"
	"image"
	_ "image/gif"  // image.DecodeConfig reads GIF
	_ "image/jpeg" // and JPEG
	_ "image/png"  // and PNG
	"math"
	"strconv"
	"strings"
	"sync"

	"hubgen/generator/source"
)

// imageSizes returns markdown.Config.ImageSize for the site in tree: the
// size of a PNG, JPEG or GIF from its header, of an SVG from its root
// element's width and height (or viewBox). With once, each file is read
// once (a build); without, at every look (a live preview, whose images
// change).
func imageSizes(tree *source.Tree, once bool) func(string) (int, int, bool) {
	type size struct {
		w, h int
		ok   bool
	}
	var mu sync.Mutex
	seen := map[string]size{}
	return func(rel string) (int, int, bool) {
		mu.Lock()
		s, done := seen[rel]
		mu.Unlock()
		if done && once {
			return s.w, s.h, s.ok
		}
		if data, err := tree.ReadFile(rel); err == nil {
			s.w, s.h, s.ok = decodeSize(rel, data)
		}
		mu.Lock()
		seen[rel] = s
		mu.Unlock()
		return s.w, s.h, s.ok
	}
}

// decodeSize reads an image's size in pixels from its bytes.
func decodeSize(name string, data []byte) (int, int, bool) {
	if strings.HasSuffix(strings.ToLower(name), ".svg") {
		return svgSize(data)
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return 0, 0, false
	}
	return cfg.Width, cfg.Height, true
}

// svgSize reads the width and height of an SVG's root element, in pixels
// (plain numbers or "px"), or else its viewBox's.
func svgSize(data []byte) (int, int, bool) {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err != nil {
			return 0, 0, false
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if el.Name.Local != "svg" {
			return 0, 0, false
		}
		var w, h, box string
		for _, a := range el.Attr {
			switch a.Name.Local {
			case "width":
				w = a.Value
			case "height":
				h = a.Value
			case "viewBox":
				box = a.Value
			}
		}
		if wi, ok := pixels(w); ok {
			if hi, ok := pixels(h); ok {
				return wi, hi, true
			}
		}
		if f := strings.Fields(strings.ReplaceAll(box, ",", " ")); len(f) == 4 {
			if wi, ok := pixels(f[2]); ok {
				if hi, ok := pixels(f[3]); ok {
					return wi, hi, true
				}
			}
		}
		return 0, 0, false
	}
}

// pixels reads a length in pixels ("120", "120px", "80.5"), rounded.
func pixels(s string) (int, bool) {
	f, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(s), "px"), 64)
	if err != nil || f <= 0 || f > 1e6 || math.IsNaN(f) {
		return 0, false
	}
	return int(math.Round(f)), true
}
