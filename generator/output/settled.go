package output

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sys/unix"
)

// Settled is the state a build left its destination in: what an
// incremental build (package buildcache) needs to take the destination as
// the previous build left it, without the walk of Check.
type Settled struct {
	Manifest string    // hex SHA-256 of the destination's manifest
	At       time.Time // when the build was done with the destination
}

// ReadSettled returns the state of t's directory once Publish has
// returned. Its time is one that no file or directory the build wrote has
// and that every later change reaches (see settleTime).
func ReadSettled(t *Target) (Settled, error) {
	p := filepath.Join(t.Dir, ManifestName)
	data, err := os.ReadFile(p)
	if err != nil {
		return Settled{}, fmt.Errorf("reading the manifest: %w", err)
	}
	last := time.Time{}
	for _, q := range []string{p, t.Dir} {
		info, err := os.Stat(q)
		if err != nil {
			return Settled{}, fmt.Errorf("reading the manifest: %w", err)
		}
		if info.ModTime().After(last) {
			last = info.ModTime()
		}
	}
	at, err := settleTime(t.Dir, last)
	if err != nil {
		return Settled{}, err
	}
	sum := sha256.Sum256(data)
	return Settled{Manifest: hex.EncodeToString(sum[:]), At: at}, nil
}

// settleTime returns a time the file system gives a file after last (the
// time of the build's last change to dir: its manifest, moved in last,
// and dir itself): the time of a file it creates and removes beside dir,
// once that time is past last. A change to dir after it returns has that
// time or a later one. It asks the file system rather than time.Now:
// file times come from the kernel's coarse clock, which lags by a tick or
// more on an idle tickless system, or are finer than it (multigrain
// times), so that a file changed a moment after a build could otherwise
// get a time before one taken at its end.
func settleTime(dir string, last time.Time) (time.Time, error) {
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	for range 1000 {
		f, err := os.CreateTemp(parent, "."+base+".settle-")
		if err != nil {
			return time.Time{}, fmt.Errorf("settling the destination: %w", err)
		}
		info, err := f.Stat()
		f.Close()
		os.Remove(f.Name())
		if err != nil {
			return time.Time{}, fmt.Errorf("settling the destination: %w", err)
		}
		if info.ModTime().After(last) {
			return info.ModTime(), nil
		}
		time.Sleep(time.Millisecond)
	}
	return time.Time{}, fmt.Errorf("settling the destination: file times in %s do not advance", parent)
}

// CheckSettled is Check for a destination that a build left in the state
// s: it makes Check's refusals of the destination's place, then, instead of
// walking the destination, it confirms that the manifest is the one that
// build wrote and that no file it lists and no directory holding them was
// changed at or after s.At (a file edited, added or removed by hand changes the
// time of the file or of its directory). It returns false, with no error,
// when the destination is not in that state: Check then decides.
func CheckSettled(src, dest string, s Settled) (*Target, bool, error) {
	t, exists, err := resolve(src, dest)
	if err != nil || !exists {
		return nil, false, err
	}
	data, err := os.ReadFile(filepath.Join(t.Dir, ManifestName))
	if err != nil {
		return nil, false, nil
	}
	sum := sha256.Sum256(data)
	if hex.EncodeToString(sum[:]) != s.Manifest {
		return nil, false, nil
	}
	made, digests := parseManifest(data)
	if !digests {
		return nil, false, nil
	}
	names := make([]string, 0, len(made)*3/2)
	dirs := map[string]bool{".": true}
	for rel := range made {
		names = append(names, rel)
		for d := path.Dir(rel); !dirs[d]; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	nfiles := len(names)
	for d := range dirs {
		names = append(names, d)
	}
	if !settledBefore(t.Dir, names, nfiles, s.At) {
		return nil, false, nil
	}
	t.prev = made
	return t, true, nil
}

// settledBefore reports whether every one of names (paths relative to
// dir: files first, the first nfiles of them, then directories) is a
// regular file or a directory as it should be, last changed before at.
// Each is stat'ed relative to dir, so that no path above it is walked
// again (only the name's C copy is allocated): there are as many calls as
// files and directories in the output, the check's whole cost.
func settledBefore(dir string, names []string, nfiles int, at time.Time) bool {
	fd, err := unix.Open(dir, unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return false
	}
	defer unix.Close(fd)
	before := at.UnixNano()
	var changed atomic.Bool
	const workers = 4 // stat calls wait on the kernel more than on a core
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			var st unix.Stat_t
			for i := w; i < len(names) && !changed.Load(); i += workers {
				err := unix.Fstatat(fd, names[i], &st, unix.AT_SYMLINK_NOFOLLOW)
				want := uint32(unix.S_IFREG)
				if i >= nfiles {
					want = unix.S_IFDIR
				}
				if err != nil || st.Mtim.Nano() >= before || st.Mode&unix.S_IFMT != want {
					changed.Store(true)
				}
			}
		})
	}
	wg.Wait()
	return !changed.Load()
}

// Keep makes rel, a file of the previous output, part of the new output as
// it is: it is neither written nor removed. It fails when the writer has
// no previous output holding rel.
func (w *Writer) Keep(rel string) error {
	sum, ok := w.prev[rel]
	if !ok || sum == "" {
		return fmt.Errorf("writing output: %s is not in the previous output", rel)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if _, twice := w.sums[rel]; twice {
		return fmt.Errorf("writing output: %s written twice", rel)
	}
	w.sums[rel] = sum
	return nil
}

// Previous returns the files of the previous output that Publish will
// update in place, with their digests (nil when it replaces the destination
// whole). The map is t's own: do not change it.
func (t *Target) Previous() map[string]string { return t.prev }
