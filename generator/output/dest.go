// Package output publishes a build: it checks that the destination is safe
// to replace, lets the build write a complete site into a fresh directory
// beside it, and swaps that in only when everything succeeded.
//
// A build never deletes what it did not make. The destination may not be the
// source, contain it, or lie inside its content/, layouts/, static/ or i18n/;
// an existing file is never replaced; a non-empty directory is replaced only
// when it is a previous output (every build writes a manifest, ManifestName,
// listing its files) holding nothing but what that build wrote, unless the
// user forces it. A destination that is a symbolic link stays one: the build
// replaces the directory it points to.
package output

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"hubgen/generator/source"
)

// ManifestName is the file every build writes at the top of its output,
// listing the files it wrote. It marks the directory as hubgen's to replace.
const ManifestName = ".hubgen-manifest"

// manifestHeader is the manifest's first line. Each file's line gives its
// digest (see digest) before its name, so that the next build rewrites
// only the files whose bytes changed. A manifest from before digests
// ("… Files it wrote:", names only) still marks a previous output; the
// next build then replaces it whole.
const manifestHeader = "# hubgen build output: every build replaces this directory. Files it wrote, each after the start of its SHA-256:\n"

// DestError is a destination the build refuses to write to: bad usage, not
// a content problem.
type DestError struct {
	Dest string
	Msg  string
}

func (e *DestError) Error() string { return fmt.Sprintf("destination %s %s", e.Dest, e.Msg) }

// CacheError is a build cache directory the build refuses: bad usage.
type CacheError struct {
	Cache string
	Msg   string
}

func (e *CacheError) Error() string { return fmt.Sprintf("build cache %s %s", e.Cache, e.Msg) }

// CheckCache refuses cache as the build cache directory (package
// buildcache) of a build of src into dest when it lies in the destination
// (its files would be published, or deleted as no build's) or in a
// directory of the site that the build reads or copies (content/,
// layouts/, static/, i18n/, .git/).
func CheckCache(src, dest, cache string) error {
	abs := func(p string) string {
		a, err := filepath.Abs(p)
		if err != nil {
			return p
		}
		if r, err := realPath(a); err == nil {
			return r
		}
		return a
	}
	dir := abs(cache)
	if source.Within(abs(dest), dir) {
		return &CacheError{cache, "lies inside the destination " + dest + ": its files would be published; leave --cache out (the cache then goes beside the destination) or choose a directory outside it"}
	}
	srcReal := abs(src)
	for _, p := range protected {
		if source.Within(abs(filepath.Join(srcReal, p)), dir) {
			return &CacheError{cache, fmt.Sprintf("lies inside the site's %s/ directory, which the build reads: choose a directory outside it", p)}
		}
	}
	return nil
}

// Target is a checked destination: the directory a build may replace.
type Target struct {
	Dest string // as the user gave it
	Dir  string // the real directory to replace (a symbolic link's target)
	// prev maps every file of the previous output to its digest, when Dir
	// holds a previous output with digests and nothing else: Publish then
	// updates it in place. Nil means Publish replaces the directory whole.
	prev map[string]string
}

// Incremental reports whether Publish will update the previous output in
// place, writing only the files that changed.
func (t *Target) Incremental() bool { return t.prev != nil }

// Full makes Publish replace the destination whole, as if it held no
// previous output.
func (t *Target) Full() { t.prev = nil }

// protected are the source's directories no output may go into.
var protected = []string{"content", "layouts", "static", "i18n", ".git"}

// Check decides whether dest may receive a build of the site in src. force
// allows replacing a non-empty directory that is not a previous output (or
// holds files a build did not write); it never allows the other refusals.
func Check(src, dest string, force bool) (*Target, error) {
	t, exists, err := resolve(src, dest)
	if err != nil || !exists {
		return t, err
	}
	prev, err := checkPrevious(dest, t.Dir)
	if err != nil && !force {
		return nil, err
	}
	if err != nil {
		prev = nil // forced over foreign files: replace the directory whole
	}
	t.prev = prev
	return t, nil
}

