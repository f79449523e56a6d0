package source

import (
	"io/fs"
	"path"
	"path/filepath"
	"time"

	"golang.org/x/sys/unix"
)

// The common case of reading an input file, a regular file with no
// symbolic link on its way, in four system calls (openat2, fstat, read,
// close) on a file descriptor rather than an *os.File, which adds three
// (the runtime's poller refuses a regular file, then the descriptor's
// flags are set back) and a read that only confirms the end of the file:
// about 60,000 calls for the 20,000 files of 10,000 translation pairs.

// openPlain opens rel when no symbolic link lies on its way, in one system
// call (openat2 refusing every link) instead of resolving each directory on
// the way, which is most of the cost of reading a small file. It returns
// false when it cannot (a link on the way, a missing file, a kernel without
// openat2): resolve then decides, with its messages.
func (t *Tree) openPlain(rel string) (int, bool) {
	full := filepath.Join(t.real, filepath.FromSlash(rel))
	if !t.inside(full) {
		return -1, false
	}
	for {
		fd, err := unix.Openat2(unix.AT_FDCWD, full, &unix.OpenHow{
			Flags:   unix.O_RDONLY | unix.O_NONBLOCK | unix.O_CLOEXEC,
			Resolve: unix.RESOLVE_NO_SYMLINKS | unix.RESOLVE_NO_MAGICLINKS,
		})
		if err == unix.EINTR {
			continue
		}
		return fd, err == nil
	}
}

// readPlain is ReadFileInfo for a descriptor opened on rel (by openPlain,
// or on the real path resolve found), which it closes.
func (t *Tree) readPlain(rel string, fd int) ([]byte, fs.FileInfo, error) {
	defer unix.Close(fd)
	info := &fdInfo{name: path.Base(rel)}
	if err := unix.Fstat(fd, &info.st); err != nil {
		return nil, nil, &Error{rel, "cannot be read: " + err.Error()}
	}
	if msg := notRegular(info.Mode()); msg != "" {
		return nil, nil, &Error{rel, msg}
	}
	limit := t.maxSize()
	if info.Size() > limit {
		return nil, nil, &Error{rel, tooBig(info.Size(), limit)}
	}
	// One read of what fstat promised, and a byte more to see growth; a
	// read that returns less than asked, once all that was promised is
	// there, is the end of a regular file. Short of it, read on.
	data := make([]byte, 0, info.Size()+1)
	for {
		if len(data) == cap(data) {
			if int64(len(data)) > limit {
				return nil, nil, &Error{rel, tooBig(int64(len(data)), limit)}
			}
			data = append(data, 0)[:len(data)]
		}
		n, err := unix.Read(fd, data[len(data):cap(data)])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, nil, &Error{rel, "cannot be read: " + err.Error()}
		}
		data = data[:len(data)+n]
		if n == 0 || len(data) < cap(data) && int64(len(data)) >= info.Size() {
			break
		}
	}
	if int64(len(data)) > limit {
		return nil, nil, &Error{rel, tooBig(int64(len(data)), limit)}
	}
	return data, info, nil
}

// fdInfo is the fs.FileInfo of an fstat, as os.File.Stat would give it.
type fdInfo struct {
	name string
	st   unix.Stat_t
}

func (i *fdInfo) Name() string       { return i.name }
func (i *fdInfo) Size() int64        { return i.st.Size }
func (i *fdInfo) ModTime() time.Time { return time.Unix(i.st.Mtim.Unix()) }
func (i *fdInfo) IsDir() bool        { return i.Mode().IsDir() }
func (i *fdInfo) Sys() any           { return &i.st }

// Mode maps the file's type and permission bits as package os does.
func (i *fdInfo) Mode() fs.FileMode {
	m := fs.FileMode(i.st.Mode & 0o777)
	switch i.st.Mode & unix.S_IFMT {
	case unix.S_IFBLK:
		m |= fs.ModeDevice
	case unix.S_IFCHR:
		m |= fs.ModeDevice | fs.ModeCharDevice
	case unix.S_IFDIR:
		m |= fs.ModeDir
	case unix.S_IFIFO:
		m |= fs.ModeNamedPipe
	case unix.S_IFLNK:
		m |= fs.ModeSymlink
	case unix.S_IFSOCK:
		m |= fs.ModeSocket
	}
	if i.st.Mode&unix.S_ISGID != 0 {
		m |= fs.ModeSetgid
	}
	if i.st.Mode&unix.S_ISUID != 0 {
		m |= fs.ModeSetuid
	}
	if i.st.Mode&unix.S_ISVTX != 0 {
		m |= fs.ModeSticky
	}
	return m
}
