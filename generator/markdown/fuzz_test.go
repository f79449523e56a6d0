package markdown

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"hubgen/generator/content"
	"hubgen/generator/diag"
)

// FuzzConvert holds the Markdown converter to its promise that editors'
// HTML is dropped: whatever the body, the output has no element or
// attribute a browser would run. The seeds below and the files in
// testdata/fuzz/FuzzConvert run as ordinary tests; run it for longer with
//
//	go test ./generator/markdown -run '^$' -fuzz '^FuzzConvert$' -fuzztime 5m -parallel 1

// fuzzResolver resolves links to one organisation and one act, as a site
// would (URLs made from slugs), and reports every other file as missing.
type fuzzResolver struct {
	org, actPL, actEN *content.Page
}

func newFuzzResolver() fuzzResolver {
	return fuzzResolver{
		org:   &content.Page{Section: "organisations", Lang: "pl", URL: "/organizacje/europol/"},
		actPL: &content.Page{Section: "decisions", Lang: "pl", URL: "/akty-prawne/2018-1939/"},
		actEN: &content.Page{Section: "decisions", Lang: "en", URL: "/en/decisions/2018-1939/"},
	}
}

func (r fuzzResolver) ResolveFile(_ *content.Page, target string) (*content.Page, string) {
	if strings.HasSuffix(target, "europol.md") {
		return r.org, ""
	}
	return nil, "link to missing file " + target
}

func (r fuzzResolver) ResolveAct(lang, number string) *content.Page {
	if number != "2018/1939" {
		return nil
	}
	if lang == "en" {
		return r.actEN
	}
	return r.actPL
}

// forbiddenElements can run code, load other documents or change how the
// page's URLs and styles are read.
var forbiddenElements = map[string]bool{
	"script": true, "iframe": true, "frame": true, "frameset": true, "object": true,
	"embed": true, "applet": true, "style": true, "base": true, "form": true,
	"meta": true, "link": true, "svg": true, "math": true,
}

// urlAttributes hold URLs that a browser follows or loads.
var urlAttributes = map[string]bool{
	"href": true, "src": true, "action": true, "formaction": true, "xlink:href": true,
	"poster": true, "background": true, "cite": true, "data": true, "codebase": true,
	"longdesc": true, "lowsrc": true, "dynsrc": true, "ping": true, "manifest": true,
	"icon": true, "srcset": true,
}

var eventAttrRE = regexp.MustCompile(`^on[a-z]+$`)

// dangerousURL reports whether a URL (an attribute value after entity
// decoding) has a scheme that runs code, as a browser parses it: leading
// and trailing C0 controls and spaces are stripped and tabs and newlines
// removed before the scheme is read (WHATWG URL standard).
func dangerousURL(u string) bool {
	u = strings.TrimFunc(u, func(r rune) bool { return r <= 0x20 })
	u = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, u)
	u = strings.ToLower(u)
	switch {
	case strings.HasPrefix(u, "javascript:"), strings.HasPrefix(u, "vbscript:"):
		return true
	case strings.HasPrefix(u, "data:"):
		mime := strings.TrimLeft(strings.TrimPrefix(u, "data:"), " \t\n\f\r")
		return strings.HasPrefix(mime, "text/html") || strings.HasPrefix(mime, "application/xhtml")
	}
	return false
}

