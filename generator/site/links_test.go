package site

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hubgen/generator/diag"
)

// linkPage is a news item whose body's third line (line 7 of the file)
// holds text: "Zły " and then the link, at column 5.
func linkPage(text string) string {
	return "---\ntitle: Linki\ndate: 2024-01-01\n---\nPierwszy akapit.\n\nZły " + text + " w środku.\n"
}

// errorsOf returns a run's errors as `path:line:col: message` lines.
func errorsOf(l *diag.List) []string {
	var out []string
	for _, d := range l.Items() {
		if d.Severity == diag.Error {
			out = append(out, d.String())
		}
	}
	return out
}

// TestLinkCheck: `check` and `build` follow every internal link of the
// output. A broken link written in Markdown is an error at its file, line
// and column that says what to write instead; a correct site path and a
// correct link to a content file (with a fragment of an act) pass, with
// or without a base path.
func TestLinkCheck(t *testing.T) {
	const at = "content/news/zz-links.pl.md:7:5: "
	tests := []struct {
		name, link, baseURL string
		want                string // the error, or "" when the link is good
	}{
		{"site path to no page", "[x](/aktualnosci/knowledge-hub-inauguration/)", "",
			at + `link "/aktualnosci/knowledge-hub-inauguration/" leads to no page or file of the site: link to the content file instead, e.g. [text](knowledge-hub-inauguration.pl.md)`},
		{"relative link without .md", "[x](knowledge-hub-inauguration)", "",
			at + `link "knowledge-hub-inauguration" has no .md: write [text](knowledge-hub-inauguration.pl.md)`},
		{"relative link to another section without .md", "[x](../organisations/europol#cele)", "",
			at + `link "../organisations/europol#cele" has no .md: write [text](../organisations/europol.pl.md#cele)`},
		{"relative link to nothing", "[x](nigdzie/)", "",
			at + `link "nigdzie/" leads to no page or file of the site (it leads to /aktualnosci/linki/nigdzie/): link to a content file, e.g. [text](../news/name.md), which the build turns into the page's address`},
		{"missing part of an act", "[x](../decisions/2023-1187.md#art_9)", "",
			at + `link "../decisions/2023-1187.md#art_9": page /akty-prawne/2023-1187/ has no part art_9 (its parts: art_1 … art_5)`},
		{"missing paragraph of an act", "[x](../decisions/2023-1187.md#art_3__par_9)", "",
			at + `link "../decisions/2023-1187.md#art_3__par_9": page /akty-prawne/2023-1187/ has no part art_3__par_9 (its parts: art_3__par_1 … art_3__par_4)`},
		{"missing fragment of the page itself", "[x](#brak)", "",
			at + `link "#brak": page /aktualnosci/linki/ has no element with the id "brak"`},
		{"missing static file", "![x](/img/mapa.png)", "",
			"content/news/zz-links.pl.md:7:5: link \"/img/mapa.png\" leads to no page or file of the site: put the file in static/ (static/img/mapa.png) or correct the link"},
		{"site path under a base path to no page", "[x](/nigdzie/)", "https://example.org/portal/",
			at + `link "/nigdzie/" leads to no page or file of the site: link to the page's content file instead, e.g. [text](../news/name.md), which the build turns into the page's address`},
		{"site path", "[x](/aktualnosci/inauguracja-knowledge-hub/)", "", ""},
		{"site path to a static file", "[x](/css/site.css)", "", ""},
		{"site path under a base path", "[x](/aktualnosci/inauguracja-knowledge-hub/)", "https://example.org/portal/", ""},
		{"link to a content file", "[x](../organisations/europol.md)", "", ""},
		{"link to a part of an act", "[x](../decisions/2023-1187.md#art_3__par_1)", "https://example.org/portal/", ""},
		{"relative link to a page", "[x](../inauguracja-knowledge-hub/)", "", ""},
		{"own fragment", "[x](#main)", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := copySite(t)
			page("content/news/zz-links.pl.md", linkPage(tc.link))(t, src)
			for _, check := range []bool{true, false} {
				opts := Options{Source: src, Dest: filepath.Join(t.TempDir(), "public"), BaseURL: tc.baseURL, Now: testNow, Check: check}
				res, err := Build(context.Background(), opts)
				errs := errorsOf(res.Diags)
				if tc.want == "" {
					if err != nil {
						t.Errorf("check %v: %v", check, err)
					}
					continue
				}
				if err == nil || len(errs) != 1 || errs[0] != tc.want {
					t.Errorf("check %v: errors\n%s\nwant\n%s", check, strings.Join(errs, "\n"), tc.want)
				}
			}
		})
	}
}

