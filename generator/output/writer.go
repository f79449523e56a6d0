package output

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sys/unix"
)

// DefaultWriters is how many files a Writer writes at once. More do not
// help: creating 20,000 files of 15 KB on this project's CI machine took
// 2.8 s with one goroutine and 3.3 s with two on its ext4 disk (which then
// throttles to its write bandwidth whatever the number), 0.85 s and 0.50 s
// on tmpfs. What counts is that rendering goes on while a file is written.
const DefaultWriters = 2

// digestLen is the length of a file's digest in the manifest: the first 16
// bytes of its SHA-256, in hex.
const digestLen = 32

// digest is a file's digest in the manifest.
func digest(data []byte) string { return Digest(data) }

// Digest is the digest of a file's bytes by which the output's manifest
// tells them (the previous output's files, Target.Previous).
func Digest(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:digestLen/2])
}

// Writer writes files under a directory on a pool of goroutines, creating
// each directory once, while the caller goes on making the next file. Write
// hands it a file; Close waits for every file and returns the first error.
// A Writer is safe for concurrent use until Close.
//
// A Writer remembers every file's digest, for the manifest. Given the
// digests of a previous output, it skips the files whose bytes are the
// same as there: only new and changed files reach its directory.
type Writer struct {
	dir   string
	files chan file
	wg    sync.WaitGroup
	busy  atomic.Int64 // nanoseconds spent writing, summed over goroutines
	prev  map[string]string

	mu      sync.Mutex
	dirs    map[string]bool   // directories known to exist
	sums    map[string]string // every file handed over: its digest
	written []string          // the files written into dir
	err     error
}

type file struct {
	rel     string
	data    []byte
	release func()
}

// NewWriter starts a Writer into dir with n goroutines (DefaultWriters when
// n <= 0). prev, when not nil, maps the files of a previous output to their
// digests: a file with the same digest there is not written.
func NewWriter(dir string, n int, prev map[string]string) *Writer {
	if n <= 0 {
		n = DefaultWriters
	}
	w := &Writer{dir: dir, files: make(chan file, 2*n), dirs: map[string]bool{dir: true}, prev: prev, sums: map[string]string{}}
	for range n {
		w.wg.Add(1)
		go func() {
			defer w.wg.Done()
			for f := range w.files {
				if err := w.write(f); err != nil {
					w.fail(err)
				}
				if f.release != nil {
					f.release()
				}
			}
		}()
	}
	return w
}

// Write queues data to be written to rel, a slash path relative to the
// directory. It blocks while the queue is full. data must not be changed
// afterwards. After an error, the files still queued are skipped.
func (w *Writer) Write(rel string, data []byte) {
	w.files <- file{rel: rel, data: data}
}

// WriteBuffer is Write for a buffer the caller gets back: release is called
// once buf's bytes are written (or skipped), and buf is not used after.
func (w *Writer) WriteBuffer(rel string, buf *bytes.Buffer, release func()) {
	w.files <- file{rel: rel, data: buf.Bytes(), release: release}
}

// Busy is the time spent writing so far, summed over the goroutines.
func (w *Writer) Busy() time.Duration { return time.Duration(w.busy.Load()) }

// Close waits until every queued file is written and returns the first
// error, naming the file.
func (w *Writer) Close() error {
	close(w.files)
	w.wg.Wait()
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// Written is how many files the writer wrote into its directory (those
// unchanged from the previous output not counted). Call it after Close.
func (w *Writer) Written() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.written)
}

func (w *Writer) fail(err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err == nil {
		w.err = err
	}
}

func (w *Writer) failed() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err != nil
}

func (w *Writer) write(f file) error {
	if w.failed() {
		return nil
	}
	start := time.Now()
	defer func() { w.busy.Add(int64(time.Since(start))) }()
	sum := digest(f.data)
	w.mu.Lock()
	_, twice := w.sums[f.rel]
	w.sums[f.rel] = sum
	w.mu.Unlock()
	if twice {
		return fmt.Errorf("writing output: %s written twice", f.rel)
	}
	if old, ok := w.prev[f.rel]; ok && old == sum {
		return nil
	}
	p := filepath.Join(w.dir, filepath.FromSlash(f.rel))
	if err := w.mkdir(filepath.Dir(p)); err != nil {
		return fmt.Errorf("writing output: %w", err)
	}
	if err := writeFile(p, f.data); err != nil {
		return fmt.Errorf("writing output: %w", err)
	}
	w.mu.Lock()
	w.written = append(w.written, f.rel)
	w.mu.Unlock()
	return nil
}

// mkdir creates dir and its parents unless an earlier call did. A
// directory whose parent an earlier call made takes one mkdir call
// (os.MkdirAll stats the directory and its parent first: two more system
// calls for each of a site's 28,000 page directories).
func (w *Writer) mkdir(dir string) error {
	w.mu.Lock()
	known, parent := w.dirs[dir], w.dirs[filepath.Dir(dir)]
	w.mu.Unlock()
	if known {
		return nil
	}
	err := os.ErrNotExist
	if parent {
		if err = os.Mkdir(dir, 0o755); errors.Is(err, fs.ErrExist) {
			err = nil // made meanwhile by another writer of a file in it
		}
	}
	if err != nil {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	w.mu.Lock()
	for d := dir; !w.dirs[d]; d = filepath.Dir(d) {
		w.dirs[d] = true
	}
	w.mu.Unlock()
	return nil
}

// writeFile is os.WriteFile(p, data, 0o644) in three system calls (open,
// write, close): an *os.File adds four more for each file (the runtime's
// poller refuses a regular file, then its flags are set back), about
// 160,000 calls for the 40,000 files of 10,000 translation pairs.
func writeFile(p string, data []byte) error {
	var fd int
	var err error
	for {
		fd, err = unix.Open(p, unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC|unix.O_CLOEXEC, 0o644)
		if err != unix.EINTR {
			break
		}
	}
	if err != nil {
		return &fs.PathError{Op: "open", Path: p, Err: err}
	}
	for len(data) > 0 {
		n, err := unix.Write(fd, data)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			unix.Close(fd)
			return &fs.PathError{Op: "write", Path: p, Err: err}
		}
		data = data[n:]
	}
	if err := unix.Close(fd); err != nil {
		return &fs.PathError{Op: "close", Path: p, Err: err}
	}
	return nil
}
