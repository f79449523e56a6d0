package config

import (
	"fmt"
	"path"
	"strings"
)

// maxSegment is the longest segment of a path the site writes: one file
// name in the output, which file systems cap at 255 bytes.
const maxSegment = 200

// CleanPath checks a path of the site written by hand (an alias, a page's
// url, a redirect; what names it in messages) and returns it in the one
// form every collision check compares: cleaned as path.Clean does ("/./"
// is "/", "/aktualnosci//" is "/aktualnosci/"), ending in "/" (a directory
// whose index.html serves it) unless it names an .html file.
func CleanPath(what, p string) (string, error) {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") {
		return p, fmt.Errorf("%s %q must be a path from the site's root, starting with a single /", what, p)
	}
	for _, r := range p {
		if r < 0x20 || r == 0x7f || r == '\\' || r == '?' || r == '#' {
			return p, fmt.Errorf("%s %q must be a plain path, without \\, ?, # or control characters", what, p)
		}
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." {
			return p, fmt.Errorf("%s %q must not contain .. parts", what, p)
		}
		if len(seg) > maxSegment {
			return p, fmt.Errorf("%s %q has a part %d characters long: file systems allow at most %d", what, p, len(seg), maxSegment)
		}
	}
	clean := path.Clean(p)
	if !strings.HasSuffix(clean, ".html") && !strings.HasSuffix(clean, "/") {
		clean += "/"
	}
	return clean, nil
}
