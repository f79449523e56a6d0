package content

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"reflect"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"

	"hubgen/generator/diag"
)

// referenceSplitMatter is how splitMatter read files before it split them
// itself and decoded plain YAML without yaml.v2: with adrg/frontmatter,
// every YAML text through yaml.v2 and yaml.v3. splitMatter must give what
// it gives, for every file (FuzzSplitMatterAsBefore).
func referenceSplitMatter(src []byte) (*matter, error) {
	if off := invalidUTF8(src); off >= 0 {
		l, c := diag.LineCol(src, off)
		return nil, &posError{l, c, fmt.Sprintf("the file is not valid UTF-8 text (byte 0x%02X here is not part of any character): save it with the UTF-8 encoding", src[off])}
	}
	m := &matter{Values: map[string]any{}}
	// Where does the front matter start? adrg/frontmatter skips blank lines.
	first, firstOff := 1, 0
	for firstOff < len(src) {
		end := bytes.IndexByte(src[firstOff:], '\n')
		if end < 0 {
			end = len(src) - firstOff
		}
		if len(bytes.TrimSpace(src[firstOff:firstOff+end])) > 0 {
			break
		}
		first++
		firstOff += end + 1
	}
	opener := ""
	if firstOff < len(src) {
		line := src[firstOff:]
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			line = line[:i]
		}
		opener = string(bytes.TrimSpace(line))
	}
	var decodeErr error
	capture := func(format string, unmarshal func([]byte, any) error, dataLine int) func([]byte, any) error {
		return func(data []byte, v any) error {
			m.Format, m.Raw, m.RawLine = format, data, dataLine
			if err := unmarshal(data, &m.Values); err != nil {
				decodeErr = locate(format, data, dataLine, err)
				return decodeErr
			}
			return nil
		}
	}
	formats := []*frontmatter.Format{
		frontmatter.NewFormat("---", "---", capture("yaml", yamlUnmarshal, first+1)),
		frontmatter.NewFormat("+++", "+++", capture("toml", toml.Unmarshal, first+1)),
		{Start: "{", End: "}", Unmarshal: capture("json", jsonUnmarshal, first), UnmarshalDelims: true, RequiresNewLine: true},
	}
	var sink map[string]any
	body, err := frontmatter.Parse(bytes.NewReader(src), &sink, formats...)
	if decodeErr != nil {
		return nil, decodeErr
	}
	if err != nil {
		return nil, fmt.Errorf("reading front matter: %w", err)
	}
	if m.Format == "" {
		switch opener {
		case "---", "+++":
			return nil, &posError{first, 1, fmt.Sprintf("front matter opened with %q is never closed", opener)}
		case "{":
			return nil, &posError{first, 1, "JSON front matter is never closed (a line with } followed by an empty line)"}
		}
	}
	m.Values = normalize(m.Values).(map[string]any)
	m.Body = body
	m.BodyLine = 1 + bytes.Count(src[:len(src)-len(body)], []byte("\n"))
	return m, nil
}

// sameValues tells whether two decoded values are equal, with their types
// (an int is not an int64), NaN equal to NaN.
func sameValues(a, b any) bool {
	if reflect.TypeOf(a) != reflect.TypeOf(b) {
		return false
	}
	switch x := a.(type) {
	case map[string]any:
		y := b.(map[string]any)
		if len(x) != len(y) || (x == nil) != (y == nil) {
			return false
		}
		for k, v := range x {
			w, ok := y[k]
			if !ok || !sameValues(v, w) {
				return false
			}
		}
		return true
	case []any:
		y := b.([]any)
		if len(x) != len(y) || (x == nil) != (y == nil) {
			return false
		}
		for i := range x {
			if !sameValues(x[i], y[i]) {
				return false
			}
		}
		return true
	case float64:
		y := b.(float64)
		return x == y || math.IsNaN(x) && math.IsNaN(y)
	}
	return reflect.DeepEqual(a, b)
}

// compareWithReference fails t when splitMatter and referenceSplitMatter
// read src differently.
func compareWithReference(t *testing.T, src []byte) {
	t.Helper()
	got, gerr := splitMatter(src)
	want, werr := referenceSplitMatter(src)
	if gerr != nil || werr != nil {
		var gp, wp *posError
		if !errors.As(gerr, &gp) || !errors.As(werr, &wp) || *gp != *wp {
			t.Fatalf("%q:\nerror %v\nwant  %v", src, gerr, werr)
		}
		return
	}
	if got.Format != want.Format || !bytes.Equal(got.Raw, want.Raw) || got.RawLine != want.RawLine ||
		!bytes.Equal(got.Body, want.Body) || got.BodyLine != want.BodyLine {
		t.Fatalf("%q:\ngot  %s %q line %d, body line %d %q\nwant %s %q line %d, body line %d %q", src,
			got.Format, got.Raw, got.RawLine, got.BodyLine, got.Body, want.Format, want.Raw, want.RawLine, want.BodyLine, want.Body)
	}
	if !sameValues(got.Values, want.Values) {
		t.Fatalf("%q:\nvalues %#v\nwant   %#v", src, got.Values, want.Values)
	}
}
