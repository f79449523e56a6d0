package search

import (
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"

	"hubgen/generator/search/internal/format"
)

// TestPassages: a page's passages are its body's blocks with the nearest
// id and a label a reader knows, at their exact bytes in the page.
func TestPassages(t *testing.T) {
	long := strings.Repeat("Zdanie o współpracy policji w Unii Europejskiej. ", 20)
	type want struct{ Anchor, Label, Text string }
	for _, tc := range []struct {
		name, lang, body string
		want             []want // Start and End are checked against the page
	}{
		{"act paragraph and points", "pl",
			`<h2 id="art_3">Artykuł 3<a class="anchor" href="#art_3" aria-label="Link do artykułu 3">¶</a></h2>
<ol>
<li id="art_3__par_1"><a class="anchor" href="#art_3__par_1" aria-label="Link">¶</a>Finansowa kwota odniesienia wynosi 4 000 000 EUR.</li>
<li id="art_3__par_2">Działanie obejmuje:<ol><li id="art_3__par_2__pnt_a">szkolenia &amp; warsztaty;</li></ol></li>
</ol>`,
			[]want{
				{Anchor: "art_3", Label: "Artykuł 3", Text: "Artykuł 3"},
				{Anchor: "art_3__par_1", Label: "Art. 3 ust. 1", Text: "Finansowa kwota odniesienia wynosi 4 000 000 EUR."},
				{Anchor: "art_3__par_2", Label: "Art. 3 ust. 2", Text: "Działanie obejmuje:"},
				{Anchor: "art_3__par_2__pnt_a", Label: "Art. 3 ust. 2 lit. a", Text: "szkolenia & warsztaty;"},
			}},
		{"English labels, recital, footnote without its back link", "en",
			`<p id="rct_2">(2) The Union supports the convention.</p>
<section class="footnotes"><ol><li id="fn:1"><p>Council Decision 2018/1939.<a href="#fnref:1" class="footnote-backref" role="doc-backlink">↩</a></p></li></ol></section>`,
			[]want{
				{Anchor: "rct_2", Label: "Recital 2", Text: "(2) The Union supports the convention."},
				{Anchor: "fn:1", Label: "Footnote 1", Text: "Council Decision 2018/1939."},
			}},
		{"blocks under a heading share its id; short ones join", "pl",
			`<p>Wstęp.</p>
<h2 id="kontekst">Kontekst <em>projektu</em></h2>
<p>Pierwszy akapit.</p>
<p>Drugi <a href="/organizacje/europol/">Europolu</a>.</p>
<ul><li>punkt</li></ul>`,
			[]want{
				{Anchor: "", Label: "", Text: "Wstęp."},
				{Anchor: "kontekst", Label: "Kontekst projektu", Text: "Kontekst projektu Pierwszy akapit. Drugi Europolu. punkt"},
			}},
		{"a long paragraph is cut after sentences", "pl", "<p>" + long + "</p>", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page := []byte("<!DOCTYPE html><html><head><title>t</title></head><body><header><h1 id=\"top\">Tytuł</h1></header><main>" + tc.body + "</main></body></html>")
			got, texts := scanPassages(tc.lang, page, tc.body)
			for i, p := range got {
				if p.Start < 0 || p.End > len(page) || p.Start >= p.End {
					t.Fatalf("passage %+v: bytes out of the page", p)
				}
				frag := string(page[p.Start:p.End])
				if p.Anchor != "" && strings.HasPrefix(frag, "<li id=") && !strings.HasPrefix(frag, `<li id="`+p.Anchor+`"`) {
					t.Errorf("passage %q starts %q, not at its element", p.Anchor, frag[:20])
				}
				if !strings.Contains(strings.ReplaceAll(frag, "&amp;", "&"), strings.Fields(texts[i])[0]) {
					t.Errorf("passage %q: its bytes %q do not hold its text %q", p.Anchor, frag, texts[i])
				}
			}
			if tc.want == nil { // the long paragraph
				if len(got) < 2 {
					t.Fatalf("a %d-byte paragraph gave %d passages, want it cut", len(long), len(got))
				}
				for _, text := range texts {
					if len(text) > MaxPassageText+60 || !strings.HasSuffix(text, ".") {
						t.Errorf("piece of %d bytes %q…, want at most about %d, ending a sentence", len(text), text[:30], MaxPassageText)
					}
				}
				return
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %d passages %+v, want %d", len(got), got, len(tc.want))
			}
			for i, w := range tc.want {
				g := got[i]
				if g.Anchor != w.Anchor || g.Label != w.Label || texts[i] != w.Text {
					t.Errorf("passage %d = {%q %q %q}, want {%q %q %q}", i, g.Anchor, g.Label, texts[i], w.Anchor, w.Label, w.Text)
				}
			}
		})
	}
	if got, _ := scanPassages("pl", []byte("<main><p>inny</p></main>"), "<p>tekst</p>"); got != nil {
		t.Errorf("a page without the body gave passages %+v", got)
	}
}

