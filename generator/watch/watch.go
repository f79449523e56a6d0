// Package watch tells a live preview which of a site's input files changed.
//
// A Watcher watches the site's inputs, and only them: content/, layouts/,
// static/ and i18n/ recursively (including directories created or moved in
// later) and the file config.toml. Nothing else under the site's directory
// gets a watch, so a build writing thousands of files into public/ or a
// .public.new-* directory, or git writing .git/, costs the watcher nothing
// beyond one event per entry made directly in the site's directory.
//
// Events are gathered into batches of paths: a batch is sent once no event
// has arrived for the quiet period given to New, so that one save, which an
// editor may make of several writes, a temporary file renamed over the real
// one or a backup and a new file, yields one batch naming the real file.
// Editors' scratch files are never reported: names ending in ~, .swp, .swx,
// .tmp, ___jb_tmp___ or ___jb_old___, vim's probe 4913, and any name
// starting with a dot (.x.md.swp, .#x.md), which leaves out dot files such
// as static/.htaccess too; directories are watched whatever their names.
//
// Symbolic links are never followed: a link is reported as the path it is,
// and the build reports it if it refuses it.
package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

// configFile is the site's configuration, watched as a file of the site's
// directory.
const configFile = "config.toml"

// maxErrors is how many errors wait for a reader of Errors; later ones are
// dropped until the reader catches up.
const maxErrors = 64

// minMaxWait is the least time a change waits for the events after it to
// stop: a batch is sent after at most max(minMaxWait, 20*quiet) even while
// events keep arriving, so that a file written without a pause (a log, a
// long copy) does not hold back every other change.
const minMaxWait = time.Second

// inputDirs returns the site's input directories, watched recursively.
func inputDirs() []string { return []string{"content", "layouts", "static", "i18n"} }

// isInputDir reports whether name is one of inputDirs.
func isInputDir(name string) bool {
	switch name {
	case "content", "layouts", "static", "i18n":
		return true
	}
	return false
}

// scratch reports whether a file's base name is an editor's scratch file,
// never reported: a backup (x.md~), a swap or temporary file (.x.md.swp,
// x.md.swx, x.md.tmp, JetBrains' x.md___jb_tmp___ and x.md___jb_old___),
// a lock (.#x.md), vim's probe 4913, or any name starting with a dot. The
// file such a scratch file is renamed onto is reported. Directories are
// watched whatever their names (static/.well-known/ is published).
func scratch(name string) bool {
	return strings.HasPrefix(name, ".") || // .x.md.swp, .#x.md, .DS_Store
		name == "4913" ||
		strings.HasSuffix(name, "~") ||
		strings.HasSuffix(name, ".swp") ||
		strings.HasSuffix(name, ".swx") ||
		strings.HasSuffix(name, ".tmp") ||
		strings.HasSuffix(name, "___jb_tmp___") ||
		strings.HasSuffix(name, "___jb_old___")
}

// Watcher watches a site's inputs: content/, layouts/, static/, i18n/
// (recursively, including directories created later) and config.toml.
type Watcher struct {
	root     string // absolute and clean
	quiet    time.Duration
	maxWait  time.Duration
	fsw      *fsnotify.Watcher
	changes  chan []string
	errs     chan error
	loopErrs chan error    // errors met by the event loop, to the error pump
	rescan   chan struct{} // events were lost: look at everything again
	done     chan struct{}
	wg       sync.WaitGroup

	closeOnce sync.Once
	closeErr  error

	// Owned by the event loop (and by New before it starts it).
	dirs    map[string]bool // the directories watched, by absolute path
	pending map[string]bool // paths changed since the last batch sent
}