// executableMarkup lists what in out a browser could run: forbidden
// elements, event handler attributes and URLs with a script scheme.
func executableMarkup(out []byte) []string {
	var problems []string
	lower := bytes.ToLower(out)
	for name := range forbiddenElements {
		if bytes.Contains(lower, []byte("<"+name)) {
			// A literal "<name" is a tag wherever it appears: goldmark
			// escapes '<' in text and attribute values.
			problems = append(problems, fmt.Sprintf("the text %q", "<"+name))
		}
	}
	z := html.NewTokenizer(bytes.NewReader(out))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				problems = append(problems, fmt.Sprintf("tokenizer: %v", z.Err()))
			}
			return problems
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		if forbiddenElements[tok.Data] {
			problems = append(problems, fmt.Sprintf("element <%s>", tok.Data))
		}
		for _, a := range tok.Attr {
			key := strings.ToLower(a.Key)
			if eventAttrRE.MatchString(key) {
				problems = append(problems, fmt.Sprintf("event handler %s=%q on <%s>", key, a.Val, tok.Data))
			}
			if key == "srcdoc" {
				problems = append(problems, fmt.Sprintf("srcdoc on <%s>", tok.Data))
			}
			if !urlAttributes[key] {
				continue
			}
			urls := []string{a.Val}
			if key == "srcset" {
				urls = strings.Split(a.Val, ",")
			}
			for _, u := range urls {
				if dangerousURL(u) {
					problems = append(problems, fmt.Sprintf("%s=%q on <%s>", key, a.Val, tok.Data))
				}
			}
		}
	}
}

// TestFuzzConvertChecker: the check FuzzConvert applies finds executable
// markup, and passes what the converter writes for ordinary Markdown.
func TestFuzzConvertChecker(t *testing.T) {
	bad := []string{
		`<script>alert(1)</script>`,
		`<SCRIPT SRC=//x></SCRIPT>`,
		`<p>x<ScRiPt>`,
		`<img src=x onerror=alert(1)>`,
		`<a href="x" ONMOUSEOVER="alert(1)">x</a>`,
		`<a href="javascript:alert(1)">x</a>`,
		`<a href="&#106;avascript:alert(1)">x</a>`,
		`<a href="&#x6A;avascript&colon;alert(1)">x</a>`,
		`<a href=" java&#9;script:alert(1)">x</a>`,
		"<a href=\"\x01JAVASCRIPT:alert(1)\">x</a>",
		`<a href="VBScript:msgbox(1)">x</a>`,
		`<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>`,
		`<img src="data: TEXT/HTML,<script>alert(1)</script>">`,
		`<iframe src="x"></iframe>`,
		`<object data="x">`,
		`<embed src="x">`,
		`<style>*{}</style>`,
		`<base href="//evil.example/">`,
		`<form action="x">`,
		`<meta http-equiv="refresh" content="0;url=x">`,
		`<link rel="stylesheet" href="x">`,
		`<svg onload=alert(1)>`,
		`<math><mi xlink:href="javascript:alert(1)">x</mi></math>`,
		`<img srcset="a.png 1x, javascript:alert(1) 2x">`,
	}
	for _, b := range bad {
		if len(executableMarkup([]byte(b))) == 0 {
			t.Errorf("not flagged: %s", b)
		}
	}
	good := []string{
		"# Nagłówek\n\nTekst *z* [linkiem](https://europa.eu/) i ![obrazem](data:image/png;base64,AAAA).\n",
		"<script>alert(1)</script>\n\nonclick=x javascript:alert(1) data:text/html\n",
		"[x](https://example.org/?q=javascript:alert(1) \"javascript:alert(1)\")\n",
		"`<script>` i <b onclick=x>pogrubienie</b>\n\n```html\n<script>x</script>\n```\n",
		"Tekst[^1].\n\n[^1]: Przypis.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
	}
	for _, g := range good {
		page := &content.Page{Path: "content/news/x.pl.md", Section: "news", Lang: "pl", Body: []byte(g), BodyLine: 1}
		out := New(Config{}).Convert(page, newFuzzResolver(), &diag.List{}).HTML
		if p := executableMarkup([]byte(out)); len(p) > 0 {
			t.Errorf("flagged %v in the safe output\n%s", p, out)
		}
	}
}