// resolve makes the checks of Check that do not read the destination's
// files: the target (without a previous output) and whether its directory
// exists.
func resolve(src, dest string) (*Target, bool, error) {
	srcAbs, err := filepath.Abs(src)
	if err != nil {
		return nil, false, fmt.Errorf("source %s: %w", src, err)
	}
	srcReal, err := filepath.EvalSymlinks(srcAbs)
	if err != nil {
		return nil, false, fmt.Errorf("source %s: %w", src, err)
	}
	if dest == "" {
		return nil, false, &DestError{`""`, "is empty: name a directory"}
	}
	destAbs, err := filepath.Abs(dest)
	if err != nil {
		return nil, false, &DestError{dest, err.Error()}
	}
	dir, err := realPath(destAbs)
	if err != nil {
		return nil, false, &DestError{dest, err.Error()}
	}
	switch {
	case dir == srcReal:
		return nil, false, &DestError{dest, "is the site's source directory: the build would delete it; use a directory such as public/"}
	case source.Within(dir, srcReal):
		return nil, false, &DestError{dest, "contains the site's source directory: the build would delete it; use a directory such as public/ inside the site"}
	}
	for _, p := range protected {
		pr, err := realPath(filepath.Join(srcReal, p))
		if err == nil && source.Within(pr, dir) {
			return nil, false, &DestError{dest, fmt.Sprintf("lies inside the site's %s/ directory, which the build reads: use a directory such as public/", p)}
		}
	}
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &Target{Dest: dest, Dir: dir}, false, nil
	case err != nil:
		return nil, false, &DestError{dest, err.Error()}
	case !st.IsDir():
		return nil, false, &DestError{dest, "is an existing file, not a directory: the build will not replace it; choose another --dest"}
	}
	return &Target{Dest: dest, Dir: dir}, true, nil
}

// realPath resolves symbolic links in p, which need not exist: the longest
// existing ancestor is resolved and the rest appended.
func realPath(p string) (string, error) {
	if fi, err := os.Lstat(p); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		r, err := filepath.EvalSymlinks(p)
		if err != nil {
			target, _ := os.Readlink(p)
			return "", fmt.Errorf("is a symbolic link to %s, which does not exist", target)
		}
		return r, nil
	}
	rest := []string{}
	cur := p
	for {
		if r, err := filepath.EvalSymlinks(cur); err == nil {
			for i := len(rest) - 1; i >= 0; i-- {
				r = filepath.Join(r, rest[i])
			}
			return r, nil
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return p, nil
		}
		rest = append(rest, filepath.Base(cur))
		cur = parent
	}
}

// checkPrevious refuses a non-empty directory that is not a previous output
// or holds files that output's build did not write. It returns the previous
// output's digests (see Target.prev), or nil when it has none.
func checkPrevious(dest, dir string) (map[string]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, &DestError{dest, err.Error()}
	}
	if len(entries) == 0 {
		return nil, nil
	}
	data, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		return nil, &DestError{dest, fmt.Sprintf("is a non-empty directory that no hubgen build made (it has no %s): the build would delete what it holds. Choose an empty or new directory, or add --force to replace it", ManifestName)}
	}
	made, digests := parseManifest(data)
	var written time.Time // when the manifest, the last file of a build, was written
	if st, err := os.Stat(filepath.Join(dir, ManifestName)); err == nil {
		written = st.ModTime()
	}
	var foreign []string
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if rel == ManifestName {
			return nil
		}
		if _, ok := made[rel]; !ok {
			foreign = append(foreign, rel)
		} else if digests {
			// A file changed since the build (edited by hand, say) does
			// not have the digest the manifest gives: rewrite it.
			if info, err := d.Info(); err != nil || info.ModTime().After(written) {
				made[rel] = ""
			}
		}
		return nil
	})
	if err != nil {
		return nil, &DestError{dest, err.Error()}
	}
	if len(foreign) > 0 {
		sort.Strings(foreign)
		list := foreign
		if len(list) > 5 {
			list = append(list[:5:5], fmt.Sprintf("and %d more", len(foreign)-5))
		}
		return nil, &DestError{dest, fmt.Sprintf("holds files no build wrote (%s): the build would delete them. Put files that belong on the site in static/, move the others away, or add --force", strings.Join(list, ", "))}
	}
	if !digests {
		return nil, nil
	}
	return made, nil
}

// parseManifest returns the files a manifest lists with their digests ("" in
// a manifest from before digests), and whether it has digests.
func parseManifest(data []byte) (map[string]string, bool) {
	made := map[string]string{}
	digests := bytes.HasPrefix(data, []byte(manifestHeader))
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		sum := ""
		if digests {
			var ok bool
			if sum, line, ok = strings.Cut(line, " "); !ok || len(sum) != digestLen {
				return made, false // damaged: rewrite everything
			}
		}
		if strings.HasPrefix(line, `"`) {
			name, err := strconv.Unquote(line)
			if err != nil {
				continue
			}
			line = name
		}
		made[line] = sum
	}
	return made, digests
}

// manifest makes the manifest of an output whose files have the digests
// sums.
func manifest(sums map[string]string) []byte {
	files := make([]string, 0, len(sums))
	for f := range sums {
		files = append(files, f)
	}
	sort.Strings(files)
	var b bytes.Buffer
	b.Grow(len(manifestHeader) + len(files)*(digestLen+40))
	b.WriteString(manifestHeader)
	for _, f := range files {
		b.WriteString(sums[f])
		b.WriteByte(' ')
		if strings.ContainsAny(f, "\n\r\"") || strings.HasPrefix(f, "#") {
			b.WriteString(strconv.Quote(f))
		} else {
			b.WriteString(f)
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}
