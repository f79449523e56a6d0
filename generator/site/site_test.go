package site

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"hubgen/internal/corpus"
)

// repoRoot is the repository, whose bundled portal the tests build.
const repoRoot = "../.."

var testNow = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

// copySite copies the bundled portal's inputs into a temp dir, so that a
// test can change them.
func copySite(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	if err := corpus.CopySite(repoRoot, dst); err != nil {
		t.Fatal(err)
	}
	return dst
}

func build(t *testing.T, src, dest string) *Result {
	t.Helper()
	res, err := Build(context.Background(), Options{Source: src, Dest: dest, Now: testNow})
	if err != nil {
		t.Fatalf("build failed: %v", err)
	}
	return res
}

// readTree maps every file under dir (slash paths) to its bytes.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out, err := readTreeErr(dir)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func readTreeErr(dir string) (map[string][]byte, error) {
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	return out, err
}

func sameTree(t *testing.T, a, b map[string][]byte) {
	t.Helper()
	if len(a) != len(b) {
		t.Errorf("trees differ in size: %d vs %d files", len(a), len(b))
	}
	for name, data := range a {
		if other, ok := b[name]; !ok {
			t.Errorf("%s missing from the second tree", name)
		} else if !bytes.Equal(data, other) {
			t.Errorf("%s differs", name)
		}
	}
}

func TestBundledSiteBuilds(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	res := build(t, repoRoot, dest)
	if res.Pages < 4 {
		t.Errorf("only %d pages built", res.Pages)
	}
	for file, lang := range map[string]string{"index.html": "pl", "en/index.html": "en", "aktualnosci/index.html": "pl", "en/news/index.html": "en"} {
		doc := parseFile(t, filepath.Join(dest, file))
		if got := attr(find(doc, "html"), "lang"); got != lang {
			t.Errorf("%s: <html lang=%q>, want %q", file, got, lang)
		}
	}
	if _, err := os.Stat(filepath.Join(dest, "css", "site.css")); err != nil {
		t.Errorf("static files not copied: %v", err)
	}
}

func TestTwoBuildsAreByteIdentical(t *testing.T) {
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	build(t, repoRoot, a)
	build(t, repoRoot, b)
	sameTree(t, readTree(t, a), readTree(t, b))
}

func TestFailedBuildLeavesPreviousOutput(t *testing.T) {
	src := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	build(t, src, dest)
	before := readTree(t, dest)
	broken := []struct{ name, text string }{
		{"content/news/zz-broken.pl.md", "---\ntitle: [unclosed\n---\n"},
		{"content/news/zz-link.pl.md", "---\ntitle: Link\ndate: 2024-01-01\n---\n[x](../organisations/nope.md)\n"},
		{"content/news/zz-slug.pl.md", "---\ntitle: Slug\ndate: 2024-01-01\nslug: ../../etc\n---\n"},
	}
	for _, b := range broken {
		t.Run(b.name, func(t *testing.T) {
			p := filepath.Join(src, filepath.FromSlash(b.name))
			if err := os.WriteFile(p, []byte(b.text), 0o644); err != nil {
				t.Fatal(err)
			}
			defer os.Remove(p)
			res, err := Build(context.Background(), Options{Source: src, Dest: dest, Now: testNow})
			if err == nil {
				t.Fatal("build of broken content succeeded")
			}
			if !strings.Contains(err.Error(), b.name+":") {
				t.Errorf("error does not name %s: %v", b.name, err)
			}
			if !res.Diags.HasErrors() {
				t.Error("no diagnostics")
			}
			sameTree(t, before, readTree(t, dest))
			if leftovers := leftBehind(dest); len(leftovers) > 0 {
				t.Errorf("temporary directories left behind: %v", leftovers)
			}
		})
	}
	// And a good build after the failures replaces the output.
	os.WriteFile(filepath.Join(src, "content/news/zz-new.pl.md"), []byte("---\ntitle: Nowa\ndate: 2024-01-01\n---\nTekst.\n"), 0o644)
	build(t, src, dest)
	if _, err := os.Stat(filepath.Join(dest, "aktualnosci", "nowa", "index.html")); err != nil {
		t.Errorf("successful build did not replace the output: %v", err)
	}
	if leftovers := leftBehind(dest); len(leftovers) > 0 {
		t.Errorf("temporary directories left behind: %v", leftovers)
	}
}

