package search

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"hubgen/generator/search/internal/format"
)

// naiveAnalysis is what analyse computes, the plain way: each word
// occurrence analysed on its own, maps for everything. Stems are keyed by
// their text, documents by URL.
type naiveAnalysis struct {
	postings map[string]map[string][format.NumFields]uint16 // stem -> URL -> counts
	lengths  map[string][format.NumFields]int32             // URL -> fields' lengths
	surfaces map[string][]string                            // folded word -> stems, sorted
	order    []string                                       // URLs in document order
}

func naiveAnalyse(t *testing.T, docs []*Doc, a *analyzer) naiveAnalysis {
	t.Helper()
	na := naiveAnalysis{postings: map[string]map[string][format.NumFields]uint16{}, lengths: map[string][format.NumFields]int32{}, surfaces: map[string][]string{}}
	stemOf := func(w string) string { s, _ := a.term(w); return Fold(s) }
	allLengths := make([][format.NumFields]int32, len(docs))
	for i, d := range docs {
		texts := [format.NumFields]string{d.Title, d.Summary, d.Body, strings.Join(d.Topics, ". "), strings.TrimSpace(d.ActType + " " + d.ActNumber)}
		raw := map[string]*[format.NumFields]uint16{}
		for f, text := range texts {
			for _, w := range Tokenize(text) {
				if raw[w] == nil {
					raw[w] = new([format.NumFields]uint16)
				}
				if raw[w][f] < 0xffff {
					raw[w][f]++
				}
			}
		}
		var lengths [format.NumFields]int
		for w, tf := range raw {
			stem := stemOf(w)
			surface := Fold(w)
			if _, ok := na.surfaces[surface]; !ok {
				na.surfaces[surface] = []string{}
			}
			if stem == "" {
				continue
			}
			if !slices.Contains(na.surfaces[surface], stem) {
				na.surfaces[surface] = append(na.surfaces[surface], stem)
			}
			if na.postings[stem] == nil {
				na.postings[stem] = map[string][format.NumFields]uint16{}
			}
			sum := na.postings[stem][d.URL]
			for f, n := range tf {
				lengths[f] += int(n)
				sum[f] = uint16(min(int(sum[f])+int(n), 0xffff))
			}
			na.postings[stem][d.URL] = sum
		}
		for f, n := range lengths {
			allLengths[i][f] = int32(n)
		}
		na.lengths[d.URL] = allLengths[i]
	}
	for surface, stems := range na.surfaces {
		if len(stems) == 0 {
			continue
		}
		if alt, ok := a.term(surface); ok && Plausible(surface, Fold(alt)) && na.postings[Fold(alt)] != nil && !slices.Contains(stems, Fold(alt)) {
			na.surfaces[surface] = append(stems, Fold(alt))
		}
	}
	for w := range a.stops {
		if f := Fold(w); f != "" {
			if _, ok := na.surfaces[f]; !ok {
				na.surfaces[f] = []string{}
			}
		}
	}
	// Every stem with postings is a key of its own (addStemKeys).
	for stem, ps := range na.postings {
		if _, ok := na.surfaces[stem]; !ok && stem != "" && len(ps) > 0 {
			na.surfaces[stem] = []string{stem}
		}
	}
	for _, stems := range na.surfaces {
		slices.Sort(stems)
	}
	for _, i := range docOrder(docs, allLengths) {
		na.order = append(na.order, docs[i].URL)
	}
	return na
}

