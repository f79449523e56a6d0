package main

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestMdTable(t *testing.T) {
	for _, c := range []struct {
		name   string
		header []string
		rows   [][]string
		left   int
		want   string
	}{
		{"figures right", []string{"tool", "wall s"}, [][]string{{"hubgen", "1.00"}}, 1,
			"| tool | wall s |\n|---|---:|\n| hubgen | 1.00 |\n"},
		{"text left", []string{"tool", "version"}, [][]string{{"hugo", "v0.165.0"}, {"pagefind", "1.6.0"}}, 2,
			"| tool | version |\n|---|---|\n| hugo | v0.165.0 |\n| pagefind | 1.6.0 |\n"},
		{"pipes escaped", []string{"a", "b"}, [][]string{{"x|y", "1"}}, 1,
			"| a | b |\n|---|---:|\n| x\\|y | 1 |\n"},
		{"no rows", []string{"a"}, nil, 1, "| a |\n|---|\n"},
	} {
		if got := mdTable(c.header, c.rows, c.left); got != c.want {
			t.Errorf("%s:\n%s\nwant\n%s", c.name, got, c.want)
		}
	}
}

func samples(walls ...float64) []Sample {
	var out []Sample
	for _, w := range walls {
		d := time.Duration(w * float64(time.Second))
		out = append(out, Sample{Wall: d, User: d, MaxRSSKB: int64(w * 1024), Files: 10})
	}
	return out
}

func TestToolTable(t *testing.T) {
	rows := map[string][]Sample{"hubgen": samples(1, 3, 2), "hugo": samples(4)}
	got := toolTable(rows, []string{"hubgen", "absent", "hugo"})
	lines := strings.Split(strings.TrimSpace(got), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines, want header, rule and two rows:\n%s", len(lines), got)
	}
	if !strings.HasPrefix(lines[2], "| hubgen | 2.00 (1.00–3.00) | 2.00 (1.00–3.00) | 2.00 (1.00–3.00) | 0.00 (0.00–0.00) | 2 (1–3) | 10 (10–10) |") {
		t.Errorf("hubgen's row: %s", lines[2])
	}
	if !strings.HasPrefix(lines[3], "| hugo | 4.00 | ") {
		t.Errorf("hugo's row: %s", lines[3])
	}
}

func TestRatioTable(t *testing.T) {
	rows := map[string]map[string][]Sample{
		"disk":  {"hubgen": samples(1, 2, 3), "hugo": samples(4, 4, 4), "hubgen, rebuild": samples(0.04, 0.1, 0.15)},
		"tmpfs": {"hubgen": samples(1), "hugo": samples(2)},
	}
	lines := []ratioLine{
		{"time", "hubgen", "hugo", wall, Target{0.30}},
		{"rebuild", "hubgen, rebuild", "hubgen", wall, Target{0.05}},
		{"cpu", "hubgen", "hugo", cpu, Target{}},
		{"nothing", "x", "y", wall, Target{}},
	}
	got := ratioTable([]string{"disk", "tmpfs"}, rows, lines)
	want := "| ratio | disk | tmpfs | target |\n|---|---:|---:|---:|\n" +
		"| time | 0.50 (0.25–0.75) ✗ | 0.50 ✗ | ≤ 0.30 |\n" +
		"| rebuild | 0.05 (0.04–0.05) ✓ | – | ≤ 0.05 |\n" +
		"| cpu | 0.50 (0.25–0.75) | 0.50 | – |\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if got := ratioTable([]string{"disk"}, rows, lines[3:]); got != "" {
		t.Errorf("no figures: %q", got)
	}
}

func TestPhaseTable(t *testing.T) {
	a := []Sample{{Phases: map[string]float64{"load": 10, "total": 100}}, {Phases: map[string]float64{"load": 30, "total": 120}}}
	b := []Sample{{Phases: map[string]float64{"total": 50}}}
	got := phaseTable([]string{"load", "total"}, []string{"disk: hubgen", "tmpfs: hubgen"}, [][]Sample{a, b})
	want := "| phase (ms) | disk: hubgen | tmpfs: hubgen |\n|---|---:|---:|\n| load | 20 (10–30) | – |\n| total | 110 (100–120) | 50 |\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestMachineParsing(t *testing.T) {
	cpuinfo := "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13\nprocessor\t: 1\nmodel name\t: AMD EPYC 7B13\n"
	if got := cpuModel(cpuinfo); got != "AMD EPYC 7B13" {
		t.Errorf("cpuModel = %q", got)
	}
	if got := cpuModel("processor: 0\n"); got != "" {
		t.Errorf("cpuModel without a model = %q", got)
	}
	if got := memTotalKB("MemTotal:       24683548 kB\nMemFree:  1 kB\n"); got != 24683548 {
		t.Errorf("memTotalKB = %d", got)
	}
	if got := memTotalKB("MemFree: 1 kB\n"); got != 0 {
		t.Errorf("memTotalKB without MemTotal = %d", got)
	}
}

