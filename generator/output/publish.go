package output

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// Stats tell what Publish did.
type Stats struct {
	Files   int           // files in the output, the manifest not counted
	Written int           // files written: all of them, or in an update those that changed
	Removed int           // files of the previous output that the new one lacks
	Busy    time.Duration // time spent writing files, summed over the writer's goroutines
}

// Publish lets fill hand a complete site to a Writer, then puts it in place
// of the target with its manifest. If fill fails or ctx is cancelled first,
// the target is left exactly as it was and nothing fill wrote remains.
//
// When the target holds a previous output with digests (Target.Incremental),
// only new and changed files are written, into a fresh directory beside the
// target, and then moved into the target one by one, the files they replace
// and those the new output lacks moved aside into an undo directory with a
// journal (see update). Otherwise the whole site is written into the fresh
// directory, which is swapped in place of the target.
//
// Directories left beside the target by a build that was killed
// (.<name>.new-*, .<name>.old-*) are first rolled back or removed; a build
// in progress holds a lock on its own, so two builds at once never remove
// each other's.
func Publish(ctx context.Context, t *Target, fill func(w *Writer) error) (Stats, error) {
	dest := t.Dir
	parent, base := filepath.Dir(dest), filepath.Base(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return Stats{}, fmt.Errorf("creating %s: %w", parent, err)
	}
	restoreInterrupted(dest)
	if err := rollBackInterrupted(dest); err != nil {
		return Stats{}, err
	}
	RemoveStale(parent, "."+base+".new-", "."+base+".old-")
	tmp, unlock, err := LockedTempDir(parent, "."+base+".new-")
	if err != nil {
		return Stats{}, fmt.Errorf("creating build directory: %w", err)
	}
	defer unlock()
	defer os.RemoveAll(tmp) // empty or gone when all went well
	w := NewWriter(tmp, 0, t.prev)
	err = fill(w)
	if werr := w.Close(); err == nil {
		err = werr
	}
	st := Stats{Files: len(w.sums), Written: w.Written(), Busy: w.Busy()}
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return Stats{}, err
	}
	if t.prev != nil {
		st.Removed, err = update(dest, tmp, t.prev, w)
		if err != nil {
			return Stats{}, err
		}
		return st, nil
	}
	if err := os.WriteFile(filepath.Join(tmp, ManifestName), manifest(w.sums), 0o644); err != nil {
		return Stats{}, fmt.Errorf("writing the manifest: %w", err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return Stats{}, fmt.Errorf("preparing output: %w", err)
	}
	if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(tmp, dest); err != nil {
			return Stats{}, fmt.Errorf("moving output into place: %w", err)
		}
		return st, nil
	}
	// Swap both directories in one step where the kernel can; otherwise move
	// the old output aside first.
	if err := unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, dest, unix.RENAME_EXCHANGE); err == nil {
		return st, nil // tmp now holds the previous output: removed on return
	}
	old := filepath.Join(parent, "."+base+".old-"+strings.TrimPrefix(filepath.Base(tmp), "."+base+".new-"))
	if err := os.Rename(dest, old); err != nil {
		return Stats{}, fmt.Errorf("moving previous output aside: %w", err)
	}
	if err := os.Rename(tmp, dest); err != nil {
		_ = os.Rename(old, dest)
		return Stats{}, fmt.Errorf("moving output into place: %w", err)
	}
	os.RemoveAll(old)
	return st, nil
}

// restoreInterrupted puts the previous output back when a build was killed
// between moving it aside and moving the new one in (only where the kernel
// cannot swap two directories in one step).
func restoreInterrupted(dest string) {
	if _, err := os.Lstat(dest); !errors.Is(err, fs.ErrNotExist) {
		return
	}
	olds, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), globEscape("."+filepath.Base(dest)+".old-")+"*"))
	if len(olds) == 1 && ownDir(olds[0]) && !present(filepath.Join(olds[0], journalName)) && tryLock(olds[0]) {
		_ = os.Rename(olds[0], dest)
	}
}

// LockedTempDir makes a new directory in parent named prefix plus a random
// part and holds a lock on it until unlock is called, so that RemoveStale in
// another process leaves it alone while this one is alive.
func LockedTempDir(parent, prefix string) (dir string, unlock func(), err error) {
	dir, err = os.MkdirTemp(parent, prefix)
	if err != nil {
		return "", nil, err
	}
	f, err := os.Open(dir)
	if err != nil {
		os.RemoveAll(dir)
		return "", nil, err
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		os.RemoveAll(dir)
		return "", nil, fmt.Errorf("locking %s: %w", dir, err)
	}
	return dir, func() { f.Close() }, nil
}

// RemoveStale removes the directories in parent whose names start with one
// of the prefixes, that belong to this user and that no live process holds
// locked: what a killed build or preview left behind.
func RemoveStale(parent string, prefixes ...string) {
	for _, prefix := range prefixes {
		matches, _ := filepath.Glob(filepath.Join(parent, globEscape(prefix)+"*"))
		for _, m := range matches {
			if ownDir(m) && tryLock(m) {
				os.RemoveAll(m)
			}
		}
	}
}

// ownDir reports whether p is a directory (not a link) owned by this user.
func ownDir(p string) bool {
	fi, err := os.Lstat(p)
	if err != nil || !fi.IsDir() {
		return false
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == os.Getuid()
}

// tryLock reports whether nobody holds a lock on directory p (taking and
// releasing it at once).
func tryLock(p string) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	return unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB) == nil
}

func globEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `*`, `\*`, `?`, `\?`, `[`, `\[`)
	return r.Replace(s)
}
