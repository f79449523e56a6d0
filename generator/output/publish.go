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

	"golang.org/x/sys/unix"
)

// Publish lets fill write a complete site into a fresh directory beside the
// target, adds the manifest, then swaps the directory in place of the
// target. If fill fails or ctx is cancelled first, the target is left
// exactly as it was and the fresh directory is removed. It returns the
// number of files written, the manifest not counted.
//
// Directories left beside the target by a build that was killed
// (.<name>.new-*, .<name>.old-*) are removed first; a build in progress
// holds a lock on its own, so two builds at once never remove each other's.
func Publish(ctx context.Context, t *Target, fill func(dir string) error) (int, error) {
	dest := t.Dir
	parent, base := filepath.Dir(dest), filepath.Base(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return 0, fmt.Errorf("creating %s: %w", parent, err)
	}
	restoreInterrupted(dest)
	RemoveStale(parent, "."+base+".new-", "."+base+".old-")
	tmp, unlock, err := LockedTempDir(parent, "."+base+".new-")
	if err != nil {
		return 0, fmt.Errorf("creating build directory: %w", err)
	}
	defer unlock()
	fail := func(err error) (int, error) {
		os.RemoveAll(tmp)
		return 0, err
	}
	if err := fill(tmp); err != nil {
		return fail(err)
	}
	n, err := writeManifest(tmp)
	if err != nil {
		return fail(err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fail(fmt.Errorf("preparing output: %w", err))
	}
	if err := ctx.Err(); err != nil {
		return fail(err)
	}
	if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(tmp, dest); err != nil {
			return fail(fmt.Errorf("moving output into place: %w", err))
		}
		return n, nil
	}
	// Swap both directories in one step where the kernel can; otherwise move
	// the old output aside first.
	if err := unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, dest, unix.RENAME_EXCHANGE); err == nil {
		os.RemoveAll(tmp) // now holds the previous output
		return n, nil
	}
	old := filepath.Join(parent, "."+base+".old-"+strings.TrimPrefix(filepath.Base(tmp), "."+base+".new-"))
	if err := os.Rename(dest, old); err != nil {
		return fail(fmt.Errorf("moving previous output aside: %w", err))
	}
	if err := os.Rename(tmp, dest); err != nil {
		_ = os.Rename(old, dest)
		return fail(fmt.Errorf("moving output into place: %w", err))
	}
	os.RemoveAll(old)
	return n, nil
}

// restoreInterrupted puts the previous output back when a build was killed
// between moving it aside and moving the new one in (only where the kernel
// cannot swap two directories in one step).
func restoreInterrupted(dest string) {
	if _, err := os.Lstat(dest); !errors.Is(err, fs.ErrNotExist) {
		return
	}
	olds, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), globEscape("."+filepath.Base(dest)+".old-")+"*"))
	if len(olds) == 1 && ownDir(olds[0]) && tryLock(olds[0]) {
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
