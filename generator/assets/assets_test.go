package assets

import (
	"strings"
	"testing"
)

// TestPublish: scripts and style sheets lose comments and white space but
// keep what they do (exports, imports, rules); other files are published
// as they are; a script that cannot be read is an error naming its file.
func TestPublish(t *testing.T) {
	m := New()
	for _, tc := range []struct {
		name, in    string
		keep        []string // must survive
		gone        []string // must not
		same, error bool
	}{
		{name: "js/search.js", in: "// the page\nimport { Searcher } from \"./search-core.js\";\n\n/* a comment */\nexport function run(query) {\n  const words = query.split(\" \");\n  return new Searcher(words);\n}\n",
			keep: []string{`from"./search-core.js"`, "export function run("}, gone: []string{"the page", "a comment", "\n  "}},
		{name: "css/site.css", in: "/* colours */\nbody {\n  color: #111111;\n  margin: 0px;\n}\n@media print { .lang-switch { display: none } }\n",
			keep: []string{"body{", "@media print{.lang-switch{display:none}}"}, gone: []string{"colours", "\n"}},
		{name: "img/logo.svg", in: "<svg>\n  <!-- kept -->\n</svg>\n", same: true},
		{name: "robots.txt", in: "User-agent: *\n\nAllow: /\n", same: true},
		{name: "js/broken.js", in: "export function (", error: true},
	} {
		out, err := m.Publish(tc.name, []byte(tc.in))
		if tc.error {
			if err == nil || !strings.Contains(err.Error(), "static/"+tc.name) {
				t.Errorf("%s: error %v, want one naming static/%s", tc.name, err, tc.name)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		got := string(out)
		if tc.same {
			if got != tc.in {
				t.Errorf("%s: published %q, want it as written", tc.name, got)
			}
			continue
		}
		if len(got) >= len(tc.in) {
			t.Errorf("%s: %d bytes from %d, want fewer", tc.name, len(got), len(tc.in))
		}
		for _, k := range tc.keep {
			if !strings.Contains(got, k) {
				t.Errorf("%s: %q lacks %q", tc.name, got, k)
			}
		}
		for _, g := range tc.gone {
			if strings.Contains(got, g) {
				t.Errorf("%s: %q still holds %q", tc.name, got, g)
			}
		}
	}
}