// TestHubgenUnit runs a hubgen unit with a stand-in binary: a full build
// and a rebuild into the same destination, both measured, the search index
// counted, the phases read, the news item changed for the rebuild only and
// restored after it.
func TestHubgenUnit(t *testing.T) {
	exe := helper(t, "hubgen")
	work := t.TempDir()
	src := filepath.Join(work, "src")
	news := filepath.Join(src, "content", "news", "gen-000000.pl.md")
	os.MkdirAll(filepath.Dir(news), 0o755)
	os.WriteFile(news, []byte("---\ntitle: x\n---\nText.\n"), 0o644)

	r := &report{config: config{runs: 1}}
	b := &bencher{ctx: context.Background(), logf: t.Logf, res: r, edit: news, rebuild: true}
	kind := destKind{name: "disk", root: filepath.Join(work, "out")}
	u := b.hubgenUnit(Tool{Name: toolHubgen, Path: exe, Timings: true}, src, toolHubgen, true)
	if err := u(0, kind, true); err != nil {
		t.Fatal(err)
	}
	full, re := r.rows["disk"][toolHubgen], r.rows["disk"][rowRebuild(toolHubgen)]
	if len(full) != 1 || len(re) != 1 {
		t.Fatalf("rows %v", r.rows)
	}
	for _, s := range []Sample{full[0], re[0]} {
		if s.Files != 3 || s.IndexFiles != 1 || s.Phases["render"] != 2 || s.Wall <= 0 {
			t.Errorf("sample %+v", s)
		}
	}
	if got := strings.Join(r.phases, " "); got != "load render total" {
		t.Errorf("phases %q", got)
	}
	out, err := os.ReadFile(filepath.Join(kind.root, "hubgen", "public", "news.md"))
	if err != nil || !strings.Contains(string(out), addedSentence) {
		t.Errorf("the rebuild did not see the changed news item: %q, %v", out, err)
	}
	if data, _ := os.ReadFile(news); string(data) != "---\ntitle: x\n---\nText.\n" {
		t.Errorf("the news item was not restored: %q", data)
	}
	// Without keep, the outputs go once measured.
	if err := u(0, kind, false); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(kind.root, "hubgen")); !os.IsNotExist(err) {
		t.Errorf("the output is still there: %v", err)
	}
}

func TestRatioLinesTargets(t *testing.T) {
	r := &report{config: config{pairs: 10000, scale: 100000}, hugoRef: toolHugo165}
	targets := map[string]float64{}
	for _, l := range r.ratioLines() {
		targets[l.num+" / "+l.den+" "+l.what[:4]] = l.target.Max
	}
	for key, want := range map[string]float64{
		"hubgen / hugo-0.165 wall":              0.30,
		"hubgen / hugo-0.165 peak":              0.5,
		"hubgen, rebuild / hubgen rebu":         0.05,
		"hubgen, 100000 pairs / hubgen wall":    11,
		"hubgen / hugo-0.165 + pagefind wall":   0,
		"hugo-0.165, rebuild / hugo-0.165 rebu": 0,
	} {
		if got, ok := targets[key]; !ok || math.Abs(got-want) > 1e-9 {
			t.Errorf("%s: target %v (listed: %v), want %v", key, got, ok, want)
		}
	}
}

// TestMarkdown writes a whole report from made-up samples: the tables of
// each destination kind, the phases, the ratios with their verdicts, and
// what it says when hubgen reports no phases.
func TestMarkdown(t *testing.T) {
	r := &report{config: config{pairs: 10, runs: 2, seed: 1, command: "go run ./bench/build -pairs 10"}, hugoRef: toolHugo165,
		kinds: []destKind{{name: "disk", fs: "ext4"}, {name: "tmpfs", fs: "tmpfs"}}}
	r.tool(Tool{Name: toolHubgen, Version: "commit abc", Timings: true}, "")
	r.tool(Tool{Name: toolHugoDebian}, "not found: install Debian's with `apt-get install -y hugo`")
	r.tool(Tool{Name: toolHugo165, Version: "hugo v0.165.0"}, "")
	for _, k := range []string{"disk", "tmpfs"} {
		for i := 0; i < 2; i++ {
			s := samples(2)[0]
			s.Phases = map[string]float64{"load": 100, "total": 2000}
			r.add(k, toolHubgen, s)
			r.add(k, toolHugo165, samples(8)[0])
		}
	}
	r.phaseNames([]string{"load", "total"})
	md := r.markdown()
	for _, want := range []string{
		"```\ngo run ./bench/build -pairs 10\n```",
		"| hugo-debian | not run: not found: install Debian's with `apt-get install -y hugo` |",
		"## Destination on disk (ext4)",
		"## Destination on tmpfs (tmpfs)",
		"| hubgen | 2.00 (2.00–2.00) |",
		"| load | 100 (100–100) | 100 (100–100) |",
		"| wall time: hubgen (pages + search index) / hugo-0.165 (pages) | 0.25 (0.25–0.25) ✓ | 0.25 (0.25–0.25) ✓ | ≤ 0.30 |",
		"| peak RSS: hubgen / hugo-0.165 | 0.25 (0.25–0.25) ✓ |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the report lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "rebuild after one changed file") {
		t.Error("a ratio line without figures is printed")
	}
	r.phases = nil
	if md := r.markdown(); !strings.Contains(md, "phases: not reported") {
		t.Errorf("without phases:\n%s", md)
	}
}