// TestLinkCheckLayouts: a broken link a layout writes is an error at the
// layout, once for the link, naming a page and the output file that have
// it; a link on the pages of several layouts is at layouts/.
func TestLinkCheckLayouts(t *testing.T) {
	tests := []struct {
		name, layout, old, new string
		want                   string
	}{
		{"one layout", "layouts/projects.html", "{{with .Website}}", `<a href="{{$.Site.BasePath}}/partnerzy/">Partnerzy</a>{{with .Website}}`,
			`layouts/projects.html:1:1: link "/partnerzy/" on the page /en/projects/2ps/ (file en/projects/2ps/index.html of the output, made from content/projects/2ps.en.md) leads to no page or file of the site; 1 more pages have it; the layout writes it: layouts/projects.html, baseof.html or a partial`},
		{"every layout", "layouts/baseof.html", `href="#main"`, `href="#glowna"`,
			`layouts:1:1: link "#glowna" on the page /404.html (file 404.html of the output): page /404.html has no element with the id "glowna"; `},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := copySite(t)
			p := filepath.Join(src, filepath.FromSlash(tc.layout))
			text, err := os.ReadFile(p)
			if err != nil || !strings.Contains(string(text), tc.old) {
				t.Fatalf("%s has no %q (%v)", tc.layout, tc.old, err)
			}
			page(tc.layout, strings.Replace(string(text), tc.old, tc.new, 1))(t, src)
			res, err := Build(context.Background(), Options{Source: src, Now: testNow, Check: true})
			errs := errorsOf(res.Diags)
			if err == nil || len(errs) != 1 || !strings.HasPrefix(errs[0], tc.want) {
				t.Errorf("errors\n%s\nwant one starting\n%s", strings.Join(errs, "\n"), tc.want)
			}
		})
	}
}

// TestBrokenLinkLeavesPreviousOutput: a build that finds a broken link
// fails after rendering everything, and the previous output stays as it
// was.
func TestBrokenLinkLeavesPreviousOutput(t *testing.T) {
	src := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	build(t, src, dest)
	before := readTree(t, dest)
	page("content/news/zz-links.pl.md", linkPage("[x](/aktualnosci/nie-ma/)"))(t, src)
	res, err := Build(context.Background(), Options{Source: src, Dest: dest, Now: testNow})
	if err == nil || !hasDiag(res.Diags, "content/news/zz-links.pl.md:7:5: link \"/aktualnosci/nie-ma/\"") {
		t.Fatalf("build with a broken link: %v", err)
	}
	sameTree(t, before, readTree(t, dest))
	if leftovers := leftBehind(dest); len(leftovers) > 0 {
		t.Errorf("temporary directories left behind: %v", leftovers)
	}
}

// TestSessionLinkCheck: the live preview finds a broken link in an edited
// body like a build does, keeps the last good output, and takes the fix.
func TestSessionLinkCheck(t *testing.T) {
	dir := copySite(t)
	ctx := context.Background()
	s, _, err := NewSession(ctx, Options{Source: dir, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	rel := "content/news/knowledge-hub-inauguration.pl.md"
	good, _ := os.ReadFile(filepath.Join(dir, rel))
	before := s.Files()
	broken := []struct{ name, add, want string }{
		{"site path", "\n[x](/aktualnosci/nie-ma/)\n", `link "/aktualnosci/nie-ma/" leads to no page or file of the site`},
		{"part of an act", "\n[x](../decisions/2023-1187.md#art_9)\n", `link "../decisions/2023-1187.md#art_9": page /akty-prawne/2023-1187/ has no part art_9`},
	}
	for _, b := range broken {
		os.WriteFile(filepath.Join(dir, rel), append(append([]byte{}, good...), b.add...), 0o644)
		rep, err := s.Update(ctx, []string{rel})
		if err == nil || !hasDiag(rep.Diags, rel+":") || !hasDiag(rep.Diags, b.want) {
			t.Fatalf("%s: %v", b.name, err)
		}
		if diff := diffTrees(s.Files(), before); diff != "" {
			t.Errorf("%s: a failed update changed the files:\n%s", b.name, diff)
		}
	}
	os.WriteFile(filepath.Join(dir, rel), good, 0o644)
	if _, err := s.Update(ctx, []string{rel}); err != nil {
		t.Fatalf("after the fix: %v", err)
	}
	// A page that loses a part another page links to breaks that link.
	act := "content/decisions/2023-1187.pl.md"
	page("content/news/zz-links.pl.md", linkPage("[x](../decisions/2023-1187.md#art_5)"))(t, dir)
	if _, err := s.Update(ctx, []string{"content/news/zz-links.pl.md"}); err != nil {
		t.Fatal(err)
	}
	text, _ := os.ReadFile(filepath.Join(dir, act))
	cut := strings.Index(string(text), "## Artykuł 5")
	if cut < 0 {
		t.Fatal("the act has no article 5")
	}
	os.WriteFile(filepath.Join(dir, act), append(append([]byte{}, text[:cut]...), "## ZAŁĄCZNIK\n\nTekst.\n"...), 0o644)
	rep, err := s.Update(ctx, []string{act})
	if err == nil || !hasDiag(rep.Diags, "content/news/zz-links.pl.md:7:5: link \"../decisions/2023-1187.md#art_5\"") {
		t.Errorf("removing article 5: %v", err)
	}
}
