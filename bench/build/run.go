package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// destKind is where destinations go: on disk (under the work directory) or
// on tmpfs (/dev/shm).
type destKind struct {
	name string // "disk" or "tmpfs"
	root string
	fs   string // the file system's type, from /proc/mounts
}

// unit is one tool's part of a run: its builds into fresh destinations
// under kind's root, each measured and added to the report. keep leaves
// the outputs in place (the last run with -keep).
type unit func(run int, kind destKind, keep bool) error

// bencher makes the units and records their samples.
type bencher struct {
	ctx       context.Context
	logf      func(string, ...any)
	res       *report
	hugoSite  string
	hugoCache string
	edit      string // the news item a rebuild changes
	rebuild   bool
}

// Rows of the report besides each tool's full build.
func rowRebuild(row string) string   { return row + ", rebuild" }
func rowCombined(hugo string) string { return hugo + " + pagefind" }
func scaleRow(pairs int) string      { return fmt.Sprintf("hubgen, %d pairs", pairs) }

// addedSentence is what a rebuild appends to the news item.
const addedSentence = "\nZdanie dopisane przed przebudową, aby zmierzyć czas ponownego budowania.\n"

// change appends a sentence to the news item and returns how to restore it.
func (b *bencher) change() (restore func() error, err error) {
	old, err := os.ReadFile(b.edit)
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(b.edit, append(append([]byte(nil), old...), addedSentence...), 0o644); err != nil {
		return nil, err
	}
	return func() error { return os.WriteFile(b.edit, old, 0o644) }, nil
}

// fresh empties a tool's directory under the kind's root (outside any
// timing) and returns it with the destination inside it.
func fresh(kind destKind, name string) (parent, dest string, err error) {
	parent = filepath.Join(kind.root, strings.NewReplacer(" ", "-", ",", "", "+", "").Replace(name))
	if err := os.RemoveAll(parent); err != nil {
		return "", "", err
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", "", err
	}
	return parent, filepath.Join(parent, "public"), nil
}

// record adds a sample to the report and says so on the progress stream.
func (b *bencher) record(run int, kind destKind, row string, s Sample) {
	b.res.add(kind.name, row, s)
	b.logf("run %d/%d, %s: %-28s %7.2f s wall %7.2f s CPU %6.0f MB peak RSS %7d files", run+1, b.res.runs, kind.name, row,
		s.Wall.Seconds(), s.CPU().Seconds(), float64(s.MaxRSSKB)/1024, s.Files)
}

// hubgenUnit builds src with hubgen into a fresh destination, and with
// rebuild builds again into it after changing the news item.
func (b *bencher) hubgenUnit(t Tool, src, row string, rebuild bool) unit {
	return func(run int, kind destKind, keep bool) error {
		parent, dest, err := fresh(kind, row)
		if err != nil {
			return err
		}
		args := []string{"build", "--source", src, "--dest", dest}
		if t.Timings {
			args = append(args, "--timings")
		}
		build := func() (Sample, error) {
			s, out, err := measureCmd(b.ctx, "", t.Path, args...)
			if err != nil {
				return s, err
			}
			if phases, order, ok := parseTimings(out); ok {
				s.Phases = phases
				b.res.phaseNames(order)
			}
			return s, measureDest(&s, dest, "search")
		}
		s, err := build()
		if err != nil {
			return err
		}
		b.record(run, kind, row, s)
		if rebuild {
			restore, err := b.change()
			if err != nil {
				return err
			}
			s, err := build()
			if rerr := restore(); err == nil {
				err = rerr
			}
			if err != nil {
				return err
			}
			b.record(run, kind, rowRebuild(row), s)
		}
		if !keep {
			return os.RemoveAll(parent)
		}
		return nil
	}
}

// hugoUnit builds the Hugo site with h into a fresh destination, then runs
// Pagefind on the output when pf is set; with -rebuild it builds again into
// the same destination after changing the news item (Hugo alone: Pagefind
// has no incremental mode, its run would be the same as the first).
func (b *bencher) hugoUnit(h Tool, pf *Tool) unit {
	return func(run int, kind destKind, keep bool) error {
		parent, dest, err := fresh(kind, h.Name)
		if err != nil {
			return err
		}
		hugo := func() (Sample, error) {
			s, _, err := measureCmd(b.ctx, b.hugoSite, h.Path, "--source", b.hugoSite, "--config", "hugo.toml,paths.toml",
				"--destination", dest, "--cacheDir", b.hugoCache)
			if err != nil {
				return s, err
			}
			return s, measureDest(&s, dest, "pagefind")
		}
		index := func() (Sample, error) {
			s, _, err := measureCmd(b.ctx, "", pf.Path, "--site", dest)
			if err != nil {
				return s, err
			}
			return s, measureDest(&s, dest, "pagefind")
		}
		both := func(rebuild bool) error {
			row, combined := h.Name, rowCombined(h.Name)
			if rebuild {
				row = rowRebuild(row)
			}
			s, err := hugo()
			if err != nil {
				return err
			}
			b.record(run, kind, row, s)
			if pf == nil || rebuild {
				return nil
			}
			p, err := index()
			if err != nil {
				return err
			}
			alone := p
			alone.Files, alone.Bytes = p.IndexFiles, p.IndexBytes
			b.record(run, kind, toolPagefind, alone)
			b.record(run, kind, combined, combine(s, p))
			return nil
		}
		if err := both(false); err != nil {
			return err
		}
		if b.rebuild {
			restore, err := b.change()
			if err != nil {
				return err
			}
			err = both(true)
			if rerr := restore(); err == nil {
				err = rerr
			}
			if err != nil {
				return err
			}
		}
		if !keep {
			return os.RemoveAll(parent)
		}
		return nil
	}
}
