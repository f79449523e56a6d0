package hugoimport

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"hubgen/internal/gittest"
)

func TestParseDate(t *testing.T) {
	cet := time.FixedZone("", 3600)
	var native map[string]any
	if _, err := toml.Decode("a = 2020-01-02\nb = 2020-01-02T03:04:05\nc = 2020-01-02T03:04:05+01:00", &native); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		in   any
		want string
	}{
		{"2020-01-02", "2020-01-02"},
		{"2020-01-02T03:04:05+01:00", "2020-01-02T03:04:05+01:00"},
		{"2020-01-02T03:04:05.123Z", "2020-01-02T03:04:05.123Z"},
		{"2020-01-02T03:04:05", "2020-01-02T03:04:05Z"},
		{"2020-01-02 03:04:05", "2020-01-02T03:04:05Z"},
		{"2020-01-02 03:04:05 -0700", "2020-01-02T03:04:05-07:00"},
		{"2020-01-02 03:04:05 -07:00", "2020-01-02T03:04:05-07:00"},
		{"02 Jan 2020", "2020-01-02"},
		{"Thu, 02 Jan 2020 03:04:05 +0100", "2020-01-02T03:04:05+01:00"}, // RFC 1123Z
		{"Thu, 02 Jan 2020 03:04:05 UTC", "2020-01-02T03:04:05Z"},        // RFC 1123
		{"02 Jan 20 03:04 +0100", "2020-01-02T03:04:00+01:00"},           // RFC 822Z
		{"02 Jan 20 03:04 UTC", "2020-01-02T03:04:00Z"},                  // RFC 822
		{"Thursday, 02-Jan-20 03:04:05 UTC", "2020-01-02T03:04:05Z"},     // RFC 850
		{"Thu Jan  2 03:04:05 2020", "2020-01-02T03:04:05Z"},             // ANSIC
		{"Thu Jan  2 03:04:05 UTC 2020", "2020-01-02T03:04:05Z"},         // UnixDate
		{"Thu Jan 02 03:04:05 +0100 2020", "2020-01-02T03:04:05+01:00"},  // RubyDate
		{time.Date(2020, 1, 2, 3, 4, 5, 0, cet), "2020-01-02T03:04:05+01:00"},
		{native["a"], "2020-01-02"},
		{native["b"], "2020-01-02T03:04:05Z"},
		{native["c"], "2020-01-02T03:04:05+01:00"},
	} {
		d, err := parseDate(tc.in, time.UTC)
		if err != nil || d.format() != tc.want {
			t.Errorf("parseDate(%v) = %s, %v; want %s", tc.in, d.format(), err, tc.want)
		}
	}
	if _, err := parseDate("yesterday", time.UTC); err == nil {
		t.Error("parseDate(yesterday) passed")
	}
}

