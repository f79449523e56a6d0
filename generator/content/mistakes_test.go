package content

import (
	"strings"
	"testing"

	"hubgen/generator/diag"
)

// TestEditorMistakes makes the mistakes a new editor makes, one at a time,
// and checks each message: at the file, line and column of the mistake,
// saying what is wrong and what to write instead.
func TestEditorMistakes(t *testing.T) {
	const path = "content/news/a.pl.md"
	tests := []struct {
		name     string
		file     string // path, when not path
		text     string
		severity diag.Severity
		at       string   // the message starts with this
		says     []string // and contains each of these
	}{
		{name: "tab-indent", text: "---\ntitle: A\ndate: 2024-10-10\ntags:\n\t- cbrn\n---\n",
			at: path + ":5:1: ", says: []string{"indented with a tab", "replace the tab with spaces"}},
		{name: "tab-after-spaces", text: "---\ntitle: A\ndate: 2024-10-10\nact:\n  \ttype: x\n---\n",
			at: path + ":5:3: ", says: []string{"indented with a tab"}},
		{name: "colon-in-title", text: "---\ntitle: Inauguracja: Knowledge Hub\ndate: 2024-10-10\n---\n",
			at: path + ":2:19: ", says: []string{`the value of "title" contains a colon`, `title: "Inauguracja: Knowledge Hub"`}},
		{name: "quotes-in-title", text: "---\ntitle: \"Knowledge Hub\" w Brukseli\ndate: 2024-10-10\n---\n",
			at: path + ":2:23: ", says: []string{`the value of "title" starts with a quote`, `title: "\"Knowledge Hub\" w Brukseli"`}},
		{name: "colon-in-summary-with-quote", text: "---\ntitle: A\ndate: 2024-10-10\nsummary: Cel: \"wsparcie\"\n---\n",
			at: path + ":4:", says: []string{`summary: "Cel: \"wsparcie\""`}},
		{name: "bad-file-name-and-more", file: "content/news/Zla_Nazwa.pl.md", text: "---\ndate: 2024-10-10\n---\n",
			at: "content/news/Zla_Nazwa.pl.md:1:1: file name", says: []string{"zla-nazwa.pl.md"}},
		{name: "bad-file-name-hides-nothing", file: "content/news/Zla_Nazwa.pl.md", text: "---\ndate: 2024-10-10\n---\n",
			at: "content/news/Zla_Nazwa.pl.md:1:1: ", says: []string{`missing required key "title"`}},
		{name: "unknown-language", file: "content/news/a.de.md", text: "---\ntitle: A\ndate: 2024-10-10\n---\n",
			at: "content/news/a.de.md:1:1: ", says: []string{`unknown language "de"`, "end the name with .pl.md"}},
		{name: "key-typo", text: "---\ntitle: A\ndate: 2024-10-10\nsumary: B\n---\n", severity: diag.Warning,
			at: path + ":4:1: ", says: []string{`unknown front matter key "sumary": did you mean "summary"?`}},
		{name: "key-unknown", text: "---\ntitle: A\ndate: 2024-10-10\nauthor: B\n---\n", severity: diag.Warning,
			at: path + ":4:1: ", says: []string{`unknown front matter key "author"`, "keys of news pages: title"}},
		{name: "tag-typo", text: "---\ntitle: A\ndate: 2024-10-10\ntags: [cbrnn]\n---\n", severity: diag.Warning,
			at: path + ":4:1: ", says: []string{`tag "cbrnn" is not a topic in config.toml`, `did you mean "cbrn"?`}},
		{name: "tag-new", text: "---\ntitle: A\ndate: 2024-10-10\ntags: [terroryzm]\n---\n", severity: diag.Warning,
			at: path + ":4:1: ", says: []string{`builds as a topic of its own named "terroryzm"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			file := tc.file
			if file == "" {
				file = path
			}
			_, ds := load(t, map[string]string{file: tc.text})
			var got []string
			for _, d := range ds.Items() {
				if d.Severity != tc.severity {
					continue
				}
				s := d.String()
				got = append(got, s)
				if !strings.HasPrefix(s, tc.at) {
					continue
				}
				ok := true
				for _, w := range tc.says {
					ok = ok && strings.Contains(s, w)
				}
				if ok {
					return
				}
			}
			t.Errorf("want a %s at %q saying %q; got %q", tc.severity, tc.at, tc.says, got)
		})
	}
}

// TestByteOrderMark: a file saved with a UTF-8 byte-order mark (Windows
// editors) reads like one without.
func TestByteOrderMark(t *testing.T) {
	s, ds := load(t, map[string]string{"content/news/a.pl.md": "\ufeff---\ntitle: Z BOM\ndate: 2024-10-10\n---\nTreść.\n"})
	if ds.Len() != 0 || len(s.Pages) != 1 || s.Pages[0].Title != "Z BOM" || strings.TrimSpace(string(s.Pages[0].Body)) != "Treść." {
		t.Fatalf("diags %q, pages %d", ds.Items(), len(s.Pages))
	}
}

// TestUnpublishedAndNewTopics: drafts and future pages are listed with the
// line that keeps them out; tags not in [topics] become topics, once each.
func TestUnpublishedAndNewTopics(t *testing.T) {
	s, _ := load(t, map[string]string{
		"content/news/a.pl.md": "---\ntitle: A\ndate: 2024-10-10\ndraft: true\n---\n",
		"content/news/b.pl.md": "---\ntitle: B\ndate: 2099-01-01\n---\n",
		"content/news/c.pl.md": "---\ntitle: C\ndate: 2024-10-10\ntags: [terroryzm, cbrn]\n---\n",
		"content/news/c.en.md": "---\ntitle: C\ndate: 2024-10-10\ntags: [terrorism, terroryzm]\n---\n",
	})
	var got []string
	for _, u := range s.Unpublished() {
		got = append(got, u.Page.Path+":"+u.Reason+":"+string(rune('0'+u.Line))+": "+u.Message())
	}
	want := []string{"content/news/a.pl.md:draft:4: not published: it is a draft", "content/news/b.pl.md:future:3: not published until 2099-01-01"}
	if len(got) != len(want) {
		t.Fatalf("unpublished = %q", got)
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("unpublished[%d] = %q, want %q…", i, got[i], want[i])
		}
	}
	var topics []string
	for _, tp := range s.NewTopics() {
		topics = append(topics, tp.Key+"="+tp.Names["pl"]+"/"+tp.Names["en"])
	}
	if strings.Join(topics, " ") != "terrorism=terrorism/terrorism terroryzm=terroryzm/terroryzm" {
		t.Errorf("new topics = %q", topics)
	}
}
