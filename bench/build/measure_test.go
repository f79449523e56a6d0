package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// The test binary doubles as the processes the benchmark measures: with
// BENCH_HELPER set, TestMain runs helperMain instead of the tests.
func TestMain(m *testing.M) {
	if mode := os.Getenv("BENCH_HELPER"); mode != "" {
		os.Exit(helperMain(mode, os.Args[1:]))
	}
	os.Exit(m.Run())
}

// helperMain is a stand-in process. "alloc" touches about 64 MB and prints
// a timings line; "fail" exits 3; "hubgen" acts as `hubgen build --source
// S --dest D [--timings]`: it writes two pages and a search index file
// into D and echoes the source's news item into D/news.md.
func helperMain(mode string, args []string) int {
	switch mode {
	case "alloc":
		buf := make([]byte, 64<<20)
		for i := range buf {
			buf[i] = byte(i)
		}
		fmt.Fprintln(os.Stderr, "some output")
		fmt.Fprintf(os.Stderr, "hubgen: timings: load=%dms total=20ms\n", buf[len(buf)/3]%2+7)
		return 0
	case "fail":
		fmt.Fprintln(os.Stderr, "something broke")
		return 3
	case "hubgen":
		var src, dest string
		timings := false
		for i := 0; i < len(args); i++ {
			switch args[i] {
			case "--source":
				i++
				src = args[i]
			case "--dest":
				i++
				dest = args[i]
			case "--timings":
				timings = true
			}
		}
		news, _ := os.ReadFile(filepath.Join(src, "content", "news", "gen-000000.pl.md"))
		os.MkdirAll(filepath.Join(dest, "search", "pl"), 0o755)
		os.WriteFile(filepath.Join(dest, "index.html"), []byte("<p>home</p>"), 0o644)
		os.WriteFile(filepath.Join(dest, "news.md"), news, 0o644)
		os.WriteFile(filepath.Join(dest, "search", "pl", "manifest.json"), []byte("{}"), 0o644)
		if timings {
			fmt.Fprintln(os.Stderr, "hubgen: timings: load=1ms render=2ms total=3ms")
		}
		return 0
	}
	return 2
}

// helper returns the path of this test binary, and sets the mode its
// children run in.
func helper(t *testing.T, mode string) string {
	t.Helper()
	t.Setenv("BENCH_HELPER", mode)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	return exe
}

func TestMeasureCmd(t *testing.T) {
	exe := helper(t, "alloc")
	s, out, err := measureCmd(context.Background(), "", exe)
	if err != nil {
		t.Fatal(err)
	}
	if s.Wall <= 0 || s.CPU() <= 0 {
		t.Errorf("wall %v, CPU %v: want both above zero", s.Wall, s.CPU())
	}
	if s.MaxRSSKB < 60<<10 {
		t.Errorf("peak RSS %d KB, want at least the 64 MB the helper touched", s.MaxRSSKB)
	}
	if phases, _, ok := parseTimings(out); !ok || phases["total"] != 20 {
		t.Errorf("output %q: timings %v, %v", out, phases, ok)
	}

	exe = helper(t, "fail")
	if _, _, err := measureCmd(context.Background(), "", exe); err == nil || !strings.Contains(err.Error(), "something broke") {
		t.Errorf("a failing command: %v, want its output in the error", err)
	}
}

