package site

import (
	"fmt"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// writeAtomically lets fill write a complete site into a fresh directory
// beside dest, then swaps it in place of dest. If fill fails, dest is left
// exactly as it was and the fresh directory is removed.
func writeAtomically(dest string, fill func(dir string) (int, error)) (int, error) {
	dest = filepath.Clean(dest)
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return 0, fmt.Errorf("creating %s: %w", parent, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dest)+".new-")
	if err != nil {
		return 0, fmt.Errorf("creating build directory: %w", err)
	}
	n, err := fill(tmp)
	if err != nil {
		os.RemoveAll(tmp)
		return 0, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return 0, fmt.Errorf("preparing output: %w", err)
	}
	if _, err := os.Lstat(dest); os.IsNotExist(err) {
		if err := os.Rename(tmp, dest); err != nil {
			os.RemoveAll(tmp)
			return 0, fmt.Errorf("moving output into place: %w", err)
		}
		return n, nil
	}
	// Swap both directories in one step where the kernel can; otherwise move
	// the old output aside first.
	if err := unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, dest, unix.RENAME_EXCHANGE); err == nil {
		os.RemoveAll(tmp) // now holds the previous output
		return n, nil
	}
	old := tmp + ".old"
	if err := os.Rename(dest, old); err != nil {
		os.RemoveAll(tmp)
		return 0, fmt.Errorf("moving previous output aside: %w", err)
	}
	if err := os.Rename(tmp, dest); err != nil {
		_ = os.Rename(old, dest)
		os.RemoveAll(tmp)
		return 0, fmt.Errorf("moving output into place: %w", err)
	}
	os.RemoveAll(old)
	return n, nil
}
