package markdown

import (
	"path"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"

	"hubgen/generator/content"
	"hubgen/generator/diag"
	"hubgen/generator/linkcheck"
)

// image checks an image of page p before its destination is rewritten:
// one without alternative text is a warning (the portal's accessibility
// statement promises text for every image), and one whose file is known
// gets its width and height.
func (c *Converter) image(p *content.Page, img *ast.Image, lines *lineCounter, ds *diag.List) {
	if strings.TrimSpace(nodeText(img, p.Body)) == "" {
		line, col := 1, 1
		if off := linkOffset(img, p.Body); off >= 0 {
			line, col = lines.at(off)
		}
		ds.Warnf(diag.KindImageAlt, p.Path, p.BodyLine+line-1, col, "image %s has no alternative text: describe it between the brackets, ![what it shows](%s) (for a purely decorative image, say so in the text around it)", img.Destination, img.Destination)
	}
	if c.cfg.ImageSize == nil {
		return
	}
	source := imageSource(p, string(img.Destination))
	if source == "" {
		return
	}
	if w, h, ok := c.cfg.ImageSize(source); ok {
		img.SetAttributeString("width", []byte(strconv.Itoa(w)))
		img.SetAttributeString("height", []byte(strconv.Itoa(h)))
	}
}

// imageSource is the source file an image's destination names: a site path
// a file of static/, a relative path a file of the page's bundle (or of
// its section's folder); "" for anything else (an external image, a path
// out of the site).
func imageSource(p *content.Page, dest string) string {
	if dest == "" || linkcheck.External([]byte(dest)) {
		return ""
	}
	if i := strings.IndexAny(dest, "?#"); i >= 0 {
		dest = dest[:i]
	}
	var src string
	if strings.HasPrefix(dest, "/") {
		src = path.Join("static", dest)
		if !strings.HasPrefix(src, "static/") {
			return ""
		}
		return src
	}
	src = path.Join(path.Dir(p.Path), dest)
	if !strings.HasPrefix(src, "content/") {
		return ""
	}
	return src
}

// dropTitle removes a first heading of level 1 that repeats the page's
// title: the layout writes the title as the page's <h1>, and a body that
// starts with it again (as Hugo themes expect) would show it twice.
func dropTitle(doc ast.Node, title string, src []byte) {
	h, ok := doc.FirstChild().(*ast.Heading)
	if !ok || h.Level != 1 || title == "" {
		return
	}
	if strings.EqualFold(strings.Join(strings.Fields(nodeText(h, src)), " "), strings.Join(strings.Fields(title), " ")) {
		doc.RemoveChild(doc, h)
	}
}
