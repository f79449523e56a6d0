// Package diag holds the problems a build finds in its input: each names a
// file, a line and a column where the input has them, and a message an editor
// can act on. All packages of the engine report through it so that one run
// lists every problem, not just the first.
package diag

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Severity tells whether a problem stops the build.
type Severity int

const (
	// Error stops the build: exit status 1, previous output untouched.
	Error Severity = iota
	// Warning is printed but does not stop `build`.
	Warning
	// Note tells something an editor may not expect and that is not a
	// mistake (a draft left out of the site); `check` prints notes.
	Note
)

func (s Severity) String() string {
	switch s {
	case Warning:
		return "warning"
	case Note:
		return "note"
	}
	return "error"
}

// Kinds of warnings and notes, for grouping them and silencing a kind
// (`--ignore`, or ignore under [warnings] in config.toml).
const (
	KindUnknownKey    = "unknown-key"    // a front matter key no layout reads
	KindUnknownTag    = "unknown-tag"    // a tag that is not in [topics]: it builds as a topic of its own
	KindNoTranslation = "no-translation" // a page without a version in another language
	KindActParts      = "act-parts"      // language versions of an act with different parts
	KindActReference  = "act-reference"  // a reference to a part of an act that cannot be followed
	KindUnpublished   = "unpublished"    // a draft, or a page dated in the future
	KindGit           = "git"            // page dates from git cannot be used
	KindRawHTML       = "raw-html"       // HTML in Markdown, which is not published
	KindUnusedFile    = "unused-file"    // a file under content/ that is neither a page nor in a page bundle
	KindImageAlt      = "image-alt"      // an image without alternative text
)

// Kinds returns every kind of warning and note.
func Kinds() []string {
	return []string{KindActParts, KindActReference, KindGit, KindImageAlt, KindNoTranslation, KindRawHTML, KindUnknownKey, KindUnknownTag, KindUnpublished, KindUnusedFile}
}

// Diagnostic is one problem in one place.
type Diagnostic struct {
	Path     string // slash-separated path relative to the source directory
	Line     int    // 1-based; 0 for the whole file (printed as line 1)
	Col      int    // 1-based; 0 when unknown (printed as column 1)
	Severity Severity
	Msg      string
	Kind     string // a warning's or a note's kind (see Kinds), "" for errors
}

// String renders the diagnostic as `path:line:col: message`, marking
// warnings. A problem of the whole file (no line) is at line 1, column 1,
// and one without a column at column 1, so that every line of output has
// the position editors and tools look for. A path with control characters
// or bytes that are not UTF-8 is written quoted (strconv.Quote), so that a
// file name cannot start a line of output of its own.
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(quotePath(d.Path))
	line, col := d.position()
	fmt.Fprintf(&b, ":%d:%d: ", line, col)
	if d.Severity != Error {
		b.WriteString(d.Severity.String())
		b.WriteString(": ")
	}
	b.WriteString(d.Msg)
	if d.Kind != "" {
		b.WriteString(" [")
		b.WriteString(d.Kind)
		b.WriteByte(']')
	}
	return b.String()
}

// position is where the diagnostic points: line 1, column 1 for the whole
// file, column 1 for a whole line.
func (d Diagnostic) position() (line, col int) {
	if d.Line < 1 {
		return 1, 1
	}
	return d.Line, max(d.Col, 1)
}

// quotePath returns path as it is, or quoted when it holds a control
// character (C0, DEL or C1) or a byte that is not UTF-8.
func quotePath(path string) string {
	for i := 0; i < len(path); {
		r, size := utf8.DecodeRuneInString(path[i:])
		if unicode.IsControl(r) || r == utf8.RuneError && size == 1 {
			return strconv.Quote(path)
		}
		i += size
	}
	return path
}

