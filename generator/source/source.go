// Package source reads a site's input files safely: only regular files whose
// real path lies inside the site's directory, each at most a configured size.
//
// A symbolic link that leads out of the site (to /etc/passwd, say), a link
// to a directory, a named pipe or device, or a file over the size limit is an
// *Error naming the file, never a leak of a file outside the tree, a hang or
// a build that eats memory until it dies. GitHub Pages refuses such links and
// Hugo stopped following them for the same reasons.
package source

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"
)

// DefaultMaxSize is the largest input file read when the configuration sets
// no other limit: 20 MB.
const DefaultMaxSize int64 = 20 * 1000 * 1000

// Tree is a site's directory, read through checks.
type Tree struct {
	dir     string // as given, for building paths
	real    string // the directory's real path, symbolic links resolved
	MaxSize int64  // the largest file read, in bytes; 0 means DefaultMaxSize
}

// Error is a problem with one input file: Path is slash-separated and
// relative to the site's directory.
type Error struct {
	Path string
	Msg  string
}

func (e *Error) Error() string { return e.Path + ": " + e.Msg }

// Open prepares reading the site in dir.
func Open(dir string) (*Tree, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("site directory %s: %w", dir, err)
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, fmt.Errorf("site directory %s: %w", dir, err)
	}
	st, err := os.Stat(real)
	if err != nil {
		return nil, fmt.Errorf("site directory %s: %w", dir, err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("site directory %s is not a directory", dir)
	}
	return &Tree{dir: dir, real: real}, nil
}

// Dir returns the site's directory as given to Open.
func (t *Tree) Dir() string { return t.dir }

// Real returns the site's directory with symbolic links resolved.
func (t *Tree) Real() string { return t.real }

func (t *Tree) maxSize() int64 {
	if t.MaxSize > 0 {
		return t.MaxSize
	}
	return DefaultMaxSize
}

// inside reports whether the real path p is the site's directory or lies in it.
func (t *Tree) inside(p string) bool {
	return Within(t.real, p)
}

// Within reports whether path p is dir or lies inside it; both must be clean
// and absolute.
func Within(dir, p string) bool {
	if p == dir {
		return true
	}
	return strings.HasPrefix(p, strings.TrimSuffix(dir, string(filepath.Separator))+string(filepath.Separator))
}

// resolve finds the real path of rel (slash-separated, relative to the
// site). A missing file yields an error satisfying errors.Is(err,
// fs.ErrNotExist); a link out of the site or a dangling link an *Error.
func (t *Tree) resolve(rel string) (string, error) {
	full := filepath.Join(t.dir, filepath.FromSlash(rel))
	real, err := filepath.EvalSymlinks(full)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			if target, lerr := os.Readlink(full); lerr == nil {
				return "", &Error{rel, fmt.Sprintf("is a symbolic link to %s, which does not exist", target)}
			}
			return "", &fs.PathError{Op: "open", Path: rel, Err: fs.ErrNotExist}
		}
		return "", &Error{rel, fmt.Sprintf("cannot be read: %v", unwrapPath(err))}
	}
	abs, err := filepath.Abs(real)
	if err != nil {
		return "", &Error{rel, fmt.Sprintf("cannot be read: %v", err)}
	}
	if !t.inside(abs) {
		return "", &Error{rel, fmt.Sprintf("leads outside the site's directory (to %s): the build reads only files inside the site; copy the file in instead of linking to it", abs)}
	}
	return abs, nil
}

// ReadFile reads the regular file rel (slash-separated, relative to the site).
func (t *Tree) ReadFile(rel string) ([]byte, error) {
	data, _, err := t.ReadFileInfo(rel)
	return data, err
}

// Stat returns what the file system says of rel (a symbolic link
// followed), without the checks of ReadFile: to tell whether a file read
// earlier changed since.
func (t *Tree) Stat(rel string) (fs.FileInfo, error) {
	return os.Stat(filepath.Join(t.real, filepath.FromSlash(rel)))
}

// Stamps stats files of the tree as Stat does (a symbolic link
// followed), relative to the site's directory opened once: no path above
// it is walked again (only the name's C copy is allocated), for a build that stats
// every content file to tell which changed. It is safe for concurrent use;
// Close it after use.
type Stamps struct{ fd int }

// OpenStamps opens the site's directory for Stamps.
func (t *Tree) OpenStamps() (*Stamps, error) {
	fd, err := unix.Open(t.real, unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", t.real, err)
	}
	return &Stamps{fd}, nil
}

// Stamp returns the size and time (Unix nanoseconds) of the file rel.
func (s *Stamps) Stamp(rel string) (size, modTime int64, err error) {
	var st unix.Stat_t
	if err := unix.Fstatat(s.fd, filepath.FromSlash(rel), &st, 0); err != nil {
		return 0, 0, err
	}
	return st.Size, st.Mtim.Nano(), nil
}

// Close closes the directory.
func (s *Stamps) Close() error { return unix.Close(s.fd) }