// TestHreflangReciprocal checks every built page: it lists itself among its
// alternates, has an x-default, and every alternate it names lists it back.
func TestHreflangReciprocal(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	build(t, repoRoot, dest)
	const base = "https://hub.example.org"
	alts := map[string]map[string]string{} // canonical -> hreflang -> href
	files := map[string]string{}           // canonical -> file
	for name := range readTree(t, dest) {
		if !strings.HasSuffix(name, "index.html") {
			continue
		}
		doc := parseFile(t, filepath.Join(dest, name))
		canon := ""
		m := map[string]string{}
		for _, l := range findAll(doc, "link") {
			switch attr(l, "rel") {
			case "canonical":
				canon = attr(l, "href")
			case "alternate":
				if hl := attr(l, "hreflang"); hl != "" {
					m[hl] = attr(l, "href")
				}
			}
		}
		if canon == "" {
			if strings.Contains(renderText(doc), "refresh") || hasMeta(doc, "refresh") {
				continue // alias redirect pages carry the target's canonical only
			}
			t.Errorf("%s: no canonical link", name)
			continue
		}
		if hasMeta(doc, "refresh") {
			continue
		}
		wantCanon := base + "/" + strings.TrimSuffix(name, "index.html")
		if canon != wantCanon {
			t.Errorf("%s: canonical %s, want %s", name, canon, wantCanon)
		}
		lang := attr(find(doc, "html"), "lang")
		if m[lang] != canon {
			t.Errorf("%s: alternates %v do not include itself (%s)", name, m, lang)
		}
		if m["x-default"] == "" {
			t.Errorf("%s: no x-default alternate", name)
		}
		alts[canon] = m
		files[canon] = name
	}
	if len(alts) < 20 {
		t.Fatalf("only %d pages checked", len(alts))
	}
	canons := make([]string, 0, len(alts))
	for c := range alts {
		canons = append(canons, c)
	}
	sort.Strings(canons)
	for _, c := range canons {
		m := alts[c]
		for hl, href := range m {
			if hl == "x-default" {
				continue
			}
			back, ok := alts[href]
			if !ok {
				t.Errorf("%s: alternate %s=%s is not a built page", files[c], hl, href)
				continue
			}
			selfLang := ""
			for l, h := range m {
				if h == c && l != "x-default" {
					selfLang = l
				}
			}
			if back[selfLang] != c {
				t.Errorf("%s lists %s=%s, which does not point back (its alternates: %v)", files[c], hl, href, back)
			}
			if back["x-default"] != m["x-default"] {
				t.Errorf("%s and %s disagree on x-default", files[c], files[href])
			}
		}
	}
}

func TestMissingTranslationSwitcher(t *testing.T) {
	src := copySite(t)
	os.WriteFile(filepath.Join(src, "content/news/tylko-po-polsku.pl.md"), []byte("---\ntitle: Tylko po polsku\ndate: 2024-01-01\n---\nTekst.\n"), 0o644)
	dest := filepath.Join(t.TempDir(), "public")
	build(t, src, dest)
	doc := parseFile(t, filepath.Join(dest, "aktualnosci/tylko-po-polsku/index.html"))
	var sw *html.Node
	for _, a := range findAll(doc, "a") {
		if attr(a, "hreflang") == "en" && hasAncestorClass(a, "lang-switch") {
			sw = a
		}
	}
	if sw == nil || attr(sw, "href") != "/en/news/" {
		t.Fatalf("language switcher should lead to /en/news/, got %v", attr(sw, "href"))
	}
	var note *html.Node
	for _, p := range findAll(doc, "p") {
		if strings.Contains(attr(p, "class"), "no-translation") {
			note = p
		}
	}
	if note == nil || attr(note, "lang") != "en" || !strings.Contains(renderText(note), "not available in English") {
		t.Errorf("no visible note about the missing English version")
	}
}

