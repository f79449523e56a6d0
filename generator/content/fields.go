package content

import (
	"fmt"
	"strings"
	"time"

	"hubgen/generator/diag"
)

// fields reads typed values out of decoded front matter, reporting a wrong
// type or a missing required key at the key's line.
type fields struct {
	m    *matter
	path string
	ds   *diag.List
}

// lookup finds a possibly dotted key ("act.type").
func (f fields) lookup(key string) (any, bool) {
	var cur any = f.m.Values
	for {
		part, rest, nested := strings.Cut(key, ".")
		mp, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = mp[part]; !ok {
			return nil, false
		}
		if !nested {
			return cur, true
		}
		key = rest
	}
}

func (f fields) fail(key, format string, args ...any) {
	l, c := f.m.keyPos(key)
	f.ds.Errorf(f.path, l, c, format, args...)
}

func (f fields) missing(key string) {
	if i := strings.LastIndexByte(key, '.'); i >= 0 {
		l, c := f.m.keyPos(key[:i])
		f.ds.Errorf(f.path, l, c, "missing required key %q in %q", key[i+1:], key[:i])
		return
	}
	line := f.m.RawLine
	if line > 1 {
		line-- // the opening delimiter
	}
	f.ds.Errorf(f.path, line, 1, "missing required key %q in the front matter", key)
}

func (f fields) str(key string, required bool) string {
	v, ok := f.lookup(key)
	if !ok || v == nil {
		if required {
			f.missing(key)
		}
		return ""
	}
	switch t := v.(type) {
	case string:
		if required && strings.TrimSpace(t) == "" {
			f.fail(key, "%q must not be empty", key)
		}
		return strings.TrimSpace(t)
	case int, int64, float64, bool:
		return fmt.Sprint(t)
	}
	f.fail(key, "%q must be text, not %s", key, typeName(v))
	return ""
}

// dateLayouts are the forms a date may be written in: the portal's own
// (YYYY-MM-DD, RFC 3339, YYYY-MM) and every other form Hugo accepts, so
// that pages moved from a Hugo site keep their dates. A form with a time
// zone name keeps its offset as written.
var dateLayouts = []string{
	"2006-01-02", time.RFC3339, time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01",
	"2006-01-02T15:04", "2006-01-02 15:04", "2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04:05-0700", "2006-01-02 15:04:05-07:00", "2006-01-02 15:04:05 -07:00", "2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05Z0700", "2006-01-02 15:04:05.999999999 -0700 MST",
	time.RFC1123Z, time.RFC1123, time.RFC822Z, time.RFC822, time.RFC850, time.ANSIC, time.UnixDate, time.RubyDate,
	"02 Jan 2006", "2 Jan 2006", "2 January 2006", "January 2, 2006", "Jan 2, 2006", "Jan 2 2006",
}

func (f fields) date(key string, required bool) time.Time {
	v, ok := f.lookup(key)
	if !ok || v == nil {
		if required {
			f.missing(key)
		}
		return time.Time{}
	}
	var d time.Time
	switch t := v.(type) {
	case time.Time:
		if t.Location().String() == tomlLocalTime {
			f.fail(key, "%q: %s is a time of day without a date (write YYYY-MM-DD, or YYYY-MM-DDThh:mm:ss)", key, t.Format("15:04:05"))
			return time.Time{}
		}
		d = t
	case string:
		parsed := false
		for _, layout := range dateLayouts {
			if p, err := time.Parse(layout, strings.TrimSpace(t)); err == nil {
				d, parsed = p, true
				break
			}
		}
		if !parsed {
			f.fail(key, "%q: %q is not a date (write YYYY-MM-DD or an RFC 3339 time such as 2025-11-27T09:30:00+01:00)", key, t)
			return time.Time{}
		}
	default:
		f.fail(key, "%q must be a date (YYYY-MM-DD), not %s", key, typeName(v))
		return time.Time{}
	}
	// Year 1 is the zero time, which means "no date" to the rest of the
	// engine; years 0 and 1 are placeholders, never a page's real date.
	if d.Year() < 2 {
		f.fail(key, "%q: %s is not a real date (write the year in full, e.g. 2025-11-27)", key, d.Format("2006-01-02"))
		return time.Time{}
	}
	return d
}

// tomlLocalTime is the location BurntSushi/toml gives a TOML local time
// (07:32:00), which has no date: its year is 0.
const tomlLocalTime = "time-local"

func (f fields) boolean(key string) bool {
	v, ok := f.lookup(key)
	if !ok || v == nil {
		return false
	}
	b, isBool := v.(bool)
	if !isBool {
		f.fail(key, "%q must be true or false, not %s", key, typeName(v))
	}
	return b
}

func (f fields) integer(key string) int {
	v, ok := f.lookup(key)
	if !ok || v == nil {
		return 0
	}
	switch t := v.(type) {
	case int:
		return t
	case int64:
		return int(t)
	case float64:
		if t == float64(int(t)) {
			return int(t)
		}
	}
	f.fail(key, "%q must be a whole number, not %s", key, typeName(v))
	return 0
}

func (f fields) list(key string) []string {
	v, ok := f.lookup(key)
	if !ok || v == nil {
		return nil
	}
	switch t := v.(type) {
	case string:
		return []string{t}
	case []any:
		out := make([]string, 0, len(t))
		for _, x := range t {
			s, isStr := x.(string)
			if !isStr {
				f.fail(key, "%q must be a list of texts; found %s", key, typeName(x))
				return nil
			}
			out = append(out, strings.TrimSpace(s))
		}
		return out
	}
	f.fail(key, "%q must be a list, not %s", key, typeName(v))
	return nil
}

func (f fields) table(key string, required bool) map[string]any {
	v, ok := f.lookup(key)
	if !ok || v == nil {
		if required {
			f.missing(key)
		}
		return nil
	}
	m, isMap := v.(map[string]any)
	if !isMap {
		f.fail(key, "%q must be a table of keys, not %s", key, typeName(v))
	}
	return m
}

// partners reads a list of {name, country} tables (or plain names).
func (f fields) partners(key string) []Partner {
	v, ok := f.lookup(key)
	if !ok || v == nil {
		return nil
	}
	items, isList := v.([]any)
	if !isList {
		f.fail(key, "%q must be a list of {name, country}", key)
		return nil
	}
	var out []Partner
	for _, it := range items {
		switch t := it.(type) {
		case string:
			out = append(out, Partner{Name: t})
		case map[string]any:
			name, _ := t["name"].(string)
			country, _ := t["country"].(string)
			if name == "" {
				f.fail(key, "every entry of %q needs a name", key)
				continue
			}
			out = append(out, Partner{Name: name, Country: country})
		default:
			f.fail(key, "%q must be a list of {name, country}; found %s", key, typeName(it))
		}
	}
	return out
}

func typeName(v any) string {
	switch v.(type) {
	case string:
		return "text"
	case []any:
		return "a list"
	case map[string]any:
		return "a table"
	case bool:
		return "true/false"
	case int, int64, float64:
		return "a number"
	case time.Time:
		return "a date"
	case nil:
		return "nothing"
	}
	return fmt.Sprintf("%T", v)
}