// fuzzActPL is a small Polish act, the body of a page in decisions, with
// {X} where the fuzz input goes.
const fuzzActPL = `RADA UNII EUROPEJSKIEJ,

uwzględniając Traktat o Unii Europejskiej, w szczególności jego art. 28 ust. 1,

a także mając na uwadze, co następuje:

(1) Motyw pierwszy, zob. art. 2 ust. 2 lit. b) oraz decyzję (WPZiB) 2018/1939.

PRZYJMUJE NINIEJSZĄ DECYZJĘ:

## Artykuł 1

Artykuł bez ustępów.

## Artykuł 2

1. Ustęp pierwszy.
2. Ustęp drugi:
   - a) punkt a;
   - b) punkt b.
3. Ustęp trzeci. {X}

Sporządzono w Luksemburgu dnia 19 czerwca 2023 r.

## ZAŁĄCZNIK

### Tytuł załącznika

#### Sekcja

Tekst załącznika.
`

// fuzzSeeds are XSS payloads in every construct of the Markdown the portal
// accepts, news items and acts alike.
var fuzzSeeds = []string{
	"",
	"Zwykły akapit z **pogrubieniem** i [linkiem](../organisations/europol.md#cele).\n",
	"<script>alert(1)</script>\n",
	"<SCRIPT SRC=//evil.example/x.js></SCRIPT>\n",
	"<div onclick=\"alert(1)\">x</div>\n\ntekst\n",
	"Tekst <b onmouseover=alert(1)>pogrubiony</b> i <img src=x onerror=alert(1)>.\n",
	"<iframe src=\"javascript:alert(1)\"></iframe>\n",
	"<svg><script>alert(1)</script></svg>\n",
	"<!-- <script>alert(1)</script> -->\n",
	"<style>body{background:url(javascript:alert(1))}</style>\n",
	"<base href=\"//evil.example/\">\n<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">\n",
	"[x](javascript:alert(1))\n",
	"[x](JaVaScRiPt:alert(1))\n",
	"[x](<javascript:alert(1)>)\n",
	"[x](< javascript:alert(1)>)\n",
	"[x](&#106;avascript:alert(1))\n",
	"[x](&#x6A;avascript&colon;alert(1))\n",
	"[x](&amp;#106;avascript:alert(1))\n",
	"[x](java&#9;script:alert(1))\n",
	"[x](java&#10;script:alert(1))\n",
	"[x](\\javascript:alert(1))\n",
	"[x](vbscript:msgbox(1))\n",
	"[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)\n",
	"[x](data:image/svg+xml,<svg onload=alert(1)>)\n",
	"[x](\"onmouseover=alert(1) \"title\")\n",
	"[x](/a \"\\\" onmouseover=\\\"alert(1)\")\n",
	"![x](javascript:alert(1))\n",
	"![x\" onerror=\"alert(1)](x.png)\n",
	"![x](data:image/png;base64,AAAA\" onerror=\"alert(1))\n",
	"![x](x.png \"\\\" onerror=\\\"alert(1)\")\n",
	"<javascript:alert(1)>\n",
	"<JAVASCRIPT:alert(1)>\n",
	"<vbscript:msgbox(1)>\n",
	"<data:text/html,<script>alert(1)</script>>\n",
	"<x@y.z\" onmouseover=\"alert(1)>\n",
	"www.example.org/\"onmouseover=\"alert(1)\n",
	"https://example.org/<script>alert(1)</script>\n",
	"[a]: javascript:alert(1)\n\n[x][a] i ![y][a]\n",
	"[a]: <javascript:alert(1)> \"t\"\n\n[a]\n",
	"Tekst[^1].\n\n[^1]: <script>alert(1)</script> [x](javascript:alert(1))\n",
	"Tekst[^\"onmouseover=alert(1)].\n\n[^\"onmouseover=alert(1)]: Przypis.\n",
	"Tekst[^<script>].\n\n[^<script>]: x\n",
	"## <script>alert(1)</script>\n",
	"## Nagłówek \" onclick=\"alert(1)\n",
	"## x {#id onclick=alert(1)}\n",
	"Nagłówek <img src=x onerror=alert(1)>\n===\n",
	"| <script>alert(1)</script> | [x](javascript:alert(1)) |\n|---|---|\n| <img src=x onerror=alert(1)> | b |\n",
	"~~<script>alert(1)</script>~~\n",
	"`<script>alert(1)</script>`\n\n```html\n<script>alert(1)</script>\n```\n",
	"> <script>alert(1)</script>\n> [x](javascript:alert(1))\n",
	"- <iframe src=x>\n- [x](javascript:alert(1))\n",
	"<a href=\"javascript:alert(1)\">x</a>\n",
	"<a\nhref=javascript:alert(1)>x</a>\n",
	"<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>\n",
	"<object data=\"javascript:alert(1)\"></object><embed src=\"javascript:alert(1)\">\n",
	"<form action=\"javascript:alert(1)\"><button>x</button></form>\n",
	"<link rel=import href=\"//evil.example/\">\n",
	"&lt;script&gt;alert(1)&lt;/script&gt;\n",
	"<scr<script>ipt>alert(1)</script>\n",
	"\x00<script>\x00alert(1)</script>\n",
	"## Artykuł 1\n\n<script>alert(1)</script>\n\n## Artykuł 2\n\n1. [x](javascript:alert(1))\n2. <img src=x onerror=alert(1)>\n   - a) <svg onload=alert(1)>\n",
	"uwzględniając <script>alert(1)</script>,\n\n(1) Motyw [x](javascript:alert(1)).\n\n(2) <iframe src=x>\n\nPRZYJMUJE NINIEJSZĄ DECYZJĘ:\n\n## Artykuł 1\n\nZgodnie z art. 1 <b onclick=x>x</b>.\n",
	"## Artykuł 1\" onclick=\"alert(1)\n\n## ZAŁĄCZNIK <script>\n\n### <img src=x onerror=alert(1)>\n",
	"## Article 1\n\nUnder Article 1(1)(a) [x](javascript:alert(1)) and Decision (CFSP) 2018/1939.\n\nDone at <script>alert(1)</script>\n",
	"(1) Motyw zob. decyzję (WPZiB) 2018/1939 <script>alert(1)</script>.\n",
	"## Artykuł 1\n\n1. Ustęp <script>\n2. Ustęp zob. ust. 1 [^x].\n\n[^x]: <img src=x onerror=alert(1)>\n",
}