// TestPassageFilters: every stem of a passage is in its filter, so that
// the client never misses a passage that holds a query's word.
func TestPassageFilters(t *testing.T) {
	texts := []string{"Finansowa kwota odniesienia wynosi 4 000 000 EUR.", "Wydatkami pokrywanymi z kwoty odniesienia zarządza się zgodnie z zasadami budżetu Unii."}
	for _, text := range texts {
		bits, stems, err := PassageFilter("pl", text)
		if err != nil {
			t.Fatal(err)
		}
		if len(stems) < 4 {
			t.Fatalf("%q: stems %q", text, stems)
		}
		for _, st := range stems {
			if !FilterHas(bits, st) {
				t.Errorf("%q: stem %q not in the filter %q", text, st, bits)
			}
		}
	}
}

// TestTextBytes: the bytes a run of text is copied at once by are those
// that start no white space, by unicode.IsSpace.
func TestTextBytes(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !unicode.IsSpace(r) {
			continue
		}
		b := []byte(string(r))
		if textBytes[b[0]] {
			t.Errorf("%U is a space, but its first byte %#x is text", r, b[0])
		}
	}
}

// TestStemCache: a goroutine's stemCache gives every word the stem hash
// the shared Stems gives it, and the analysis itself: words short and
// longer than a cache entry holds, stop words, words of one letter, more
// words than the cache has entries (so that entries are replaced), each
// looked up three times, from goroutines of their own.
func TestStemCache(t *testing.T) {
	words := []string{"i", "a", "the", "w", "z", "współpracy", "Współpracy", "policji", "Europejskiej", "2018/1939", "4", "000",
		"Rzeczpospolitej", "przeciwdziałania", "nieprzeciwdziałaniu", "konstantynopolitańczykowianeczka", "internationalization",
		"ﬁnansowa", "żółć", "ŻÓŁĆ", "naïve", "références", "x" + strings.Repeat("ą", 13), "x" + strings.Repeat("ą", 12)}
	for i := range 3 * stemCacheSize {
		words = append(words, "słowo"+strconv.Itoa(i))
	}
	for _, lang := range []string{"pl", "en"} {
		st, err := NewStems(lang)
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		for g := range 2 {
			wg.Go(func() {
				c := st.cache()
				defer st.caches.Put(c)
				for round := range 3 {
					for k := range words {
						w := words[(k*7+g+round)%len(words)]
						want := stemOf{}
						if term, ok := st.a.term(w); ok {
							want.stem = Fold(term)
						}
						if want.stem != "" {
							want.hash = format.Hash16(want.stem)
						}
						if got := st.of(w); got != want {
							t.Errorf("%s: of(%q) = %+v, want %+v", lang, w, got, want)
						}
						if h, ok := st.lookup(c, w); ok != (want.stem != "") || h != want.hash {
							t.Errorf("%s: lookup(%q) = %d %v, want %+v", lang, w, h, ok, want)
						}
					}
				}
			})
		}
		wg.Wait()
	}
}

// TestHashSet: the set keeps each hash once, over many passages.
func TestHashSet(t *testing.T) {
	var hs hashSet
	for n := range 300 {
		hs.reset(n)
		seen := map[uint32]bool{}
		for k := range 3 * n {
			h := uint32(k*2654435761) >> (k % 7 * 4) // repeats and collisions
			if got := hs.add(h); got == seen[h] {
				t.Fatalf("pass %d: add(%d) = %v, seen %v", n, h, got, seen[h])
			}
			seen[h] = true
		}
	}
}
