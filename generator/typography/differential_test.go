package typography

import (
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"unsafe"

	"hubgen/internal/corpus"
)

// tricky are hand-written inputs at the edges of the rules: quotation
// marks at tag boundaries, code and pre, attributes with quotation marks,
// entities, numbers with units, "r.", ranges, addresses, one-letter words
// at the end of a text node, multi-byte letters, broken markup and UTF-8.
var tricky = []string{
	"",
	" ",
	"\n",
	"w",
	"w ",
	"<p>w </p>",
	"<p>i <a href=\"x\">link</a></p>",
	"<p>Spotkanie w Warszawie z Polski i Niemiec, a budżet o tym u nas.</p>",
	"<p>&quot;Centrum&quot; i &quot;w&quot; <em>&quot;x&quot;</em>&quot;</p>",
	"<p><em>&quot;</em>tekst<strong>&quot;</strong></p>",
	"<p>&quot;<code>x</code>&quot; <code>w &quot;cudzysłowie&quot; 10-20</code></p>",
	"<pre><code>w &quot;bloku&quot; 10-20 a i o\n</code></pre><p>a &quot;b&quot;</p>",
	"<pre><code>nested <code>x</code> a i </code>still &quot;in&quot;</pre> w &quot;out&quot;",
	"</code></code>a &quot;b&quot; <code/> i w <CODE>a &quot;b&quot;</Code> w <Pre>x 1-2</PRE> z",
	"<script>a = \"x\" - 1-2 i w</script><style>a - b</style><kbd>1-2</kbd><samp>w a</samp>",
	"<p title=\"Tytuł w &quot;cudzysłowie&quot;\">a &quot;b&quot;</p><img alt=\"Obraz &quot;alt&quot; w tekście\" src=\"x.png\">",
	"<a href=\"https://example.org/a-b/1-2\">https://example.org/a-b/1-2</a> i www.example.org/o-u też",
	"adres jan@example.org i (https://x.pl/1-2) [www.a.pl] &quot;http://q.pl&quot; „/ścieżka/1-2” ../docs/a-1.md ./b-1 /c-2 and/or 2023/1187",
	"19 czerwca 2023 r. 10 km, 5 mln euro 12 zł; 3,5 proc. 1.5 m) 100 %, 20 °C 7 os. 2 tys. 4 mld 3 r, 4 rr. 5 w. 6 EUR 7 USD 8 PLN 9 min 1 s 2 h 3 l 4 ha 5 t 6 g 7 kg 8 mm 9 cm",
	"1 stycznia 2 lutego 3 marca 4 kwietnia 5 maja 6 lipca 7 sierpnia 8 września 9 października 10 listopada 11 grudnia",
	"2023 r.\n2024 r.\t2025  r. 2026 „r.” 2027 r.” 2028 r.), 10 km.) 3,5. 5, 1. 7\nkm",
	"art. 5 ust. 1 pkt 3 nr 4 § 2 poz. 7 s. 12 lit. a Art. 3 Nr 9 art.  5 art.\n5 art. ٣ art. x",
	"2019-2020 2021-2027 - as planned 10-20 art. 3-5 2023-06-19 a-1 1-a 12345-1 1-12345 x10-20 .10-20 ,1-2 (1-2) „1-2” 1-2-3 -1 1- – - -",
	"&quot;10-20&quot; &#39;1-2&#39; '3-4' 5-6&quot; &amp;7-8 &lt;9-10&gt;",
	"a - b w - z - - - 1 - 2\n-\n- x",
	"The agency&#39;s &quot;first&quot; meeting, don't 'x' &#39;y&#39; &quot;&quot; '' (&quot;a&quot;) [&quot;b&quot;] {&quot;c&quot;}",
	"&quot;w Warszawie&quot; (&quot;a b&quot;) &quot;2023 r.&quot; „art. 5” „w” (w [z („i ([a",
	"&quot", "&quot;", "&#39", "&#39;", "&", "'", "&amp;quot;", "&&quot;", "&quot;&quot;&quot;", "a&quot;b&#39;c'd",
	"<", ">", "<>", "</>", "<p", "a < b", "a > b", "<p>a</p", "</p>", "<br>&quot;x", "<br/>&quot;x", "<x>&quot;y", "<h1>&quot;a</h1>&quot;b",
	"<p>zażółć gęślą jaźń w Łodzi i Gdańsku, ąę ó</p>",
	"\xff\xfe w \xff&quot; &quot;\xff 1-2\xff \xff1-2 w\xff a \xe2\x80",
	"\u00a0w\u00a0a&quot;x\u00a0&quot; w\u00a0&quot;",
	"\ufffd&quot; \ufffd 1-2\ufffd",
	"w\r\na\r\n&quot;x&quot;\r\n",
	"10 ٣ § ٣ nr ٣٤ 1٣-2",
	"<td>a</td><td>&quot;b</td><li>i</li><dt>&quot;</dt><dd>&quot;</dd><section>&quot;</section><figcaption>&quot;</figcaption><div>&quot;</div><blockquote>&quot;</blockquote>",
	"<span>&quot;</span><span>&quot;</span><b>a</b><i>&quot;</i>",
	"– &quot;x&quot; —&quot;y&quot; /&quot;z&quot; -&quot;q&quot; ‘&quot;r&quot; “&quot;s&quot; „&quot;t&quot; {&quot;u&quot;",
	"a\n\nw\n\n<p>a</p>\n<p>w\n</p>",
	"www. ://x @ / ./ ../ .. : . @w w@",
	"(((w [[[z „„i ((„[a x",
}