func FuzzConvert(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	conv := New(Config{BasePath: "/portal", Strict: true, AnchorLabel: func(lang, kind, num string) string {
		return lang + " " + kind + " " + num
	}})
	r := newFuzzResolver()
	f.Fuzz(func(t *testing.T, body string) {
		check := func(what string, out []byte) {
			t.Helper()
			if p := executableMarkup([]byte(out)); len(p) > 0 {
				t.Errorf("%s: executable markup in the output: %s\nbody: %q\nhtml:\n%s", what, strings.Join(p, "; "), body, out)
			}
		}
		type conversion struct{ name, section, lang, body string }
		for _, c := range []conversion{
			{"news", "news", "pl", body},
			{"act body pl", "decisions", "pl", body},
			{"act body en", "decisions", "en", body},
			{"act article pl", "decisions", "pl", strings.Replace(fuzzActPL, "{X}", body, 1)},
		} {
			page := &content.Page{
				Path: "content/" + c.section + "/x." + c.lang + ".md", Section: c.section, Kind: kindOf(c.section), Lang: c.lang, Name: "x",
				Body: []byte(c.body), BodyLine: 4, URL: "/" + c.section + "/x/",
			}
			res := conv.Convert(page, r, &diag.List{})
			check(c.name, []byte(res.HTML))
			if !page.Kind.Act {
				continue
			}
			if res.Act == nil {
				t.Fatalf("%s: no act structure for a page in decisions", c.name)
			}
			for _, u := range res.Act.Units {
				check(c.name+", parallel unit "+u.Key, []byte(u.HTML))
			}
		}
	})
}
