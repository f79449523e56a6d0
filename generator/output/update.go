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
)

// journalName is the file in an update's undo directory that lists what the
// update moves, so that an update cut short (an error, or the process
// killed) can be rolled back to the previous output exactly.
const journalName = ".hubgen-journal"

// update puts the new and changed files the writer wrote into tmp in place
// in dest, a previous output whose files have the digests prev, and removes
// the files the new output lacks. It returns how many it removed.
//
// Nothing is deleted before the new output is complete: the files replaced
// or removed, and the previous manifest, are moved into an undo directory
// beside dest (.<name>.old-*), whose journal lists every file the update
// touches. On any error the update is rolled back from it; a build killed
// in the middle leaves it for the next build to roll back
// (rollBackInterrupted). The update is done when the new manifest is in
// place and the journal is removed.
func update(dest, tmp string, prev map[string]string, w *Writer) (int, error) {
	var removed []string
	for rel := range prev {
		if _, ok := w.sums[rel]; !ok {
			removed = append(removed, rel)
		}
	}
	sort.Strings(removed)
	written := append([]string(nil), w.written...)
	sort.Strings(written)
	man := manifest(w.sums)
	if len(removed) == 0 && len(written) == 0 {
		if old, err := os.ReadFile(filepath.Join(dest, ManifestName)); err == nil && bytes.Equal(old, man) {
			return 0, nil
		}
	}
	parent, base := filepath.Dir(dest), filepath.Base(dest)
	undo, unlock, err := LockedTempDir(parent, "."+base+".old-")
	if err != nil {
		return 0, fmt.Errorf("creating the undo directory: %w", err)
	}
	defer unlock()
	j := journal{dest: dest, undo: undo}
	for _, rel := range written {
		if _, ok := prev[rel]; ok {
			j.replaced = append(j.replaced, rel)
		} else {
			j.added = append(j.added, rel)
		}
	}
	j.removed = removed
	if err := j.write(); err != nil {
		os.RemoveAll(undo)
		return 0, err
	}
	if err := j.apply(tmp, man); err != nil {
		if rerr := j.rollBack(); rerr != nil {
			return 0, fmt.Errorf("%w; rolling back: %v (the previous output is in %s)", err, rerr, undo)
		}
		os.RemoveAll(undo)
		return 0, err
	}
	// Done: without its journal the undo directory is only what the
	// update replaced.
	if err := os.Remove(filepath.Join(undo, journalName)); err != nil {
		return 0, fmt.Errorf("finishing the update: %w", err)
	}
	os.RemoveAll(undo)
	return len(removed), nil
}

// journal is what an update moves: the files it adds, those it replaces
// and those it removes, as slash paths relative to dest.
type journal struct {
	dest, undo               string
	added, replaced, removed []string
}

// write stores the journal in the undo directory, synced to disk before
// any file moves.
func (j *journal) write() error {
	var b strings.Builder
	b.WriteString("# hubgen update in progress: the next build rolls it back\n")
	for _, l := range []struct {
		mark  byte
		files []string
	}{{'+', j.added}, {'~', j.replaced}, {'-', j.removed}} {
		for _, rel := range l.files {
			b.WriteByte(l.mark)
			b.WriteString(strconv.Quote(rel))
			b.WriteByte('\n')
		}
	}
	f, err := os.Create(filepath.Join(j.undo, journalName))
	if err != nil {
		return fmt.Errorf("writing the update's journal: %w", err)
	}
	if _, err := f.WriteString(b.String()); err != nil {
		f.Close()
		return fmt.Errorf("writing the update's journal: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("writing the update's journal: %w", err)
	}
	return f.Close()
}

// readJournal reads the journal of the undo directory undo of dest.
func readJournal(dest, undo string) (*journal, error) {
	data, err := os.ReadFile(filepath.Join(undo, journalName))
	if err != nil {
		return nil, err
	}
	j := &journal{dest: dest, undo: undo}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		rel, err := strconv.Unquote(line[1:])
		if err != nil || !fs.ValidPath(rel) {
			return nil, fmt.Errorf("damaged journal %s: %q", filepath.Join(undo, journalName), line)
		}
		switch line[0] {
		case '+':
			j.added = append(j.added, rel)
		case '~':
			j.replaced = append(j.replaced, rel)
		case '-':
			j.removed = append(j.removed, rel)
		default:
			return nil, fmt.Errorf("damaged journal %s: %q", filepath.Join(undo, journalName), line)
		}
	}
	return j, nil
}

