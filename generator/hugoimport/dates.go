package hugoimport

import (
	"fmt"
	"strings"
	"time"
)

// dateLayout is a layout Hugo reads dates in (spf13/cast's list, the one
// Hugo uses) and whether it carries a time of day.
type dateLayout struct {
	layout string
	clock  bool
}

// dateLayouts returns every form Hugo accepts for a date in front matter,
// in the order Hugo tries them.
func dateLayouts() []dateLayout {
	return []dateLayout{
		{time.RFC3339, true},
		{time.RFC3339Nano, true},
		{"2006-01-02T15:04:05", true},
		{"2006-01-02T15:04:05.999999999", true},
		{time.RFC1123Z, true},
		{time.RFC1123, true},
		{time.RFC822Z, true},
		{time.RFC822, true},
		{time.RFC850, true},
		{"2006-01-02 15:04:05.999999999 -0700 MST", true},
		{"2006-01-02T15:04:05-0700", true},
		{"2006-01-02 15:04:05Z0700", true},
		{"2006-01-02 15:04:05", true},
		{time.ANSIC, true},
		{time.UnixDate, true},
		{time.RubyDate, true},
		{"2006-01-02 15:04:05Z07:00", true},
		{"2006-01-02", false},
		{"02 Jan 2006", false},
		{"2 Jan 2006", false},
		{"2 January 2006", false},
		{"January 2, 2006", false},
		{"Jan 2, 2006", false},
		{"2006-01-02 15:04:05 -07:00", true},
		{"2006-01-02 15:04:05 -0700", true},
		{"2006-01-02T15:04", true},
		{"2006-01-02 15:04", true},
	}
}

// hugoDate is a date read from Hugo front matter: the moment, and whether
// it was written with a time of day.
type hugoDate struct {
	t     time.Time
	clock bool
}

// format writes the date as hubgen reads it: YYYY-MM-DD without a time of
// day, RFC 3339 with one.
func (d hugoDate) format() string {
	if !d.clock {
		return d.t.Format("2006-01-02")
	}
	return d.t.Format(time.RFC3339Nano)
}

// parseDate reads a front matter date value: a string in any form Hugo
// accepts, or a native TOML or YAML date. Dates without a zone are in loc,
// as Hugo reads them in its timeZone (UTC by default).
func parseDate(v any, loc *time.Location) (hugoDate, error) {
	switch t := v.(type) {
	case time.Time:
		// BurntSushi/toml gives a local date or date-time (no offset) a
		// location of that name: Hugo reads them in its time zone.
		in := func() time.Time {
			return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc)
		}
		switch t.Location().String() {
		case "local-date", "date-local":
			return hugoDate{t: in()}, nil
		case "local-datetime", "datetime-local":
			return hugoDate{t: in(), clock: true}, nil
		case "local-time", "time-local":
			return hugoDate{}, fmt.Errorf("%s is a time without a date", t.Format("15:04:05"))
		}
		return hugoDate{t: t, clock: true}, nil
	case string:
		s := strings.TrimSpace(t)
		for _, l := range dateLayouts() {
			if p, err := time.ParseInLocation(l.layout, s, loc); err == nil {
				return hugoDate{t: p, clock: l.clock}, nil
			}
		}
		return hugoDate{}, fmt.Errorf("%q is not a date in any form Hugo reads", t)
	}
	return hugoDate{}, fmt.Errorf("%v is not a date (%T)", v, v)
}
