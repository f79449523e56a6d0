package search

import "testing"

func TestAppendStringIsJSON(t *testing.T) {
	for in, want := range map[string]string{
		`a"b\c`:         `"a\"b\\c"`,
		"tab\tnl\n\x01": `"tab\tnl\n\u0001"`,
		"ł\u2028":       `"ł\u2028"`,
		"<b>&":          `"<b>&"`,
	} {
		if got := string(appendString(nil, in)); got != want {
			t.Errorf("appendString(%q) = %s, want %s", in, got, want)
		}
	}
}