// tokens are the pieces random inputs are made of.
var tokens = []string{
	" ", " ", " ", " ", "\n", "\t", "  ", "\u00a0",
	"w", "z", "i", "a", "o", "u", "W", "Z", "A", "x", "ab", "się", "Łódź", "ą",
	"1", "10", "2019", "2020", "3,5", "1.5", "12345", "٣",
	"-", "-", "–", "/", ".", ",", ";", ":", ")", "(", "[", "{", "„", "”", "“", "‘", "’", "@", "://",
	"r.", "r", "km", "m", "zł", "proc.", "°C", "czerwca", "mln", "%",
	"art.", "ust.", "nr", "§", "pkt", "Art.",
	"&quot;", "&quot;", "'", "&#39;", "&amp;", "&lt;", "&",
	"www.", "http://x.pl/a-1", "jan@x.pl", "/a-1", "../b", "./c",
	"<p>", "</p>", "<em>", "</em>", "<code>", "</code>", "<pre>", "</pre>", "<br>", "<br/>", "<code/>",
	"<a href=\"x&quot;1-2\">", "</a>", "<li>", "</li>", "<CODE>", "</Code>", "<h2 id=\"a\">", "</h2>",
	"<", ">", "\xff", "\xe2\x80", "\ufffd",
}

// randomInput joins n random tokens.
func randomInput(rng *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(tokens[rng.IntN(len(tokens))])
	}
	return b.String()
}

// checkSame fails t when Apply and the reference disagree on html.
func checkSame(t *testing.T, r Rules, html string) {
	t.Helper()
	got, want := Apply(r, html), refApply(r, html)
	if got != want {
		t.Fatalf("Apply(%+v, %q)\n got %q\nwant %q", r, html, got, want)
	}
}

// TestApplyMatchesReference: Apply gives the same bytes as the
// implementation it replaced (reference_test.go) on the bundled pages,
// on a small generated portal, on tricky inputs and on many random ones.
func TestApplyMatchesReference(t *testing.T) {
	rules := []Rules{{Polish: true}, {}}
	t.Run("bundled pages", func(t *testing.T) {
		for _, p := range sitePages(t, filepath.Join("..", "..")) {
			for _, r := range rules {
				checkSame(t, r, p.html)
			}
		}
	})
	t.Run("generated portal", func(t *testing.T) {
		if testing.Short() {
			t.Skip("generates a portal")
		}
		for _, p := range sitePages(t, corpus.BenchSite(t, filepath.Join("..", ".."), 100)) {
			for _, r := range rules {
				checkSame(t, r, p.html)
			}
		}
	})
	t.Run("tricky", func(t *testing.T) {
		for _, s := range tricky {
			for _, r := range rules {
				checkSame(t, r, s)
				checkSame(t, r, "<p>"+s+"</p>")
				checkSame(t, r, s+" w "+s)
			}
		}
		// Every pair of tricky inputs, for what one leaves to the next.
		for _, a := range tricky {
			for _, b := range tricky {
				for _, r := range rules {
					checkSame(t, r, a+b)
				}
			}
		}
	})
	t.Run("random", func(t *testing.T) {
		n := 200000
		if testing.Short() {
			n = 20000
		}
		rng := rand.New(rand.NewPCG(1, 2))
		for i := range n {
			checkSame(t, rules[i%2], randomInput(rng, 1+rng.IntN(24)))
		}
	})
}

// TestApplyUnchangedIsInput: a page the rules leave alone comes back as
// the same string, without a copy or any allocation.
func TestApplyUnchangedIsInput(t *testing.T) {
	for _, s := range []string{"", "<p>Europol</p>", "<pre><code>a &quot;b&quot; i w</code></pre>", "plain text with no rule", "<p>Some <em>text</em>, ten km and 2023/1187.</p>"} {
		for _, r := range []Rules{{Polish: true}, {}} {
			got := Apply(r, s)
			if got != s || unsafe.StringData(got) != unsafe.StringData(s) {
				t.Errorf("Apply(%+v, %q) = %q, not its input", r, s, got)
			}
			if n := testing.AllocsPerRun(10, func() { Apply(r, s) }); n != 0 {
				t.Errorf("Apply(%+v, %q): %v allocations", r, s, n)
			}
		}
	}
}

// FuzzApplyMatchesReference: Apply gives the same bytes as the
// reference implementation on any input. Run:
//
//	go test -run '^$' -fuzz FuzzApplyMatchesReference -fuzztime 3m ./generator/typography
func FuzzApplyMatchesReference(f *testing.F) {
	for _, s := range tricky {
		f.Add(true, s)
		f.Add(false, s)
	}
	for _, p := range sitePages(f, filepath.Join("..", "..")) {
		f.Add(p.rules.Polish, p.html)
	}
	f.Fuzz(func(t *testing.T, polish bool, html string) {
		checkSame(t, Rules{Polish: polish}, html)
	})
}