// apply moves the previous manifest and the files replaced or removed into
// the undo directory, removes the directories that leaves empty, moves the
// new files from tmp into dest, and puts the new manifest man in place.
func (j *journal) apply(tmp string, man []byte) error {
	if err := move(filepath.Join(j.dest, ManifestName), filepath.Join(j.undo, ManifestName)); err != nil {
		return err
	}
	for _, list := range [][]string{j.replaced, j.removed} {
		for _, rel := range list {
			if err := move(j.path(rel), filepath.Join(j.undo, filepath.FromSlash(rel))); err != nil {
				return err
			}
		}
	}
	for _, rel := range j.removed {
		pruneEmpty(j.dest, filepath.Dir(j.path(rel)))
	}
	for _, list := range [][]string{j.replaced, j.added} {
		for _, rel := range list {
			if err := move(filepath.Join(tmp, filepath.FromSlash(rel)), j.path(rel)); err != nil {
				return err
			}
		}
	}
	next := filepath.Join(tmp, ManifestName)
	if err := os.WriteFile(next, man, 0o644); err != nil {
		return fmt.Errorf("writing the manifest: %w", err)
	}
	return move(next, filepath.Join(j.dest, ManifestName))
}

// rollBack undoes apply, wherever it stopped: the added files go, and
// everything in the undo directory goes back where it was.
func (j *journal) rollBack() error {
	var errs []error
	for _, rel := range j.added {
		p := j.path(rel)
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
		pruneEmpty(j.dest, filepath.Dir(p))
	}
	for _, rel := range append(append([]string{ManifestName}, j.replaced...), j.removed...) {
		from := filepath.Join(j.undo, filepath.FromSlash(rel))
		if _, err := os.Lstat(from); errors.Is(err, fs.ErrNotExist) {
			continue // not moved yet
		}
		if err := move(from, j.path(rel)); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// path is rel's path in dest.
func (j *journal) path(rel string) string { return filepath.Join(j.dest, filepath.FromSlash(rel)) }

// move renames from to to, creating to's directory.
func move(from, to string) error {
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return fmt.Errorf("updating the output: %w", err)
	}
	if err := os.Rename(from, to); err != nil {
		return fmt.Errorf("updating the output: %w", err)
	}
	return nil
}

// pruneEmpty removes dir and its parents up to (not including) root while
// they are empty.
func pruneEmpty(root, dir string) {
	for dir != root && strings.HasPrefix(dir, root+string(filepath.Separator)) {
		if os.Remove(dir) != nil { // not empty, or gone
			return
		}
		dir = filepath.Dir(dir)
	}
}

// rollBackInterrupted rolls back an update of dest that a killed build left
// unfinished: an undo directory beside dest with a journal, that no live
// process holds.
func rollBackInterrupted(dest string) error {
	undos, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), globEscape("."+filepath.Base(dest)+".old-")+"*"))
	for _, undo := range undos {
		if !ownDir(undo) || !present(filepath.Join(undo, journalName)) || !tryLock(undo) {
			continue
		}
		j, err := readJournal(dest, undo)
		if err == nil {
			err = j.rollBack()
		}
		if err != nil {
			return fmt.Errorf("rolling back an interrupted update of %s: %w (the previous output's files are in %s)", dest, err, undo)
		}
		os.RemoveAll(undo)
	}
	return nil
}

// present reports whether p exists.
func present(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}
