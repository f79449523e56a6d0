package diag

import "testing"

func TestFormats(t *testing.T) {
	tests := []struct {
		d            Diagnostic
		text, github string
	}{
		{Diagnostic{Path: "content/a.md", Line: 3, Col: 7, Msg: "bad"}, "content/a.md:3:7: bad", "::error file=content/a.md,line=3,col=7::bad"},
		{Diagnostic{Path: "content/a.md", Line: 3, Msg: "bad"}, "content/a.md:3:1: bad", "::error file=content/a.md,line=3::bad"},
		// A problem of the whole file is at line 1, column 1.
		{Diagnostic{Path: "content/a.md", Severity: Warning, Msg: "no translation"}, "content/a.md:1:1: warning: no translation", "::warning file=content/a.md,line=1,col=1::no translation"},
		{Diagnostic{Path: "content/a.md", Line: 2, Severity: Warning, Msg: "unknown key", Kind: KindUnknownKey}, "content/a.md:2:1: warning: unknown key [unknown-key]", "::warning file=content/a.md,line=2::unknown key"},
		{Diagnostic{Path: "content/a.md", Line: 4, Severity: Note, Msg: "not published: draft", Kind: KindUnpublished}, "content/a.md:4:1: note: not published: draft [unpublished]", "::notice file=content/a.md,line=4::not published: draft"},
		{Diagnostic{Path: "content/a.md", Col: 5, Msg: "bad"}, "content/a.md:1:1: bad", "::error file=content/a.md,line=1,col=1::bad"},
		{Diagnostic{Path: "a,b:c.md", Line: 1, Col: 1, Msg: "50%\nnext"}, "a,b:c.md:1:1: 50%\nnext", "::error file=a%2Cb%3Ac.md,line=1,col=1::50%25%0Anext"},
		// A path that could fake a line of output of its own is quoted;
		// names with spaces, quotes and Polish letters are not.
		{Diagnostic{Path: "content/a\ncontent/b.md:1:1: fake.md", Line: 2, Col: 3, Msg: "bad"}, `"content/a\ncontent/b.md:1:1: fake.md":2:3: bad`, "::error file=content/a%0Acontent/b.md%3A1%3A1%3A fake.md,line=2,col=3::bad"},
		{Diagnostic{Path: "a\rb.md", Msg: "bad"}, `"a\rb.md":1:1: bad`, "::error file=a%0Db.md,line=1,col=1::bad"},
		{Diagnostic{Path: "a\x1b[31mb.md", Line: 1, Msg: "bad"}, `"a\x1b[31mb.md":1:1: bad`, "::error file=a\x1b[31mb.md,line=1::bad"},
		{Diagnostic{Path: "a\x7fb.md", Line: 1, Msg: "bad"}, `"a\x7fb.md":1:1: bad`, "::error file=a\x7fb.md,line=1::bad"},
		{Diagnostic{Path: "a\u0085b.md", Line: 1, Msg: "bad"}, `"a\u0085b.md":1:1: bad`, "::error file=a\u0085b.md,line=1::bad"},
		{Diagnostic{Path: "a\xffb.md", Line: 1, Msg: "bad"}, `"a\xffb.md":1:1: bad`, "::error file=a\xffb.md,line=1::bad"},
		{Diagnostic{Path: "content/news/Żółw \"x\" 1.md", Line: 1, Msg: "bad"}, `content/news/Żółw "x" 1.md:1:1: bad`, "::error file=content/news/Żółw \"x\" 1.md,line=1::bad"},
	}
	for _, tc := range tests {
		if got := tc.d.String(); got != tc.text {
			t.Errorf("String() = %q, want %q", got, tc.text)
		}
		if got := tc.d.GitHub(); got != tc.github {
			t.Errorf("GitHub() = %q, want %q", got, tc.github)
		}
	}
}

func TestListSortsAndErrs(t *testing.T) {
	var l List
	l.Warnf(KindUnknownKey, "b.md", 1, 1, "w")
	l.Notef(KindUnpublished, "b.md", 1, 1, "n")
	if l.Err() != nil {
		t.Error("warnings alone are not an error")
	}
	l.Errorf("b.md", 2, 1, "second")
	l.Errorf("a.md", 9, 1, "first")
	l.Errorf("c.md", 0, 0, "whole file")
	if got := l.Err().Error(); got != "a.md:9:1: first\nb.md:2:1: second\nc.md:1:1: whole file" {
		t.Errorf("Err() = %q", got)
	}
}

func TestLineCol(t *testing.T) {
	src := []byte("ab\nżółw x\n")
	for _, tc := range []struct{ off, line, col int }{{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {len("ab\nżółw "), 2, 6}} {
		if l, c := LineCol(src, tc.off); l != tc.line || c != tc.col {
			t.Errorf("LineCol(%d) = %d:%d, want %d:%d", tc.off, l, c, tc.line, tc.col)
		}
	}
}

func TestWithout(t *testing.T) {
	var l List
	l.Warnf(KindUnknownKey, "a.md", 1, 1, "key")
	l.Warnf(KindNoTranslation, "a.md", 1, 1, "translation")
	l.Notef(KindUnpublished, "b.md", 1, 1, "draft")
	l.Errorf("c.md", 1, 1, "broken")
	got := l.Without(map[string]bool{KindUnknownKey: true, KindUnpublished: true})
	if got.Len() != 2 || got.Count(Warning) != 1 || got.Count(Error) != 1 || got.Count(Note) != 0 {
		t.Errorf("Without kept %v", got.Items())
	}
	if got := l.Without(map[string]bool{"": true}); !got.HasErrors() {
		t.Error("errors must never be silenced")
	}
}