// New starts watching the site in root. quiet is the debounce: a batch is
// sent once no event has arrived for quiet (e.g. 30 ms), so that one save
// that makes several events yields one batch. While events keep coming
// without such a pause (a long copy), a batch is sent at the latest
// max(1 s, 20×quiet) after its first change.
//
// New fails if root is not a directory or cannot be watched. A missing
// input directory is watched for from the site's directory; one that
// cannot be watched whole (on Linux, more directories than
// fs.inotify.max_user_watches allows) is watched as far as possible, and
// the errors are the first that Errors delivers.
func New(root string, quiet time.Duration) (*Watcher, error) {
	if quiet <= 0 {
		return nil, fmt.Errorf("watch %s: the quiet period must be positive, not %v", root, quiet)
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", root, err)
	}
	st, err := os.Stat(abs)
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", root, err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("watch %s: not a directory", root)
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", root, err)
	}
	w := &Watcher{
		root:     abs,
		quiet:    quiet,
		maxWait:  max(minMaxWait, 20*quiet),
		fsw:      fsw,
		changes:  make(chan []string),
		errs:     make(chan error),
		loopErrs: make(chan error),
		rescan:   make(chan struct{}, 1),
		done:     make(chan struct{}),
		dirs:     map[string]bool{},
		pending:  map[string]bool{},
	}
	// The site's directory itself, not recursively: for config.toml and for
	// input directories made or replaced later.
	if err := w.fsw.Add(abs); err != nil {
		fsw.Close()
		return nil, w.watchError(abs, err)
	}
	// A directory that cannot be watched (too many watches, no
	// permission) does not stop the others: its error is the first thing
	// Errors delivers.
	var errs []error
	for _, d := range inputDirs() {
		w.walk(d, false, func(err error) {
			if len(errs) < maxErrors {
				errs = append(errs, err)
			}
		})
	}
	w.wg.Add(2)
	go w.loop()
	go w.pumpErrors(errs)
	return w, nil
}

// Changes delivers batches: the slash-separated paths relative to root that
// were created, written, removed or renamed, sorted, each once. They are
// files (and symbolic links), and directories that were removed or renamed
// away, so that the caller can drop what lay under them; a directory created
// or moved in is walked and every file in it reported, not the directory.
//
// When events were lost (the kernel's queue overflowed; Errors says so), the
// next batch names config.toml, the four input directories and every file
// in them: the caller should drop what it had under them and read it all
// again.
//
// While the caller is busy, changes gather into the next batch.
func (w *Watcher) Changes() <-chan []string { return w.changes }

// Errors delivers watcher errors (e.g. too many watches); the watcher keeps
// running. Errors not read wait, up to a limit past which newer ones are
// dropped.
func (w *Watcher) Errors() <-chan error { return w.errs }

// Close stops watching and closes both channels. Changes not yet sent are
// dropped. Calling it again does nothing.
func (w *Watcher) Close() error {
	w.closeOnce.Do(func() {
		close(w.done)
		err := w.fsw.Close()
		w.wg.Wait()
		if err != nil {
			w.closeErr = fmt.Errorf("watch %s: closing: %w", w.root, err)
		}
	})
	return w.closeErr
}

// loop turns events into batches until Close.
func (w *Watcher) loop() {
	defer w.wg.Done()
	defer close(w.changes)
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	var (
		out   chan<- []string // w.changes while batch is ready, else nil
		batch []string
		since time.Time // when pending became non-empty
	)
	// changed restarts the quiet period after an event, and withdraws a
	// batch not yet taken: it is sent again, with what came since, once
	// the events stop.
	changed := func() {
		if len(w.pending) == 0 {
			return
		}
		if since.IsZero() {
			since = time.Now()
		}
		out, batch = nil, nil
		wait := min(w.quiet, max(0, w.maxWait-time.Since(since)))
		timer.Reset(wait)
	}
	for {
		select {
		case <-w.done:
			timer.Stop()
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			if w.handle(ev) {
				changed()
			}
		case <-w.rescan:
			w.rescanAll()
			changed()
		case <-timer.C:
			if len(w.pending) > 0 {
				batch = make([]string, 0, len(w.pending))
				for p := range w.pending {
					batch = append(batch, p)
				}
				slices.Sort(batch)
				out = w.changes
			}
		case out <- batch:
			clear(w.pending)
			out, batch, since = nil, nil, time.Time{}
		}
	}
}

// handle records what one event changed, and reports whether the event
// concerned the site's inputs (and so restarts the quiet period).
func (w *Watcher) handle(ev fsnotify.Event) bool {
	rel, ok := w.rel(ev.Name)
	if !ok {
		return false
	}
	if rel == "." {
		if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
			w.report(fmt.Errorf("watch %s: the site's directory was removed or renamed", w.root))
		}
		return false
	}
	top, _, nested := strings.Cut(rel, "/")
	if !isInputDir(top) && (nested || top != configFile) {
		return false // public/, .git/, a build's .public.new-*, README.md, …
	}
	base := path.Base(rel)
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		switch {
		case w.dirs[ev.Name]:
			// A directory gone or moved away (within the site it also
			// arrives as a Create under its new name): what lay under
			// it goes, and its watches, which would otherwise go on
			// naming the old paths.
			w.unwatch(ev.Name)
			w.pending[rel] = true
		case !scratch(base):
			w.pending[rel] = true
		}
	}
	switch {
	case ev.Has(fsnotify.Create):
		info, err := os.Lstat(ev.Name)
		switch {
		case err == nil && info.IsDir():
			if isInputDir(top) {
				w.walk(rel, true, w.report)
			}
		case !scratch(base):
			// A file, a link (not followed), or something already gone
			// again: the caller finds out which.
			w.pending[rel] = true
		}
	case ev.Has(fsnotify.Write):
		if !scratch(base) {
			w.pending[rel] = true
		}
	}
	return true
}

