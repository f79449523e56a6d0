package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// report gathers what the benchmark found and writes it as Markdown.
type report struct {
	config
	started, finished time.Time
	work, workFS      string
	kinds             []destKind
	tools             []toolInfo
	notes             []string
	corpusTook        time.Duration
	corpusFiles       int64
	corpusBytes       int64
	scaleFiles        int64
	scaleBytes        int64
	hugoRef           string                         // the Hugo the ratios divide by: hugo-0.165, else hugo-debian
	pagefindOn        string                         // the Hugo whose output Pagefind indexes
	rows              map[string]map[string][]Sample // kind -> row -> one sample per run
	order             []string                       // rows in order of first appearance
	phases            []string                       // hubgen's phase names in the order it prints them
}

type toolInfo struct {
	Tool
	missing string // why it is not run, with how to get it
}

func (r *report) tool(t Tool, missing string) {
	r.tools = append(r.tools, toolInfo{Tool: t, missing: missing})
}

func (r *report) add(kind, row string, s Sample) {
	if r.rows == nil {
		r.rows = map[string]map[string][]Sample{}
	}
	if r.rows[kind] == nil {
		r.rows[kind] = map[string][]Sample{}
	}
	if !contains(r.order, row) {
		r.order = append(r.order, row)
	}
	r.rows[kind][row] = append(r.rows[kind][row], s)
}

// phaseNames notes phase names in the order the build printed them.
func (r *report) phaseNames(order []string) {
	for _, n := range order {
		if !contains(r.phases, n) {
			r.phases = append(r.phases, n)
		}
	}
}

// figure is one column of a tool's table: its name, how to get it from a
// sample and how many decimals to print.
type figure struct {
	name string
	get  func(Sample) float64
	dec  int
}

const mb = 1 << 20

var figures = []figure{
	{"wall s", func(s Sample) float64 { return s.Wall.Seconds() }, 2},
	{"CPU s (user+sys)", func(s Sample) float64 { return s.CPU().Seconds() }, 2},
	{"user s", func(s Sample) float64 { return s.User.Seconds() }, 2},
	{"sys s", func(s Sample) float64 { return s.Sys.Seconds() }, 2},
	{"peak RSS MB", func(s Sample) float64 { return float64(s.MaxRSSKB) / 1024 }, 0},
	{"files", func(s Sample) float64 { return float64(s.Files) }, 0},
	{"MB written", func(s Sample) float64 { return float64(s.Bytes) / mb }, 1},
	{"index files", func(s Sample) float64 { return float64(s.IndexFiles) }, 0},
	{"index MB", func(s Sample) float64 { return float64(s.IndexBytes) / mb }, 1},
}

// values is one figure of each sample.
func values(samples []Sample, get func(Sample) float64) []float64 {
	out := make([]float64, len(samples))
	for i, s := range samples {
		out[i] = get(s)
	}
	return out
}

