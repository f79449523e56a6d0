package render

import (
	"fmt"
	"testing"
	"time"
)

// actFixture writes an act's file: its slug, title, the front matter's act
// table (indented lines) and a body with one article and a footnote.
func actFixture(slug, title, act, note string) string {
	return "---\ntitle: \"" + title + "\"\nslug: " + slug + "\ndate: 2023-06-19\nact:\n" + act + "---\n\n## Artykuł 1\n\nTekst[^1].\n\n[^1]: " + note + "\n"
}

// TestActView: what an act's page shows besides its text, on the day of
// fixtureNow (2026-01-01): the short title, the status from the dates (in
// force, expired, not yet in force, none without a date of entry into
// force), the EUR-Lex and PDF links, the acts cited in footnotes (on the
// portal when it publishes them, else on EUR-Lex) and the flag of an
// unofficial translation.
func TestActView(t *testing.T) {
	pages := map[string]string{
		"content/decisions/2023-1187.pl.md": actFixture("2023-1187", "Decyzja Rady (WPZiB) 2023/1187 z dnia 19 czerwca 2023 r. w sprawie …",
			"  type: \"Decyzja Rady (WPZiB)\"\n  number: \"2023/1187\"\n  adopted: 2023-06-19\n  inForce: 2023-06-19\n  celex: \"32023D1187\"\n",
			"Decyzja Rady (WPZiB) 2018/1939 z dnia 10 grudnia 2018 r. oraz rozporządzenie (UE) 2016/794 i dyrektywa 2011/93."),
		"content/decisions/2023-1187.en.md": actFixture("2023-1187", "Council Decision (CFSP) 2023/1187 of 19 June 2023 on …",
			"  type: \"Council Decision (CFSP)\"\n  number: \"2023/1187\"\n  shortTitle: \"Decision 2023/1187\"\n  adopted: 2023-06-19\n  inForce: 2023-06-19\n  celex: \"32023D1187\"\n  unofficialTranslation: true\n",
			"Council Decision (CFSP) 2018/1939 of 10 December 2018."),
		"content/decisions/2018-1939.pl.md": actFixture("2018-1939", "Decyzja Rady (WPZiB) 2018/1939",
			"  type: \"Decyzja Rady (WPZiB)\"\n  number: \"2018/1939\"\n  adopted: 2018-12-10\n  inForce: 2018-12-10\n  validUntil: 2025-12-31\n",
			"Nic."),
		"content/decisions/2026-1.pl.md": actFixture("2026-1", "Decyzja 2026/1",
			"  type: \"Decyzja Rady (WPZiB)\"\n  number: \"2026/1\"\n  adopted: 2025-12-20\n  inForce: 2026-01-02\n", "Nic."),
		"content/decisions/2020-5.pl.md": actFixture("2020-5", "Decyzja 2020/5",
			"  type: \"Decyzja Rady (WPZiB)\"\n  number: \"2020/5\"\n  adopted: 2020-01-01\n", "Nic."),
	}
	in := inputOf(t, pages)
	outputs, ds := Plan(in)
	if err := ds.Err(); err != nil {
		t.Fatal(err)
	}
	m := byPath(t, outputs)
	tests := []struct {
		path, title, status, statusKey, eurlex, pdf string
		cited                                       string
		unofficial                                  bool
	}{
		{"/akty-prawne/2023-1187/", "Decyzja Rady (WPZiB) 2023/1187", "w mocy", "in_force",
			"https://eur-lex.europa.eu/legal-content/PL/TXT/?uri=CELEX:32023D1187", "https://eur-lex.europa.eu/legal-content/PL/TXT/PDF/?uri=CELEX:32023D1187",
			"[{2018/1939 /portal/akty-prawne/2018-1939/ false} {2016/794 https://eur-lex.europa.eu/legal-content/PL/TXT/?uri=CELEX:32016R0794 true} {2011/93 https://eur-lex.europa.eu/legal-content/PL/TXT/?uri=CELEX:32011L0093 true}]", false},
		{"/en/decisions/2023-1187/", "Decision 2023/1187", "in force", "in_force",
			"https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32023D1187", "https://eur-lex.europa.eu/legal-content/EN/TXT/PDF/?uri=CELEX:32023D1187",
			"[{2018/1939 /portal/akty-prawne/2018-1939/ false}]", true}, // the Polish version: the act has no other,
		{"/akty-prawne/2018-1939/", "Decyzja Rady (WPZiB) 2018/1939", "wygasł", "expired", "", "", "[]", false},
		{"/akty-prawne/2026-1/", "Decyzja Rady (WPZiB) 2026/1", "jeszcze nie wszedł w życie", "pending", "", "", "[]", false},
		{"/akty-prawne/2020-5/", "Decyzja Rady (WPZiB) 2020/5", "", "", "", "", "[]", false},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			v := need(t, m, tc.path).Data.Act
			if v == nil {
				t.Fatal("no act view")
			}
			if v.Title != tc.title || v.Status != tc.status || v.StatusKey != tc.statusKey {
				t.Errorf("title %q, status %q (%q); want %q, %q (%q)", v.Title, v.Status, v.StatusKey, tc.title, tc.status, tc.statusKey)
			}
			if v.EURLex != tc.eurlex || v.PDF != tc.pdf {
				t.Errorf("EUR-Lex %q, PDF %q; want %q, %q", v.EURLex, v.PDF, tc.eurlex, tc.pdf)
			}
			if got := fmt.Sprint(v.Cited); got != tc.cited && !(got == "[]" && tc.cited == "[]") {
				t.Errorf("cited %s\nwant %s", got, tc.cited)
			}
			if v.Unofficial != tc.unofficial {
				t.Errorf("unofficial %v, want %v", v.Unofficial, tc.unofficial)
			}
		})
	}
	// Without a build's day there is no status.
	in.Now = time.Time{}
	outputs, _ = Plan(in)
	if v := byPath(t, outputs)["/akty-prawne/2023-1187/"].Data.Act; v.Status != "" {
		t.Errorf("status %q without a day", v.Status)
	}
}