// TestAnalyseMatchesNaive: analyse (words counted per goroutine, numbered
// in one pass, stems added up in place, counts packed, postings gathered
// by ranges of stems) gives what the plain analysis gives, big counts,
// stop words, words of one stem and unaccented forms included.
func TestAnalyseMatchesNaive(t *testing.T) {
	day := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	type test struct {
		name, lang string
		docs       []Doc
	}
	tests := []test{
		{"pl", "pl", []Doc{
			{URL: "/a/", Kind: "news", Title: "Zadania i żądania", Body: "Żądania, żądanie, ŻĄDANIA; zadania w Unii. UNII unii Unia."},
			{URL: "/b/", Kind: "news", Date: day, Title: strings.Repeat("tytuł ", 40), Summary: strings.Repeat("streszczenie ", 33), Body: strings.Repeat("słowo ", 3000), Topics: []string{"Prawa człowieka", "Unia"}},
			{URL: "/c/", Kind: "decisions", Title: "Decyzja", ActType: "Decyzja Rady (WPZiB)", ActNumber: "2023/1187", Body: strings.Repeat("i w z ", 100) + "pelny pełny"},
			{URL: "/d/", Kind: "news", Body: strings.Repeat("x ", 70000) + strings.Repeat("X ", 10)},
			{URL: "/e/", Kind: "news"},
		}},
		{"en", "en", []Doc{
			{URL: "/en/a/", Kind: "news", Title: "The EU's sanctions", Body: "Sanctions, sanctioned, SANCTIONS and the EU’s U.S.A. 1,5 don't"},
			{URL: "/en/b/", Kind: "news", Date: day, Title: strings.Repeat("rights ", 32), Topics: []string{"Human rights", "Rights"}, Body: strings.Repeat("right rights ", 1500)},
			{URL: "/en/c/", Kind: "projects", Summary: "東京 Полиция", Body: "a an the of"},
		}},
	}
	// Enough documents for several goroutines, which meet the same words.
	words := strings.Fields("Unia unii UNII żądania zadania żądanie współpraca współpracy wspolpraca i w z the of terroryzm terroryzmu jądrowy jadrowy Europol konwencja 2023 1,5 U.S.A EU's pełny pelny")
	many := make([]Doc, 400)
	for i := range many {
		var b strings.Builder
		for j := 0; j < 5+i%37; j++ {
			b.WriteString(words[(i*7+j*j*13)%len(words)])
			b.WriteString(" ")
		}
		many[i] = Doc{URL: fmt.Sprintf("/m/%d/", i), Kind: []string{"news", "decisions", "projects"}[i%3], Date: day.AddDate(0, 0, -i%50), Title: words[i%len(words)], Body: b.String()}
	}
	tests = append(tests, test{"pl, many documents", "pl", many})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st, err := NewStems(tc.lang)
			if err != nil {
				t.Fatal(err)
			}
			a := st.a
			docs := make([]*Doc, len(tc.docs))
			for i := range tc.docs {
				docs[i] = &tc.docs[i]
			}
			docs = sortDocs(docs, Options{}.withDefaults())
			want := naiveAnalyse(t, docs, a)
			ld := analyse(docs, st)

			var order []string
			for id, d := range ld.docs {
				order = append(order, d.URL)
				if ld.lengths[id] != want.lengths[d.URL] {
					t.Errorf("%s: fields' lengths %v, want %v", d.URL, ld.lengths[id], want.lengths[d.URL])
				}
			}
			if !slices.Equal(order, want.order) {
				t.Errorf("document order %q, want %q", order, want.order)
			}
			got := map[string]map[string][format.NumFields]uint16{}
			for s, list := range ld.postings {
				got[ld.stems[s]] = map[string][format.NumFields]uint16{}
				for i, p := range list {
					if i > 0 && p.doc <= list[i-1].doc {
						t.Errorf("stem %q: postings out of order", ld.stems[s])
					}
					got[ld.stems[s]][ld.docs[p.doc].URL] = p.tf.unpack(ld.big[p.doc])
				}
			}
			if !maps.EqualFunc(got, want.postings, maps.Equal) {
				t.Errorf("postings:\n%v\nwant\n%v", got, want.postings)
			}
			surfaces := map[string][]string{}
			for w, ids := range ld.surfaces {
				stems := []string{}
				for _, s := range ids {
					stems = append(stems, ld.stems[s])
				}
				slices.Sort(stems)
				surfaces[w] = stems
			}
			if !maps.EqualFunc(surfaces, want.surfaces, slices.Equal) {
				t.Errorf("surfaces:\n%v\nwant\n%v", fmt.Sprint(surfaces), fmt.Sprint(want.surfaces))
			}
		})
	}
}