// mdTable writes a Markdown table: the first left columns aligned left,
// the others (figures) right. "|" in cells is escaped.
func mdTable(header []string, rows [][]string, left int) string {
	var b strings.Builder
	esc := func(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
	line := func(cells []string) {
		b.WriteString("|")
		for _, c := range cells {
			b.WriteString(" " + esc(c) + " |")
		}
		b.WriteString("\n")
	}
	line(header)
	b.WriteString("|")
	for i := range header {
		if i < left {
			b.WriteString("---|")
		} else {
			b.WriteString("---:|")
		}
	}
	b.WriteString("\n")
	for _, r := range rows {
		line(r)
	}
	return b.String()
}

// toolTable is a destination kind's table: a row per tool (and rebuild,
// and combination), a column per figure, each cell the median (min–max).
func toolTable(rows map[string][]Sample, order []string) string {
	header := []string{"tool"}
	for _, f := range figures {
		header = append(header, f.name)
	}
	var cells [][]string
	for _, name := range order {
		samples, ok := rows[name]
		if !ok {
			continue
		}
		row := []string{name}
		for _, f := range figures {
			row = append(row, stat(values(samples, f.get), f.dec))
		}
		cells = append(cells, row)
	}
	return mdTable(header, cells, 1)
}

// phaseTable is hubgen's phases: a row per phase, a column per series that
// reported them (kind and row), each cell the median (min–max) in ms.
func phaseTable(phases []string, columns []string, series [][]Sample) string {
	header := append([]string{"phase (ms)"}, columns...)
	var cells [][]string
	for _, p := range phases {
		row := []string{p}
		for _, samples := range series {
			var xs []float64
			for _, s := range samples {
				if v, ok := s.Phases[p]; ok {
					xs = append(xs, v)
				}
			}
			row = append(row, stat(xs, 0))
		}
		cells = append(cells, row)
	}
	return mdTable(header, cells, 1)
}

// ratioCell is a ratio over the runs with its verdict: "0.42 (0.40–0.45) ✗".
func ratioCell(rs []float64, t Target) string {
	if len(rs) == 0 {
		return "–"
	}
	cell := stat(rs, 2)
	if v := t.verdict(median(rs)); v != "" {
		cell += " " + v
	}
	return cell
}

// ratioLine is one line of the ratios table: what it divides, a cell per
// destination kind, the target.
type ratioLine struct {
	what   string
	num    string // row of the numerator
	den    string // row of the denominator
	get    func(Sample) float64
	target Target
}

// ratioTable computes each line's run-by-run ratios per kind. Lines whose
// rows are missing in every kind are left out.
func ratioTable(kinds []string, rows map[string]map[string][]Sample, lines []ratioLine) string {
	header := append([]string{"ratio"}, kinds...)
	header = append(header, "target")
	var cells [][]string
	for _, l := range lines {
		row := []string{l.what}
		any := false
		for _, k := range kinds {
			num, den := rows[k][l.num], rows[k][l.den]
			if len(num) == 0 || len(den) == 0 {
				row = append(row, "–")
				continue
			}
			any = true
			row = append(row, ratioCell(ratios(values(num, l.get), values(den, l.get)), l.target))
		}
		if any {
			cells = append(cells, append(row, l.target.String()))
		}
	}
	if len(cells) == 0 {
		return ""
	}
	return mdTable(header, cells, 1)
}

func wall(s Sample) float64   { return s.Wall.Seconds() }
func cpu(s Sample) float64    { return s.CPU().Seconds() }
func rss(s Sample) float64    { return float64(s.MaxRSSKB) }
func nfiles(s Sample) float64 { return float64(s.Files) }

// ratioLines are the comparisons of issue 12.
func (r *report) ratioLines() []ratioLine {
	h := r.hugoRef
	lines := []ratioLine{
		{"wall time: hubgen (pages + search index) / " + h + " (pages)", toolHubgen, h, wall, Target{0.30}},
		{"wall time: hubgen / " + rowCombined(h), toolHubgen, rowCombined(h), wall, Target{}},
		{"CPU time: hubgen / " + h, toolHubgen, h, cpu, Target{}},
		{"CPU time: hubgen / " + rowCombined(h), toolHubgen, rowCombined(h), cpu, Target{}},
		{"peak RSS: hubgen / " + h, toolHubgen, h, rss, Target{0.5}},
		{"files: hubgen / " + h, toolHubgen, h, nfiles, Target{}},
		{"rebuild after one changed file / full build: hubgen", rowRebuild(toolHubgen), toolHubgen, wall, Target{0.05}},
		{"rebuild / full build: " + h + " (for reference)", rowRebuild(h), h, wall, Target{}},
		{"rebuild wall time: hubgen / " + h, rowRebuild(toolHubgen), rowRebuild(h), wall, Target{}},
	}
	if r.scale > 0 {
		lines = append(lines, ratioLine{fmt.Sprintf("wall time: hubgen %d pairs / %d pairs", r.scale, r.pairs), scaleRow(r.scale), toolHubgen, wall,
			Target{1.1 * float64(r.scale) / float64(r.pairs)}})
	}
	return lines
}

// machine describes the computer: CPU model, cores, memory, kernel.
func machine() string {
	cpu, mem, kernel := "unknown CPU", "", ""
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		if m := cpuModel(string(data)); m != "" {
			cpu = m
		}
	}
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		if kb := memTotalKB(string(data)); kb > 0 {
			mem = fmt.Sprintf(", %.1f GiB RAM", float64(kb)/(1<<20))
		}
	}
	if data, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		kernel = ", Linux " + strings.TrimSpace(string(data))
	}
	return fmt.Sprintf("%s, %d cores%s%s, %s/%s", cpu, runtime.NumCPU(), mem, kernel, runtime.GOOS, runtime.GOARCH)
}