func TestParseTimings(t *testing.T) {
	for _, c := range []struct {
		name   string
		output string
		want   map[string]float64
		order  []string
		ok     bool
	}{
		{"brief's example", "hubgen: built 20064 pages\nhubgen: timings: read=110ms parse=800ms convert=2100ms plan=400ms render=3000ms search=1600ms write=4000ms total=12000ms\n",
			map[string]float64{"read": 110, "parse": 800, "convert": 2100, "plan": 400, "render": 3000, "search": 1600, "write": 4000, "total": 12000},
			[]string{"read", "parse", "convert", "plan", "render", "search", "write", "total"}, true},
		{"any names, among other lines", "warning: x\n  hubgen: timings: setup=12ms load=0ms total=9000ms  \nbye\n",
			map[string]float64{"setup": 12, "load": 0, "total": 9000}, []string{"setup", "load", "total"}, true},
		{"fractions", "hubgen: timings: a=1.5ms", map[string]float64{"a": 1.5}, []string{"a"}, true},
		{"malformed pairs skipped", "hubgen: timings: a=1s b=ms =3ms c 4ms d=4ms", map[string]float64{"d": 4}, []string{"d"}, true},
		{"empty line", "hubgen: timings:", map[string]float64{}, nil, true},
		{"absent", "hubgen: built 10 pages into 20 files\n", nil, nil, false},
		{"not at the start", "xhubgen: timings: a=1ms", nil, nil, false},
	} {
		got, order, ok := parseTimings(c.output)
		if ok != c.ok || !reflect.DeepEqual(got, c.want) || !reflect.DeepEqual(order, c.order) {
			t.Errorf("%s: parseTimings = %v, %v, %v; want %v, %v, %v", c.name, got, order, ok, c.want, c.order, c.ok)
		}
	}
}

func TestWalkDest(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, n int) {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, make([]byte, n), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("index.html", 100)
	write("en/index.html", 50)
	write("search/pl/manifest.json", 10)
	write("search/pl/p/0.json", 5)
	write("searchable/x.html", 7) // not inside search/
	os.Symlink(filepath.Join(dir, "index.html"), filepath.Join(dir, "link.html"))
	for _, c := range []struct {
		index                   string
		files, size, ifiles, is int64
	}{
		{"search", 5, 172, 2, 15},
		{"pagefind", 5, 172, 0, 0},
		{"", 5, 172, 0, 0},
	} {
		files, size, ifiles, is, err := walkDest(dir, c.index)
		if err != nil {
			t.Fatal(err)
		}
		if files != c.files || size != c.size || ifiles != c.ifiles || is != c.is {
			t.Errorf("walkDest(%q) = %d files %d bytes, index %d files %d bytes; want %d %d, %d %d", c.index, files, size, ifiles, is, c.files, c.size, c.ifiles, c.is)
		}
	}
	if _, _, _, _, err := walkDest(filepath.Join(dir, "missing"), ""); err == nil {
		t.Error("walkDest of a missing directory: no error")
	}
}

func TestCombine(t *testing.T) {
	hugo := Sample{Wall: 2 * time.Second, User: 3 * time.Second, Sys: time.Second, MaxRSSKB: 500, Files: 10, Bytes: 100}
	pf := Sample{Wall: time.Second, User: time.Second, Sys: time.Second, MaxRSSKB: 700, Files: 15, Bytes: 160, IndexFiles: 5, IndexBytes: 60}
	want := Sample{Wall: 3 * time.Second, User: 4 * time.Second, Sys: 2 * time.Second, MaxRSSKB: 700, Files: 15, Bytes: 160, IndexFiles: 5, IndexBytes: 60}
	if got := combine(hugo, pf); !reflect.DeepEqual(got, want) {
		t.Errorf("combine = %+v, want %+v", got, want)
	}
}

func TestFSType(t *testing.T) {
	mounts := `/dev/vda / ext4 rw,relatime 0 0
tmpfs /dev/shm tmpfs rw,nosuid,nodev 0 0
proc /proc proc rw 0 0
/dev/vdb /tmp/my\040disk xfs rw 0 0
tmpfs /tmp tmpfs rw 0 0
`
	for path, want := range map[string]string{
		"/tmp/hubgen-bench-1":   "tmpfs",
		"/tmp":                  "tmpfs",
		"/tmp/my disk/x":        "xfs",
		"/dev/shm/hubgen-bench": "tmpfs",
		"/dev/shmx":             "ext4",
		"/work/main":            "ext4",
		"/":                     "ext4",
	} {
		if got := fsType(mounts, path); got != want {
			t.Errorf("fsType(%q) = %q, want %q", path, got, want)
		}
	}
	if got := fsType("", "/x"); got != "" {
		t.Errorf("no mounts: %q", got)
	}
}