func TestMakePath(t *testing.T) {
	c := &hugoConfig{}
	for in, want := range map[string]string{
		"A + B":                              "a--b",
		"C++ x":                              "c-x",
		"a -- b":                             "a--b",
		"50% off":                            "50-off",
		"a.b_c~d@e":                          "a.b_c~d@e",
		"Ünï Çode":                           "ünï-çode",
		"a, b":                               "a-b",
		"a – b":                              "a-b",
		"Hello, World: C# (Beta) + 50% off?": "hello-world-c#-beta--50-off",
		"posts/sub/Spaced Name":              "posts/sub/spaced-name",
	} {
		if got := c.makePath(in); got != want {
			t.Errorf("makePath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPageURL(t *testing.T) {
	date := &hugoDate{t: time.Date(2021, 3, 4, 0, 0, 0, 0, time.UTC)}
	for _, tc := range []struct {
		name   string
		cfg    hugoConfig
		p      page
		matter string
		want   string
	}{
		{"regular", hugoConfig{defaultLang: "pl"}, page{rel: "posts/a.md", group: "posts/a", lang: "pl"}, "", "/posts/a/"},
		{"other language", hugoConfig{defaultLang: "pl"}, page{rel: "posts/a.en.md", group: "posts/a", lang: "en"}, "", "/en/posts/a/"},
		{"default in subdir", hugoConfig{defaultLang: "pl", defaultInSubdir: true}, page{rel: "a.md", group: "a", lang: "pl"}, "", "/pl/a/"},
		{"slug", hugoConfig{defaultLang: "pl"}, page{rel: "posts/Sub/a.md", group: "posts/Sub/a", lang: "pl"}, "slug: My Slug ż", "/posts/sub/my-slug-ż/"},
		{"url", hugoConfig{defaultLang: "pl"}, page{rel: "posts/a.en.md", group: "posts/a", lang: "en"}, "url: about", "/about/"},
		{"url html", hugoConfig{defaultLang: "pl"}, page{rel: "a.md", group: "a", lang: "pl"}, "url: /x/y.html", "/x/y.html"},
		{"bundle", hugoConfig{defaultLang: "pl"}, page{rel: "posts/trip/index.md", group: "posts/trip", lang: "pl", kind: bundlePage}, "", "/posts/trip/"},
		{"branch", hugoConfig{defaultLang: "pl"}, page{rel: "posts/_index.en.md", group: "posts/_index", lang: "en", kind: branchPage}, "", "/en/posts/"},
		{"ugly", hugoConfig{defaultLang: "pl", uglyURLs: true}, page{rel: "posts/a.md", group: "posts/a", lang: "pl"}, "", "/posts/a.html"},
		{"no lower case", hugoConfig{defaultLang: "pl", disablePathToLower: true}, page{rel: "Posts/A.md", group: "Posts/A", lang: "pl"}, "", "/Posts/A/"},
		{"permalink slug", hugoConfig{defaultLang: "pl", permalinks: map[string]string{"blog": "/:year/:month/:slug/"}}, page{rel: "blog/p.md", group: "blog/p", lang: "pl", date: date}, "title: Witaj, Świecie!", "/2021/03/witaj-świecie/"},
		{"permalink filename", hugoConfig{defaultLang: "pl", permalinks: map[string]string{"blog": "/:section/:day/:filename/"}}, page{rel: "blog/File.md", group: "blog/File", lang: "pl", date: date}, "", "/blog/04/file/"},
		{"permalink title", hugoConfig{defaultLang: "pl", permalinks: map[string]string{"blog": "/:title/"}}, page{rel: "blog/p.en.md", group: "blog/p", lang: "en"}, "title: A + B", "/en/a--b/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, err := splitMatter([]byte("---\n" + tc.matter + "\n---\n"))
			if err != nil {
				t.Fatal(err)
			}
			p := tc.p
			p.m = m
			if got := tc.cfg.pageURL(&p); got != tc.want {
				t.Errorf("pageURL = %s, want %s", got, tc.want)
			}
		})
	}
}

func TestResolveAlias(t *testing.T) {
	for _, tc := range []struct{ page, alias, want string }{
		{"/posts/a/", "old", "/posts/old/"},
		{"/posts/a/", "/old/", "/old/"},
		{"/posts/a/", "/old", "/old/"},
		{"/en/posts/b/", "../up", "/en/up/"},
		{"/english-url/", "rel", "/rel/"},
		{"/posts/a.html", "b.html", "/posts/b.html"},
		{"/posts/a/", "/x/./y//", "/x/y/"},
	} {
		if got := resolveAlias(tc.page, tc.alias); got != tc.want {
			t.Errorf("resolveAlias(%s, %s) = %s, want %s", tc.page, tc.alias, got, tc.want)
		}
	}
}

func TestParseShortcode(t *testing.T) {
	for _, tc := range []struct {
		in                     string
		name                   string
		pos                    []string
		named                  map[string]string
		closing, self, esc, md bool
	}{
		{`{{< youtube abc >}}`, "youtube", []string{"abc"}, nil, false, false, false, false},
		{`{{<youtube id="a b" title="T \"q\"">}}`, "youtube", nil, map[string]string{"id": "a b", "title": `T "q"`}, false, false, false, false},
		{"{{% note `raw \"x\"` %}}", "note", []string{`raw "x"`}, nil, false, false, false, true},
		{`{{< /highlight >}}`, "highlight", nil, nil, true, false, false, false},
		{`{{< gallery dir="/img" />}}`, "gallery", nil, map[string]string{"dir": "/img"}, false, true, false, false},
		{`{{</* youtube abc */>}}`, "", nil, nil, false, false, true, false},
	} {
		sc, ok := parseShortcode(tc.in, 0)
		if !ok || sc.end != len(tc.in) || sc.name != tc.name || sc.closing != tc.closing || sc.selfClose != tc.self || sc.escaped != tc.esc || sc.markdown != tc.md ||
			strings.Join(sc.pos, "|") != strings.Join(tc.pos, "|") || len(sc.named) != len(tc.named) {
			t.Errorf("parseShortcode(%s) = %+v, %v", tc.in, sc, ok)
			continue
		}
		for k, v := range tc.named {
			if sc.named[k] != v {
				t.Errorf("parseShortcode(%s): %s = %q, want %q", tc.in, k, sc.named[k], v)
			}
		}
	}
}

// testSite writes a Hugo site of files into a temporary folder.
func testSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	gittest.Write(t, dir, files)
	return dir
}

// importBody imports a one-page site (plus posts/b.md) and returns the
// converted body of content/posts/a.md and the report.
func importBody(t *testing.T, body string, opts Options) (string, *Report) {
	t.Helper()
	src := testSite(t, map[string]string{
		"hugo.toml":              "baseURL = \"https://x.org/\"\ndefaultContentLanguage = \"en\"\n[params]\nwho = \"Ann\"\n",
		"content/posts/a.md":     "---\ntitle: A\ndate: 2020-01-01\n---\n" + body,
		"content/posts/b.md":     "---\ntitle: B\ndate: 2020-01-01\n---\n## Ünïcode & Co\n\n## 2020 plan\n\n## 2020 plan\n",
		"content/posts/d.md":     "---\ntitle: D\ndate: 2020-01-01\ndraft: true\n---\nx\n",
		"content/about/index.md": "---\ntitle: About\n---\nx\n",
		"static/img/x.png":       "png",
	})
	opts.Now = testNow
	dest := filepath.Join(t.TempDir(), "out")
	rep, err := Import(src, dest, opts)
	if err != nil {
		t.Fatal(err)
	}
	out, err := os.ReadFile(filepath.Join(dest, "content/news/a.en.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, after, _ := strings.Cut(string(out), "---\n")
	_, after, _ = strings.Cut(after, "---\n")
	return after, rep
}

func TestConvertBody(t *testing.T) {
	for _, tc := range []struct {
		name, in, want, report string
		keep                   bool
	}{
		{"youtube", "{{< youtube abc >}}\n", "[YouTube video abc](https://www.youtube.com/watch?v=abc)\n", "", false},
		{"youtube named", `{{< youtube id="abc" title="Film" >}}` + "\n", "[Film](https://www.youtube.com/watch?v=abc)\n", "", false},
		{"vimeo", "{{< vimeo 42 >}}\n", "[Vimeo video 42](https://vimeo.com/42)\n", "", false},
		{"figure", `{{< figure src="/img/x.png" alt="X" caption="Cap" link="https://e.org/" >}}` + "\n", "[![X](/img/x.png)](https://e.org/)\n\nCap\n", "", false},
		{"figure caption as alt", `{{< figure src="/img/x.png" caption="Cap" >}}` + "\n", "![Cap](/img/x.png)\n\nCap\n", "", false},
		{"highlight", "{{< highlight go \"linenos=table\" >}}\nx := 1\n{{< /highlight >}}\n", "```go\nx := 1\n```\n", "", false},
		{"gist", "{{< gist u 1 >}}\n", "[Gist u/1](https://gist.github.com/u/1)\n", "", false},
		{"tweet", `{{< tweet user="u" id="1" >}}` + "\n", "[Post by @u](https://twitter.com/u/status/1)\n", "", false},
		{"x", `{{< x user="u" id="1" >}}` + "\n", "[Post by @u](https://x.com/u/status/1)\n", "", false},
		{"instagram", "{{< instagram P >}}\n", "[Instagram post P](https://www.instagram.com/p/P/)\n", "", false},
		{"param", `{{< param "who" >}}` + "\n", "Ann\n", "", false},
		{"ref", `[b]({{< ref "b.md#ünïcode--co" >}})` + "\n", "[b](b.en.md#unicode-co)\n", "", false},
		{"relref bundle", `[x]({{< relref "/about" >}})` + "\n", "[x](../pages/about/index.en.md)\n", "", false},
		{"escaped", "{{</* youtube abc */>}}\n", "`{{< youtube abc >}}`\n", "", false},
		{"escaped in code", "```\n{{</* youtube abc */>}}\n```\n", "```\n{{< youtube abc >}}\n```\n", "", false},
		{"code left alone", "`{{< youtube a >}}`\n\n    {{< youtube b >}}\n", "`{{< youtube a >}}`\n\n    {{< youtube b >}}\n", "", false},
		{"unknown", "a {{< note >}}b{{< /note >}} c\n", "a b c\n", "content/posts/a.md:5: unknown shortcode {{< note >}} removed", false},
		{"unknown kept", "a {{% note %}}\n", "a `{{% note %}}`\n", "content/posts/a.md:5: unknown shortcode {{% note %}} kept as inline code", true},
		{"site path", "[b](/posts/b/)\n", "[b](b.en.md)\n", "", false},
		{"fragment", "[b](/posts/b/#2020-plan-1)\n", "[b](b.en.md#h-2020-plan-1)\n", "", false},
		{"relative URL", "[b](../b/)\n", "[b](b.en.md)\n", "", false},
		{"md file", "[b](b.md)\n", "[b](b.en.md)\n", "", false},
		{"static", "![x](/img/x.png)\n", "![x](/img/x.png)\n", "", false},
		{"external", "[e](https://e.org/x)\n", "[e](https://e.org/x)\n", "", false},
		{"broken", "see [gone](/nope/) now\n", "see gone now\n", "content/posts/a.md:5: link to /nope/ (no page of the site has that URL); written as plain text", false},
		{"draft target", "[d](/posts/d/)\n", "d\n", "content/posts/a.md:5: link to /posts/d/ (content/posts/d.md is not published: a draft, dated in the future or expired); written as plain text", false},
		{"section list", "[all](/posts/)\n", "[all](/news/)\n", "", false},
		{"html inline", "<b>x</b> <i>y</i> <code>z</code> <a href=\"/posts/b/\">b</a><br>\nn\n", "**x** *y* `z` [b](b.en.md)\\\nn\n", "", false},
		{"html img", `<img src="/img/x.png" alt="X">` + "\n", "![X](/img/x.png)\n", "", false},
		{"html self-closing", "a<br/>b <img src=\"/img/x.png\" alt=\"X\"/>\n", "a\\\nb ![X](/img/x.png)\n", "", false},
		{"html block", "<div>\ntext\n</div>\n", "\ntext\n\n", "content/posts/a.md:5: raw HTML <div> is not published: the tags were removed, the text kept", false},
		{"script", "<script>alert(1)</script>\nok\n", "\nok\n", "content/posts/a.md:5: raw HTML <script> is not published: removed with its content", false},
		{"comments and more", "a\n<!--more-->\n<!-- note -->\n", "a\n<!--more-->\n<!-- note -->\n", "", false},
		{"heading attribute", "## Title {#custom}\n\n[t](#custom)\n", "## Title\n\n[t](#title)\n", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, rep := importBody(t, tc.in, Options{KeepUnknown: tc.keep})
			if got != tc.want {
				t.Errorf("body:\n%q\nwant:\n%q", got, tc.want)
			}
			var items []string
			for _, it := range rep.NotConverted {
				if strings.HasPrefix(it.Path, "content/posts/a.md") {
					items = append(items, it.String())
				}
			}
			if strings.Join(items, "\n") != tc.report {
				t.Errorf("report:\n%s\nwant:\n%s", strings.Join(items, "\n"), tc.report)
			}
		})
	}
}

func TestHeadingIDs(t *testing.T) {
	body := "# Hello *World* 2 & co_x\n\n## Hello World 2 & co_x\n\nSetext\n======\n\n```\n# not a heading\n```\n\n## 2020\n\n## Ünïcode — test\n"
	got := headingIDs(headings(body, codeSpans(body)))
	want := map[string]string{
		"hello-world-2--co_x":   "hello-world-2-co-x",
		"hello-world-2--co_x-1": "hello-world-2-co-x-1",
		"setext":                "setext",
		"2020":                  "h-2020",
		"ünïcode--test":         "unicode-test",
	}
	if len(got) != len(want) {
		t.Errorf("ids %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("id %s -> %s, want %s", k, got[k], v)
		}
	}
}

func TestRelPath(t *testing.T) {
	for _, tc := range []struct{ dir, f, want string }{
		{"content/news", "content/news/a.pl.md", "a.pl.md"},
		{"content/news", "content/pages/b.en.md", "../pages/b.en.md"},
		{"content/news/trip", "content/pages/b.en.md", "../../pages/b.en.md"},
		{"content/news", "content/news/trip/index.pl.md", "trip/index.pl.md"},
	} {
		if got := relPath(tc.dir, tc.f); got != tc.want {
			t.Errorf("relPath(%s, %s) = %s, want %s", tc.dir, tc.f, got, tc.want)
		}
	}
}

// TestNames: nested folders never collide, two names that still do get a
// suffix, translations share one, news without a date goes to pages.
func TestNames(t *testing.T) {
	src := testSite(t, map[string]string{
		"hugo.toml":                        "defaultContentLanguage = \"pl\"\n[languages.pl]\nweight = 1\n[languages.en]\nweight = 2\n",
		"content/events/2019/weekly.md":    "---\ntitle: A\ndate: 2019-01-01\n---\n",
		"content/events/2019/weekly.en.md": "---\ntitle: A\ndate: 2019-01-01\n---\n",
		"content/events/2019-weekly.md":    "---\ntitle: B\ndate: 2019-01-01\n---\n",
		"content/posts/Zażółć Gęślą.md":    "---\ntitle: C\ndate: 2019-01-01\n---\n",
		"content/posts/undated.md":         "---\ntitle: D\n---\n",
		"content/docs/guide.md":            "---\ntitle: E\n---\n",
		"content/projekty/x.md":            "---\ntitle: F\n---\n",
	})
	dest := filepath.Join(t.TempDir(), "out")
	if _, err := Import(src, dest, Options{Now: testNow, Sections: map[string]string{"docs": "organisations"}}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{
		"content/news/2019-weekly.pl.md", "content/news/2019-weekly-2.en.md", "content/news/2019-weekly-2.pl.md",
		"content/news/zazolc-gesla.pl.md", "content/pages/posts-undated.pl.md", "content/organisations/guide.pl.md",
		"content/projects/x.pl.md",
	} {
		if _, err := os.Stat(filepath.Join(dest, f)); err != nil {
			b, _ := os.ReadFile(filepath.Join(dest, "import-report.md"))
			t.Errorf("no %s\n%s", f, b)
		}
	}
}

func TestReportMarkdown(t *testing.T) {
	r := &Report{Pages: 2, Files: 1}
	r.notConverted("content/b.md", 3, "x")
	r.notConverted("content/a.md", 10, "y")
	r.notConverted("content/a.md", 2, "z")
	r.notConverted("content/a.md", 2, "z")
	r.decide("content/a.md", 0, "d")
	r.NotConverted, r.Decisions = sortItems(r.NotConverted), sortItems(r.Decisions)
	want := "# Import report\n\n2 pages written, 1 files copied, 3 items not converted.\n\n" +
		"## In short\n\nWhat was not converted, by kind (every item, with its place, follows).\n\n- 3 other items (pages, files and old URLs left out)\n\n## Not converted\n\n" +
		"Parts of the Hugo site the hubgen site does not publish (path:line in the Hugo site).\n\n" +
		"- content/a.md:2: z\n- content/a.md:10: y\n- content/b.md:3: x\n\n## Decisions\n\nChoices the import made.\n\n- content/a.md: d\n"
	if got := r.Markdown(); got != want {
		t.Errorf("report:\n%s\nwant:\n%s", got, want)
	}
}

// TestDeterministic: two imports of one site are byte-identical, and an
// import never writes into a directory that is not empty.
func TestDeterministic(t *testing.T) {
	var trees []map[string]string
	for range 2 {
		dest := filepath.Join(t.TempDir(), "out")
		if _, err := Import("testdata/hugosite", dest, Options{Now: testNow, Theme: os.DirFS("../..")}); err != nil {
			t.Fatal(err)
		}
		tree := map[string]string{}
		_ = filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				b, _ := os.ReadFile(p)
				rel, _ := filepath.Rel(dest, p)
				tree[rel] = string(b)
			}
			return nil
		})
		trees = append(trees, tree)
		if _, err := Import("testdata/hugosite", dest, Options{Now: testNow}); err == nil || !strings.Contains(err.Error(), "not empty") {
			t.Errorf("import into a non-empty directory: %v", err)
		}
	}
	if len(trees[0]) != len(trees[1]) {
		t.Fatalf("%d files, then %d", len(trees[0]), len(trees[1]))
	}
	for k, v := range trees[0] {
		if trees[1][k] != v {
			t.Errorf("%s differs between two imports", k)
		}
	}
}
