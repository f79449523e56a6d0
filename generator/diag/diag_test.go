package diag

import "testing"

func TestFormats(t *testing.T) {
	tests := []struct {
		d            Diagnostic
		text, github string
	}{
		{Diagnostic{Path: "content/a.md", Line: 3, Col: 7, Msg: "bad"}, "content/a.md:3:7: bad", "::error file=content/a.md,line=3,col=7::bad"},
		{Diagnostic{Path: "content/a.md", Line: 3, Msg: "bad"}, "content/a.md:3:1: bad", "::error file=content/a.md,line=3::bad"},
		{Diagnostic{Path: "content/a.md", Severity: Warning, Msg: "no translation"}, "content/a.md: warning: no translation", "::warning file=content/a.md::no translation"},
		{Diagnostic{Path: "a,b:c.md", Line: 1, Col: 1, Msg: "50%\nnext"}, "a,b:c.md:1:1: 50%\nnext", "::error file=a%2Cb%3Ac.md,line=1,col=1::50%25%0Anext"},
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
	l.Warnf("b.md", 1, 1, "w")
	if l.Err() != nil {
		t.Error("warnings alone are not an error")
	}
	l.Errorf("b.md", 2, 1, "second")
	l.Errorf("a.md", 9, 1, "first")
	if got := l.Err().Error(); got != "a.md:9:1: first\nb.md:2:1: second" {
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