// GitHub renders the diagnostic as a GitHub Actions workflow command, so that
// CI annotates the offending line in a pull request; a problem of the whole
// file annotates its first line.
func (d Diagnostic) GitHub() string {
	esc := strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	escProp := strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
	level := d.Severity.String()
	if d.Severity == Note {
		level = "notice"
	}
	s := "::" + level + " file=" + escProp.Replace(d.Path)
	switch {
	case d.Line < 1:
		s += ",line=1,col=1"
	case d.Col > 0:
		s += fmt.Sprintf(",line=%d,col=%d", d.Line, d.Col)
	default:
		s += fmt.Sprintf(",line=%d", d.Line)
	}
	return s + "::" + esc.Replace(d.Msg)
}

// List collects diagnostics. The zero value is ready to use; it is not safe
// for concurrent use (collect per goroutine and Merge).
type List struct {
	items []Diagnostic
}

// Errorf adds an error at path:line:col.
func (l *List) Errorf(path string, line, col int, format string, args ...any) {
	l.items = append(l.items, Diagnostic{Path: path, Line: line, Col: col, Severity: Error, Msg: fmt.Sprintf(format, args...)})
}

// Warnf adds a warning of a kind (see Kinds) at path:line:col.
func (l *List) Warnf(kind, path string, line, col int, format string, args ...any) {
	l.items = append(l.items, Diagnostic{Path: path, Line: line, Col: col, Severity: Warning, Msg: fmt.Sprintf(format, args...), Kind: kind})
}

// Notef adds a note of a kind (see Kinds) at path:line:col.
func (l *List) Notef(kind, path string, line, col int, format string, args ...any) {
	l.items = append(l.items, Diagnostic{Path: path, Line: line, Col: col, Severity: Note, Msg: fmt.Sprintf(format, args...), Kind: kind})
}

// Without returns the list without the warnings and notes of the kinds
// ignored; errors are always kept.
func (l *List) Without(ignored map[string]bool) *List {
	out := &List{}
	for _, d := range l.items {
		if d.Severity == Error || !ignored[d.Kind] {
			out.items = append(out.items, d)
		}
	}
	return out
}

// Count returns how many diagnostics have the severity.
func (l *List) Count(s Severity) int {
	n := 0
	for _, d := range l.items {
		if d.Severity == s {
			n++
		}
	}
	return n
}

// Add appends diagnostics.
func (l *List) Add(ds ...Diagnostic) { l.items = append(l.items, ds...) }

// Merge appends all of other's diagnostics.
func (l *List) Merge(other *List) {
	if other != nil {
		l.items = append(l.items, other.items...)
	}
}

// Items returns the diagnostics sorted by path, line, column and message, so
// that output is the same from run to run whatever the order of discovery.
func (l *List) Items() []Diagnostic {
	out := append([]Diagnostic(nil), l.items...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return a.Msg < b.Msg
	})
	return out
}

// HasErrors reports whether any diagnostic is an error.
func (l *List) HasErrors() bool {
	for _, d := range l.items {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Len returns the number of diagnostics.
func (l *List) Len() int { return len(l.items) }

// Err returns nil when the list holds no errors, and otherwise an error whose
// text is every error, one `path:line:col: message` per line.
func (l *List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return &Errors{Items: l.Items()}
}

// Errors is the error a failed build returns: every diagnostic of the run.
type Errors struct {
	Items []Diagnostic
}

func (e *Errors) Error() string {
	var lines []string
	for _, d := range e.Items {
		if d.Severity == Error {
			lines = append(lines, d.String())
		}
	}
	return strings.Join(lines, "\n")
}

// LineCol converts a byte offset in src to a 1-based line and a 1-based
// column counted in characters (runes), as editors count them.
func LineCol(src []byte, off int) (line, col int) {
	if off > len(src) {
		off = len(src)
	}
	line = 1
	start := 0
	for i := 0; i < off; i++ {
		if src[i] == '\n' {
			line++
			start = i + 1
		}
	}
	return line, len([]rune(string(src[start:off]))) + 1
}
