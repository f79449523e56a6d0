package cli

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	"hubgen/generator/config"
	"hubgen/generator/diag"
	"hubgen/generator/site"
)

// shownPerKind is how many warnings (or notes) of one kind the text report
// prints before it sums up the rest; --all prints every one.
const shownPerKind = 10

// printReport prints a run's problems. As GitHub annotations, every one.
// As text: errors first, then warnings and then notes grouped by kind (the
// first shownPerKind of a kind, and a line counting the rest, unless all),
// so that a few errors are not buried under a thousand warnings.
func printReport(w io.Writer, l *diag.List, format string, all bool) {
	if l == nil {
		return
	}
	items := l.Items()
	if format == "github" {
		for _, d := range items {
			fmt.Fprintln(w, d.GitHub())
		}
		return
	}
	for _, d := range items {
		if d.Severity == diag.Error {
			fmt.Fprintln(w, d.String())
		}
	}
	for _, sev := range []diag.Severity{diag.Warning, diag.Note} {
		byKind := map[string][]diag.Diagnostic{}
		var kinds []string
		for _, d := range items {
			if d.Severity != sev {
				continue
			}
			if byKind[d.Kind] == nil {
				kinds = append(kinds, d.Kind)
			}
			byKind[d.Kind] = append(byKind[d.Kind], d)
		}
		sort.Strings(kinds)
		for _, k := range kinds {
			list := byKind[k]
			shown := list
			if !all && len(list) > shownPerKind {
				shown = list[:shownPerKind]
			}
			for _, d := range shown {
				fmt.Fprintln(w, d.String())
			}
			if rest := len(list) - len(shown); rest > 0 {
				fmt.Fprintf(w, "hubgen: … and %d more %ss [%s] (--all prints them; --ignore %s or ignore = [%q] under [warnings] in config.toml silences them)\n", rest, sev, k, k, k)
			}
		}
	}
}

// summary counts a run's problems for its last line: "2 errors, 1,204
// warnings (1,200 unknown-key, 4 no-translation), 3 notes".
func summary(l *diag.List, silenced int) string {
	var parts []string
	for _, sev := range []diag.Severity{diag.Error, diag.Warning, diag.Note} {
		n := l.Count(sev)
		if n == 0 && sev != diag.Warning {
			continue
		}
		s := plural(n, sev.String())
		if sev != diag.Error && n > 0 {
			counts := map[string]int{}
			for _, d := range l.Items() {
				if d.Severity == sev {
					counts[d.Kind]++
				}
			}
			var kinds []string
			for k, c := range counts {
				kinds = append(kinds, fmt.Sprintf("%d %s", c, k))
			}
			sort.Strings(kinds)
			s += " (" + strings.Join(kinds, ", ") + ")"
		}
		parts = append(parts, s)
	}
	if silenced > 0 {
		parts = append(parts, fmt.Sprintf("%d silenced", silenced))
	}
	return strings.Join(parts, ", ")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// perLanguage is "pl 16, en 16".
func perLanguage(langs []site.LangPages) string {
	var parts []string
	for _, l := range langs {
		parts = append(parts, fmt.Sprintf("%s %d", l.Lang, l.Pages))
	}
	return strings.Join(parts, ", ")
}

// topicsToAdd writes the [topics] entries of config.toml for the topics
// that tags brought (each named with its tag; an editor translates them).
func topicsToAdd(w io.Writer, topics []config.Topic, langs []site.LangPages) {
	if len(topics) == 0 {
		return
	}
	fmt.Fprintf(w, "hubgen: %s not in config.toml's [topics] built as topics of their own; to name them in every language, add to config.toml:\n", plural(len(topics), "tag"))
	for _, t := range topics {
		fmt.Fprintf(w, "\n[topics.%s]\n", tomlKey(t.Key))
		for _, l := range langs {
			fmt.Fprintf(w, "%s = %q\n", l.Lang, t.Names[l.Lang])
		}
	}
	fmt.Fprintln(w)
}

// tomlKey writes a key of a TOML table bare when it can be, else quoted.
func tomlKey(k string) string {
	for _, r := range k {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return fmt.Sprintf("%q", k)
		}
	}
	return k
}

// ignoreKinds parses --ignore's comma-separated kinds; it returns an error
// naming a kind that does not exist.
func ignoreKinds(s string) ([]string, error) {
	var out []string
	for _, k := range strings.Split(s, ",") {
		k = strings.TrimSpace(k)
		if k == "" {
			continue
		}
		known := false
		for _, x := range diag.Kinds() {
			known = known || x == k
		}
		if !known {
			return nil, fmt.Errorf("--ignore: unknown kind %q (kinds: %s)", k, strings.Join(diag.Kinds(), ", "))
		}
		out = append(out, k)
	}
	return out, nil
}

// progress shows the stage a build is in. On a terminal, once the build
// has run for a second, one line rewritten in place ("hubgen: render…
// 3.2 s"), cleared at the end; elsewhere (CI logs) a plain line for each
// stage that starts after the first second.
type progress struct {
	w        io.Writer
	terminal bool
	start    time.Time

	mu    sync.Mutex
	stage string
	shown bool
	stop  chan struct{}
	done  chan struct{}
}

// newProgress starts the progress of a build writing to w.
func newProgress(w io.Writer) *progress {
	p := &progress{w: w, terminal: isTerminal(w), start: time.Now(), stage: "setup", stop: make(chan struct{}), done: make(chan struct{})}
	go p.tick()
	return p
}

// Stage is site.Options.Progress.
func (p *progress) Stage(name string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stage = name
	if !p.terminal && time.Since(p.start) > time.Second {
		fmt.Fprintf(p.w, "hubgen: %s…\n", name)
	}
}

func (p *progress) tick() {
	defer close(p.done)
	t := time.NewTicker(250 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-t.C:
			if !p.terminal || time.Since(p.start) < time.Second {
				continue
			}
			p.mu.Lock()
			fmt.Fprintf(p.w, "\r\x1b[Khubgen: %s… %.1f s", p.stage, time.Since(p.start).Seconds())
			p.shown = true
			p.mu.Unlock()
		}
	}
}

// End stops the progress and clears its line.
func (p *progress) End() {
	close(p.stop)
	<-p.done
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