// ReadFileInfo is ReadFile that also returns the file's information as it
// was when it was opened: a change after that changes its time.
func (t *Tree) ReadFileInfo(rel string) ([]byte, fs.FileInfo, error) {
	if fd, ok := t.openPlain(rel); ok {
		return t.readPlain(rel, fd)
	}
	real, err := t.resolve(rel)
	if err != nil {
		return nil, nil, err
	}
	// O_NONBLOCK: opening a named pipe must not wait for a writer.
	fd, err := unix.Open(real, unix.O_RDONLY|unix.O_NONBLOCK|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, nil, &Error{rel, fmt.Sprintf("cannot be read: %v", err)}
	}
	return t.readPlain(rel, fd)
}

func tooBig(size, limit int64) string {
	return fmt.Sprintf("is %s, over the limit of %s for one input file (maxFileSizeMB in config.toml raises it)", megabytes(size), megabytes(limit))
}

func megabytes(n int64) string {
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}

// notRegular explains why a file of mode m cannot be read, or returns "".
func notRegular(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return ""
	case m.IsDir():
		return "is a directory where a file was expected"
	case m&fs.ModeNamedPipe != 0:
		return "is a named pipe, not a regular file: the build reads only regular files"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return "is a device, not a regular file: the build reads only regular files"
	case m&fs.ModeSocket != 0:
		return "is a socket, not a regular file: the build reads only regular files"
	}
	return "is not a regular file: the build reads only regular files"
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Files lists the regular files under the directory rel of the site
// (slash-separated paths relative to the site, sorted), and the problems
// met on the way: links out of the site, links to directories (not
// followed), named pipes, devices and sockets, files over the size limit. A missing directory has no
// files and no problems.
func (t *Tree) Files(rel string) ([]string, []*Error) {
	root, err := t.resolve(rel)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		var se *Error
		if errors.As(err, &se) {
			return nil, []*Error{se}
		}
		return nil, []*Error{{rel, err.Error()}}
	}
	if st, err := os.Stat(root); err != nil || !st.IsDir() {
		return nil, []*Error{{rel, "is not a directory"}}
	}
	var files []string
	var problems []*Error
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		r, _ := filepath.Rel(root, p)
		name := path.Join(rel, filepath.ToSlash(r))
		if err != nil {
			problems = append(problems, &Error{name, fmt.Sprintf("cannot be read: %v", unwrapPath(err))})
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		switch typ := d.Type(); {
		case typ.IsDir():
			return nil
		case typ.IsRegular():
			if info, err := d.Info(); err == nil && info.Size() > t.maxSize() {
				problems = append(problems, &Error{name, tooBig(info.Size(), t.maxSize())})
				return nil
			}
			files = append(files, name)
		case typ&fs.ModeSymlink != 0:
			real, err := t.resolve(name)
			if err != nil {
				var se *Error
				if errors.As(err, &se) {
					problems = append(problems, se)
				}
				return nil
			}
			st, err := os.Stat(real)
			switch {
			case err != nil:
				problems = append(problems, &Error{name, fmt.Sprintf("cannot be read: %v", unwrapPath(err))})
			case st.IsDir():
				problems = append(problems, &Error{name, "is a symbolic link to a directory, which the build does not follow: move the directory here instead"})
			case !st.Mode().IsRegular():
				problems = append(problems, &Error{name, notRegular(st.Mode())})
			case st.Size() > t.maxSize():
				problems = append(problems, &Error{name, tooBig(st.Size(), t.maxSize())})
			default:
				files = append(files, name)
			}
		default:
			problems = append(problems, &Error{name, notRegular(typ)})
		}
		return nil
	})
	if err != nil {
		problems = append(problems, &Error{rel, fmt.Sprintf("cannot be read: %v", err)})
	}
	sort.Strings(files)
	return files, problems
}

// Sub returns the directory rel of the site as an fs.FS whose reads go
// through the same checks as ReadFile (for html/template and the UI strings).
func (t *Tree) Sub(rel string) fs.FS { return subFS{t, rel} }

type subFS struct {
	t   *Tree
	dir string
}

func (s subFS) rel(name string) (string, error) {
	if !fs.ValidPath(name) {
		return "", &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	return path.Join(s.dir, name), nil
}

// Open opens a directory (for listing) or a checked regular file.
func (s subFS) Open(name string) (fs.File, error) {
	rel, err := s.rel(name)
	if err != nil {
		return nil, err
	}
	real, err := s.t.resolve(rel)
	if err != nil {
		return nil, err
	}
	st, err := os.Stat(real)
	if err != nil {
		return nil, &Error{rel, fmt.Sprintf("cannot be read: %v", unwrapPath(err))}
	}
	if !st.IsDir() {
		if msg := notRegular(st.Mode()); msg != "" {
			return nil, &Error{rel, msg}
		}
		if st.Size() > s.t.maxSize() {
			return nil, &Error{rel, tooBig(st.Size(), s.t.maxSize())}
		}
	}
	return os.OpenFile(real, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}

// ReadFile implements fs.ReadFileFS with Tree.ReadFile's checks.
func (s subFS) ReadFile(name string) ([]byte, error) {
	rel, err := s.rel(name)
	if err != nil {
		return nil, err
	}
	return s.t.ReadFile(rel)
}
