package content

import (
	"strings"
	"testing"
	"time"

	"hubgen/generator/diag"
)

// actFile is an act's file with the given lines of its act table.
func actFile(lines string) string {
	return "---\ntitle: A\ndate: 2023-06-19\nact:\n  type: \"Decyzja Rady (WPZiB)\"\n  number: \"2023/1187\"\n" + lines + "---\n\nTekst.\n"
}

// TestActKeys: the keys of an act's table that EUR-Lex shows first are
// read (Official Journal, publication, entry into force, end of validity,
// short title, unofficial translation) and checked, each problem at its
// file and line.
func TestActKeys(t *testing.T) {
	const path = "content/decisions/a.pl.md"
	s, ds := load(t, map[string]string{path: actFile("  adopted: 2023-06-19\n  oj: \"L 157, 20.6.2023, s. 1\"\n  published: 2023-06-20\n  inForce: 2023-06-19\n  validUntil: 2026-06-30\n  shortTitle: \"Decyzja 2023/1187\"\n  unofficialTranslation: true\n")})
	if errs := errorsOf(ds); len(errs) > 0 || len(s.Pages) != 1 {
		t.Fatalf("errors %q", errs)
	}
	a := s.Pages[0].Act
	day := func(d time.Time) string { return d.Format("2006-01-02") }
	if a.OJ != "L 157, 20.6.2023, s. 1" || day(a.Published) != "2023-06-20" || day(a.InForce) != "2023-06-19" || day(a.ValidUntil) != "2026-06-30" || a.ShortTitle != "Decyzja 2023/1187" || !a.UnofficialTranslation {
		t.Errorf("act %+v", a)
	}
	tests := []struct {
		name, lines string
		want        string // the start of an error or warning
		contains    string
	}{
		{"bad-in-force", "  inForce: 19.06.2023\n", path + ":7:3:", `"act.inForce": "19.06.2023" is not a date`},
		{"bad-valid-until", "  inForce: 2023-06-19\n  validUntil: wkrótce\n", path + ":8:3:", `"act.validUntil": "wkrótce" is not a date`},
		{"bad-published", "  published: 2023-13-01\n", path + ":7:3:", `"act.published"`},
		{"valid-before-in-force", "  inForce: 2023-06-19\n  validUntil: 2023-06-18\n", path + ":8:3:", "cannot cease to be valid (2023-06-18) before it enters into force"},
		{"in-force-before-adoption", "  adopted: 2023-06-19\n  inForce: 2023-06-01\n", path + ":8:3:", "enters into force (2023-06-01) on or after its adoption"},
		{"unofficial-not-bool", "  unofficialTranslation: tak\n", path + ":7:3:", "must be true or false"},
		{"unknown-key", "  valid_until: 2023-06-19\n", path + ":7:3:", `unknown key "valid_until" in act: did you mean "validUntil"?`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, ds := load(t, map[string]string{path: actFile(tc.lines)})
			var all []string
			for _, d := range ds.Items() {
				all = append(all, d.String())
				if strings.HasPrefix(d.String(), tc.want) && strings.Contains(d.String(), tc.contains) {
					if tc.name == "unknown-key" && d.Severity == diag.Error {
						t.Errorf("an unknown key is an error, want a warning: %s", d)
					}
					return
				}
			}
			t.Errorf("want a problem starting %q containing %q; got %q", tc.want, tc.contains, all)
		})
	}
}

// TestActStatus: an act is in force from the day it enters into force
// through the whole last day of its validity, by the day of the moment
// asked about in UTC; without a date of entry into force its status is not
// known. StatusChanges names the moments its status changes at.
func TestActStatus(t *testing.T) {
	date := func(s string) time.Time {
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	at := func(s string) time.Time {
		d, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	act := &Act{InForce: date("2023-06-19"), ValidUntil: date("2026-06-30")}
	open := &Act{InForce: date("2023-06-19")}
	tests := []struct {
		act  *Act
		now  string
		want ActStatus
	}{
		{act, "2023-06-18T23:59:59Z", StatusPending},
		{act, "2023-06-19T00:00:00Z", StatusInForce},
		{act, "2023-06-19T01:00:00+02:00", StatusPending}, // 18 June in UTC
		{act, "2026-06-30T23:59:59Z", StatusInForce},
		{act, "2026-07-01T00:00:00Z", StatusNoLonger},
		{act, "2026-11-23T12:00:00Z", StatusNoLonger},
		{open, "2040-01-01T00:00:00Z", StatusInForce},
		{&Act{}, "2026-11-23T12:00:00Z", StatusUnknown},
		{&Act{ValidUntil: date("2020-01-01")}, "2026-11-23T12:00:00Z", StatusUnknown},
	}
	for _, tc := range tests {
		if got := tc.act.Status(at(tc.now)); got != tc.want {
			t.Errorf("%+v at %s: %q, want %q", tc.act, tc.now, got, tc.want)
		}
	}
	changes := act.StatusChanges()
	if len(changes) != 2 || !changes[0].Equal(at("2023-06-19T00:00:00Z")) || !changes[1].Equal(at("2026-07-01T00:00:00Z")) {
		t.Errorf("status changes %v", changes)
	}
	for _, c := range changes {
		if before, after := act.Status(c.Add(-time.Second)), act.Status(c); before == after {
			t.Errorf("the status does not change at %v (%q)", c, after)
		}
	}
	if got := (&Act{Type: "Council Decision (CFSP)", Number: "2023/1187"}).Title(); got != "Council Decision (CFSP) 2023/1187" {
		t.Errorf("title %q", got)
	}
	if got := (&Act{Type: "Council Decision (CFSP)", Number: "2023/1187", ShortTitle: "Decision 2023/1187"}).Title(); got != "Decision 2023/1187" {
		t.Errorf("title %q", got)
	}
}