// rel returns name (an event's path) relative to the site's directory,
// slash-separated, and whether it lies there.
func (w *Watcher) rel(name string) (string, bool) {
	r, err := filepath.Rel(w.root, name)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(r), true
}

// walk watches the directory rel (slash path relative to the site's
// directory) and every directory under it, and with report records every
// other entry as changed. Each directory gets its watch before it is
// listed, so a file made in it meanwhile is either listed or an event.
// Symbolic links are not followed. Problems go to onErr; a directory that
// is gone by the time it is reached is no problem (its removal is an
// event).
func (w *Watcher) walk(rel string, report bool, onErr func(error)) {
	start := filepath.Join(w.root, filepath.FromSlash(rel))
	filepath.WalkDir(start, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				r, _ := w.rel(p)
				onErr(fmt.Errorf("watch %s: %s: %w", w.root, r, err))
			}
			return nil
		}
		if d.IsDir() {
			if err := w.fsw.Add(p); err != nil {
				if !errors.Is(err, fs.ErrNotExist) {
					onErr(w.watchError(p, err))
				}
				return filepath.SkipDir
			}
			w.dirs[p] = true
			return nil
		}
		if report && !scratch(d.Name()) {
			if r, ok := w.rel(p); ok {
				w.pending[r] = true
			}
		}
		return nil
	})
}

// unwatch removes the watches of the directory dir (absolute) and of every
// directory under it. Errors are of no interest: the kernel drops the
// watch of a removed directory by itself.
func (w *Watcher) unwatch(dir string) {
	prefix := dir + string(filepath.Separator)
	for d := range w.dirs {
		if d == dir || strings.HasPrefix(d, prefix) {
			_ = w.fsw.Remove(d)
			delete(w.dirs, d)
		}
	}
}

// rescanAll looks at everything again after events were lost: it forgets
// watches of directories that are gone, watches any directory that is not
// watched yet, and reports config.toml, the input directories (so that the
// caller drops what it had under them) and every file in them.
func (w *Watcher) rescanAll() {
	for d := range w.dirs {
		if info, err := os.Lstat(d); err != nil || !info.IsDir() {
			_ = w.fsw.Remove(d)
			delete(w.dirs, d)
		}
	}
	w.pending[configFile] = true
	for _, d := range inputDirs() {
		w.pending[d] = true
		w.walk(d, true, w.report)
	}
}

// watchError wraps an error adding a watch on the directory dir.
func (w *Watcher) watchError(dir string, err error) error {
	r, _ := w.rel(dir)
	if errors.Is(err, syscall.ENOSPC) {
		// What inotify says when fs.inotify.max_user_watches is reached.
		return fmt.Errorf("watch %s: %s: too many watches (raise fs.inotify.max_user_watches): %w", w.root, r, err)
	}
	return fmt.Errorf("watch %s: %s: %w", w.root, r, err)
}

// report hands an error met by the event loop to the error pump.
func (w *Watcher) report(err error) {
	select {
	case w.loopErrs <- err:
	case <-w.done:
	}
}

// pumpErrors delivers queue, then errors from fsnotify and from the event
// loop, to Errors until Close. It always reads fsnotify's errors at once, whether or
// not anyone reads Errors: fsnotify may send one while it holds the lock
// that adding a watch needs.
func (w *Watcher) pumpErrors(queue []error) {
	defer w.wg.Done()
	defer close(w.errs)
	in := w.fsw.Errors
	for {
		var out chan<- error
		var next error
		if len(queue) > 0 {
			out, next = w.errs, queue[0]
		}
		select {
		case <-w.done:
			return
		case err, ok := <-in:
			if !ok {
				in = nil
				continue
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				select {
				case w.rescan <- struct{}{}:
				default: // a rescan is already due
				}
			}
			if len(queue) < maxErrors {
				queue = append(queue, fmt.Errorf("watch %s: %w", w.root, err))
			}
		case err := <-w.loopErrs:
			if len(queue) < maxErrors {
				queue = append(queue, err)
			}
		case out <- next:
			queue = queue[1:]
		}
	}
}
