package main

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Sample is one measured run of one tool: what the operating system says
// the process used, and what it left in its destination.
type Sample struct {
	Wall       time.Duration
	User, Sys  time.Duration // CPU time of the process and the children it waited for
	MaxRSSKB   int64         // peak resident set size (getrusage ru_maxrss: kilobytes on Linux)
	Files      int64         // files in the destination after the run
	Bytes      int64         // their bytes
	IndexFiles int64         // files of the search index (hubgen: search/, Pagefind: pagefind/)
	IndexBytes int64
	// Phases are the build's stages in milliseconds, as the tool reported
	// them (hubgen --timings); nil when it did not.
	Phases map[string]float64
}

// CPU is the sample's user plus system time.
func (s Sample) CPU() time.Duration { return s.User + s.Sys }

// measureCmd runs a command and measures it: wall time around the process, CPU
// time and peak RSS from its rusage. The command's output is returned for
// error messages and for the timings line.
func measureCmd(ctx context.Context, dir string, name string, args ...string) (Sample, string, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	var s Sample
	s.Wall = time.Since(start)
	if cmd.ProcessState != nil {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			s.User = time.Duration(ru.Utime.Nano())
			s.Sys = time.Duration(ru.Stime.Nano())
			s.MaxRSSKB = ru.Maxrss
		}
	}
	if err != nil {
		return s, out.String(), fmt.Errorf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, tail(out.String(), 2000))
	}
	return s, out.String(), nil
}

// tail is the end of a command's output, for error messages.
func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}

// timingsPrefix starts the line hubgen build --timings prints on stderr.
const timingsPrefix = "hubgen: timings:"

// parseTimings finds the line "hubgen: timings: read=110ms parse=800ms …"
// in a build's output and returns its name=<number>ms pairs, whatever the
// names, and the names in order. ok is false when there is no such line.
// Pairs that are not name=<number>ms are skipped.
func parseTimings(output string) (phases map[string]float64, order []string, ok bool) {
	for _, line := range strings.Split(output, "\n") {
		rest, found := strings.CutPrefix(strings.TrimSpace(line), timingsPrefix)
		if !found {
			continue
		}
		phases = map[string]float64{}
		for _, f := range strings.Fields(rest) {
			name, val, ok := strings.Cut(f, "=")
			num, isMS := strings.CutSuffix(val, "ms")
			if !ok || !isMS || name == "" {
				continue
			}
			ms, err := strconv.ParseFloat(num, 64)
			if err != nil {
				continue
			}
			if _, dup := phases[name]; !dup {
				order = append(order, name)
			}
			phases[name] = ms
		}
		return phases, order, true
	}
	return nil, nil, false
}

// walkDest counts the files and bytes under dest, and separately those
// under dest/index (the search index; index "" counts none). A missing
// index directory counts zero.
func walkDest(dest, index string) (files, size, indexFiles, indexSize int64, err error) {
	indexDir := ""
	if index != "" {
		indexDir = filepath.Join(dest, index) + string(filepath.Separator)
	}
	err = filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		files++
		size += info.Size()
		if indexDir != "" && strings.HasPrefix(p, indexDir) {
			indexFiles++
			indexSize += info.Size()
		}
		return nil
	})
	return files, size, indexFiles, indexSize, err
}

// measureDest fills in a sample's files, bytes and index figures from its
// destination.
func measureDest(s *Sample, dest, index string) error {
	var err error
	s.Files, s.Bytes, s.IndexFiles, s.IndexBytes, err = walkDest(dest, index)
	return err
}

// combine is the sample of two runs one after the other (Hugo, then
// Pagefind on its output): times add up, the peak is the larger one, the
// destination is the second's (which holds both outputs), the index the
// second's.
func combine(a, b Sample) Sample {
	return Sample{
		Wall: a.Wall + b.Wall, User: a.User + b.User, Sys: a.Sys + b.Sys,
		MaxRSSKB: max(a.MaxRSSKB, b.MaxRSSKB),
		Files:    b.Files, Bytes: b.Bytes,
		IndexFiles: b.IndexFiles, IndexBytes: b.IndexBytes,
	}
}

// fsType is the type of the file system path is on, from /proc/mounts
// (the longest mount point that contains it), or "" when unknown.
func fsType(mounts, path string) string {
	best, typ := "", ""
	for _, line := range strings.Split(mounts, "\n") {
		f := strings.Fields(line)
		if len(f) < 3 {
			continue
		}
		mp := strings.ReplaceAll(f[1], `\040`, " ")
		if (path == mp || strings.HasPrefix(path, strings.TrimSuffix(mp, "/")+"/")) && len(mp) >= len(best) {
			best, typ = mp, f[2]
		}
	}
	return typ
}

// pathFSType resolves path (symbolic links included) and returns its file
// system's type.
func pathFSType(path string) string {
	mounts, err := os.ReadFile("/proc/mounts")
	if err != nil {
		return ""
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	return fsType(string(mounts), path)
}
