package content

import (
	"strings"

	"hubgen/generator/diag"
	"hubgen/internal/suggest"
)

// actKeys are the keys of an act's `act` table (docs/editors-guide.md,
// "Legal acts").
var actKeys = []string{"type", "number", "adopted", "celex", "eli", "oj", "shortTitle", "published", "inForce", "validUntil", "unofficialTranslation"}

// checkAct reports what is wrong in an act's `act` table besides the type
// of each value (which fields reports): a key the portal does not read (a
// warning, with the key meant when one is close), and dates out of order,
// each at its key's line.
func checkAct(a *Act, table map[string]any, f fields, m *matter, rel string, ds *diag.List) {
	for _, k := range sortedKeys(table) {
		known := false
		for _, x := range actKeys {
			known = known || x == k
		}
		if known {
			continue
		}
		l, c := m.keyPos("act." + k)
		if near, ok := suggest.Closest(k, actKeys); ok {
			ds.Warnf(diag.KindUnknownKey, rel, l, c, "unknown key %q in act: did you mean %q?", k, near)
		} else {
			ds.Warnf(diag.KindUnknownKey, rel, l, c, "unknown key %q in act; its keys: %s", k, strings.Join(actKeys, ", "))
		}
	}
	day := func(key string) string {
		switch key {
		case "act.adopted":
			return a.Adopted.Format("2006-01-02")
		case "act.inForce":
			return a.InForce.Format("2006-01-02")
		}
		return a.ValidUntil.Format("2006-01-02")
	}
	if !a.ValidUntil.IsZero() && !a.InForce.IsZero() && day("act.validUntil") < day("act.inForce") {
		f.fail("act.validUntil", "%q: the act cannot cease to be valid (%s) before it enters into force (act.inForce %s)", "act.validUntil", day("act.validUntil"), day("act.inForce"))
	}
	if !a.InForce.IsZero() && !a.Adopted.IsZero() && day("act.inForce") < day("act.adopted") {
		f.fail("act.inForce", "%q: an act enters into force (%s) on or after its adoption (act.adopted %s)", "act.inForce", day("act.inForce"), day("act.adopted"))
	}
}