// cpuModel is the first "model name" of /proc/cpuinfo.
func cpuModel(cpuinfo string) string {
	for _, line := range strings.Split(cpuinfo, "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// memTotalKB is MemTotal of /proc/meminfo, in kB.
func memTotalKB(meminfo string) int64 {
	for _, line := range strings.Split(meminfo, "\n") {
		if rest, ok := strings.CutPrefix(line, "MemTotal:"); ok {
			f := strings.Fields(rest)
			if len(f) > 0 {
				n, _ := strconv.ParseInt(f[0], 10, 64)
				return n
			}
		}
	}
	return 0
}

func loadAvg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

// markdown writes the report.
func (r *report) markdown() string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("# Full builds: hubgen beside Hugo\n\n")
	w("```\n%s\n```\n\n", r.command)
	w("- Date: %s (%s)\n", r.started.UTC().Format("2006-01-02 15:04 MST"), r.finished.Sub(r.started).Round(time.Second))
	w("- Machine: %s; load average at the end %s\n", machine(), loadAvg())
	w("- Work directory: %s (%s)", r.work, r.workFS)
	for _, k := range r.kinds {
		if k.name == "tmpfs" {
			w("; tmpfs destinations under %s (%s)", k.root, k.fs)
		}
	}
	w("\n")
	w("- Corpus: %d translation pairs (seed %d): %d Markdown files, %.1f MB under content/ (generated in %s)\n",
		r.pairs, r.seed, r.corpusFiles, float64(r.corpusBytes)/1e6, r.corpusTook.Round(time.Millisecond))
	if r.scale > 0 {
		w("- Scale corpus: %d pairs: %d Markdown files, %.1f MB (hubgen only)\n", r.scale, r.scaleFiles, float64(r.scaleBytes)/1e6)
	}
	w("- Runs: %d, interleaved: in run i every tool builds once, in an order rotated by i, each into a fresh destination (deleted before, outside the timing)", r.runs)
	if r.rebuild {
		w("; with -rebuild each tool then builds again into its output after a sentence is appended to one news item")
	}
	w(".\n\n")
	var trows [][]string
	for _, t := range r.tools {
		v := t.Version
		if t.missing != "" {
			v = "not run: " + t.missing
		} else if t.Name == toolHubgen {
			v += fmt.Sprintf("; build --timings: %v", map[bool]string{true: "yes", false: "no"}[t.Timings])
		} else if t.Name == toolPagefind && r.pagefindOn != "" {
			v += "; indexes " + r.pagefindOn + "'s output"
		}
		trows = append(trows, []string{t.Name, v})
	}
	w("%s\n", mdTable([]string{"tool", "version"}, trows, 2))
	for _, n := range r.notes {
		w("> %s\n\n", n)
	}
	w("Each figure is the median over the runs, with the smallest and largest in brackets. CPU time and peak RSS are the process's (getrusage of the child: user and system time, ru_maxrss); files and MB are what the destination holds after the run; the index is hubgen's `search/` or Pagefind's `pagefind/`. Rows `+ pagefind` add Pagefind's run to Hugo's (times add up, the peak is the larger one); a Hugo rebuild's destination still holds Pagefind's index of the full build.\n\n")
	var kinds []string
	for _, k := range r.kinds {
		kinds = append(kinds, k.name)
		w("## Destination on %s (%s)\n\n%s\n", k.name, k.fs, toolTable(r.rows[k.name], r.order))
	}
	w("## hubgen's phases\n\n")
	var cols []string
	var series [][]Sample
	for _, k := range r.kinds {
		for _, row := range r.order {
			if s := r.rows[k.name][row]; len(s) > 0 && s[0].Phases != nil {
				cols = append(cols, k.name+": "+row)
				series = append(series, s)
			}
		}
	}
	if len(series) == 0 || len(r.phases) == 0 {
		w("phases: not reported (this hubgen prints no `hubgen: timings:` line)\n\n")
	} else {
		w("As `hubgen build --timings` prints them (medians in ms, min–max).\n\n%s\n", phaseTable(r.phases, cols, series))
	}
	if t := ratioTable(kinds, r.rows, r.ratioLines()); t != "" {
		w("## Ratios\n\n")
		if r.hugoRef != "" {
			w("Hugo's figures are %s's. ", r.hugoRef)
		}
		w("Run by run (each ratio divides two figures of the same run), then the median and range of those ratios; ✓ meets the target of issue 12, ✗ misses it.\n\n%s\n", t)
	}
	if r.scale > 0 {
		w("Peak RSS of hubgen at %d pairs: ", r.scale)
		var cells []string
		for _, k := range r.kinds {
			xs := values(r.rows[k.name][scaleRow(r.scale)], func(s Sample) float64 { return float64(s.MaxRSSKB) / (1 << 20) })
			cell := k.name + " " + stat(xs, 2) + " GB"
			if v := (Target{6}).verdict(median(xs)); v != "" && r.scale >= 100000 {
				cell += " " + v
			}
			cells = append(cells, cell)
		}
		w("%s (issue 12's target, at 100,000 pairs: ≤ 6 GB).\n\n", strings.Join(cells, "; "))
	}
	return b.String()
}