func TestPolishCollationInLists(t *testing.T) {
	src := copySite(t)
	for _, name := range []string{"Malbork", "Łódź", "Lublin"} {
		slug := map[string]string{"Malbork": "malbork", "Łódź": "lodz", "Lublin": "lublin"}[name]
		os.WriteFile(filepath.Join(src, "content/organisations/zz-"+slug+".pl.md"), []byte("---\ntitle: "+name+" test\n---\n"), 0o644)
	}
	dest := filepath.Join(t.TempDir(), "public")
	res, err := Build(context.Background(), Options{Source: src, Dest: dest, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	_ = res
	var order []string
	for page := 1; ; page++ {
		file := "organizacje/index.html"
		if page > 1 {
			file = "organizacje/strona/" + string(rune('0'+page)) + "/index.html"
		}
		doc, err := parseMaybe(filepath.Join(dest, file))
		if err != nil {
			break
		}
		for _, h := range findAll(doc, "h2") {
			if strings.Contains(attr(h, "class"), "item-title") {
				if txt := renderText(h); strings.HasSuffix(txt, " test") {
					order = append(order, strings.TrimSuffix(txt, " test"))
				}
			}
		}
	}
	if strings.Join(order, ",") != "Lublin,Łódź,Malbork" {
		t.Errorf("organisations sorted %v, want Lublin, Łódź, Malbork", order)
	}
}

// --- HTML helpers ---

func parseFile(t *testing.T, path string) *html.Node {
	t.Helper()
	doc, err := parseMaybe(path)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func parseMaybe(path string) (*html.Node, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return html.Parse(f)
}

func findAll(n *html.Node, tag string) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == tag {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func find(n *html.Node, tag string) *html.Node {
	if all := findAll(n, tag); len(all) > 0 {
		return all[0]
	}
	return nil
}

func attr(n *html.Node, name string) string {
	if n == nil {
		return ""
	}
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

func hasMeta(doc *html.Node, httpEquiv string) bool {
	for _, m := range findAll(doc, "meta") {
		if attr(m, "http-equiv") == httpEquiv {
			return true
		}
	}
	return false
}

func hasAncestorClass(n *html.Node, class string) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if strings.Contains(" "+attr(p, "class")+" ", " "+class+" ") {
			return true
		}
	}
	return false
}

func renderText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && n.Data == "a" && attr(n, "class") == "anchor" {
			return // the "¶" of an act part's anchor link is decoration
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// TestSubpathBuild: served from https://example.org/portal/, no link, asset
// or redirect may point at the host's root outside /portal/.
func TestSubpathBuild(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Source: repoRoot, Dest: dest, BaseURL: "https://example.org/portal/", Now: testNow}); err != nil {
		t.Fatal(err)
	}
	checked := 0
	for name := range readTree(t, dest) {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		doc := parseFile(t, filepath.Join(dest, name))
		for _, tag := range []string{"a", "link", "script", "img"} {
			for _, n := range findAll(doc, tag) {
				for _, key := range []string{"href", "src"} {
					v := attr(n, key)
					if strings.HasPrefix(v, "/") && !strings.HasPrefix(v, "/portal/") {
						t.Errorf("%s: <%s %s=%q> escapes /portal/", name, tag, key, v)
					}
					if strings.HasPrefix(v, "https://example.org") && !strings.HasPrefix(v, "https://example.org/portal/") {
						t.Errorf("%s: <%s %s=%q> escapes /portal/", name, tag, key, v)
					}
					checked++
				}
			}
		}
		for _, m := range findAll(doc, "meta") {
			if c := attr(m, "content"); attr(m, "http-equiv") == "refresh" && !strings.Contains(c, "url=/portal/") {
				t.Errorf("%s: redirect %q escapes /portal/", name, c)
			}
		}
	}
	if checked < 500 {
		t.Errorf("only %d attributes checked", checked)
	}
	// Feeds, sitemap and robots.txt carry the prefix too.
	tree := readTree(t, dest)
	abs := regexp.MustCompile(`https?://[^"<\s]+`)
	for _, name := range []string{"feed.xml", "en/feed.xml", "sitemap.xml", "robots.txt"} {
		urls := abs.FindAllString(string(tree[name]), -1)
		if len(urls) == 0 {
			t.Errorf("%s: no URLs", name)
		}
		for _, u := range urls {
			if strings.HasPrefix(u, "https://example.org") && !strings.HasPrefix(u, "https://example.org/portal/") {
				t.Errorf("%s: %s escapes /portal/", name, u)
			}
		}
	}
}

// TestEditorTextCannotRunScript: script in front matter and body is shown
// as text or dropped, and javascript: URLs never become links.
func TestEditorTextCannotRunScript(t *testing.T) {
	src := copySite(t)
	evil := "---\ntitle: \"Zły <script>alert(1)</script>\"\ndate: 2024-01-01\nsummary: \"<img src=x onerror=alert(2)>\"\nsource: \"javascript:alert(3)\"\n---\n<script>alert(4)</script>\n\n[klik](javascript:alert(5)) <b onmouseover=alert(6)>x</b>\n"
	os.WriteFile(filepath.Join(src, "content/news/zz-evil.pl.md"), []byte(evil), 0o644)
	dest := filepath.Join(t.TempDir(), "public")
	build(t, src, dest)
	for name := range readTree(t, dest) {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		doc := parseFile(t, filepath.Join(dest, name))
		for _, s := range findAll(doc, "script") {
			if strings.Contains(renderRaw(s), "alert(") && attr(s, "type") != "application/ld+json" {
				t.Errorf("%s: editor script became a <script>", name)
			}
		}
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			for _, a := range n.Attr {
				if strings.HasPrefix(a.Key, "on") || strings.HasPrefix(strings.TrimSpace(strings.ToLower(a.Val)), "javascript:") {
					t.Errorf("%s: <%s %s=%q>", name, n.Data, a.Key, a.Val)
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
	}
	page := parseFile(t, filepath.Join(dest, "aktualnosci/zly-script-alert-1-script/index.html"))
	if h1 := renderText(find(page, "h1")); h1 != "Zły <script>alert(1)</script>" {
		t.Errorf("title not shown as text: %q", h1)
	}
}

// leftBehind lists the temporary directories a build left beside dest
// (the build cache, .public.hubgen-cache, is not one).
func leftBehind(dest string) []string {
	var out []string
	for _, kind := range []string{"new", "old"} {
		m, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+"."+kind+"-*"))
		out = append(out, m...)
	}
	return out
}
