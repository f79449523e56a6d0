package markdown

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The regular expressions the scanners of legal_scan.go replace: each
// scanner must find exactly what FindAllSubmatchIndex finds.
var (
	reRefPL   = regexp.MustCompile(`art\.\s+(\d+[a-z]?)(?:\s+ust\.\s+(\d+))?(?:\s+lit\.\s+([a-z])\))?|ust\.\s+(\d+)(?:\s+lit\.\s+([a-z])\))?`)
	reRefEN   = regexp.MustCompile(`Articles?\s+(\d+[a-z]?)(?:\((\d+)\))?(?:\(([a-z])\))?|paragraphs?\s+(\d+)(?:\(([a-z])\))?`)
	reOtherPL = regexp.MustCompile(`(?:[Dd]ecyzj|[Rr]ozporządze|[Dd]yrektyw)\p{L}*\s+(?:(?:Rady|Komisji)\s+)?(?:\((?:WPZiB|UE|EU|Euratom|WSiSW)\)\s+)?(?:nr\s+)?(\d{4}/\d{1,5})`)
	reOtherEN = regexp.MustCompile(`(?:Decision|Regulation|Directive)\s+(?:\((?:CFSP|EU|Euratom|JHA)\)\s+)?(?:No\s+)?(\d{4}/\d{1,5})`)
)

// scanners pairs each scanner with the expression it stands for.
var scanners = []struct {
	name string
	scan func([]byte, func([]int))
	re   *regexp.Regexp
}{
	{"refPL", refScan(scanRefPL), reRefPL},
	{"refEN", refScan(scanRefEN), reRefEN},
	{"otherPL", otherScan(scanOtherPL), reOtherPL},
	{"otherEN", otherScan(scanOtherEN), reOtherEN},
}

// refScan and otherScan give the scanners one type.
func refScan(scan func([]byte, func([refGroups]int))) func([]byte, func([]int)) {
	return func(val []byte, yield func([]int)) { scan(val, func(m [refGroups]int) { yield(m[:]) }) }
}

func otherScan(scan func([]byte, func([otherGroups]int))) func([]byte, func([]int)) {
	return func(val []byte, yield func([]int)) { scan(val, func(m [otherGroups]int) { yield(m[:]) }) }
}

// scanAll collects what scan finds in s, in FindAllSubmatchIndex's form.
func scanAll(scan func([]byte, func([]int)), s string) [][]int {
	var out [][]int
	scan([]byte(s), func(m []int) { out = append(out, slices.Clone(m)) })
	return out
}

// checkScanners fails t when a scanner and its expression disagree on s.
func checkScanners(t *testing.T, s string) {
	t.Helper()
	for _, sc := range scanners {
		got, want := scanAll(sc.scan, s), sc.re.FindAllSubmatchIndex([]byte(s), -1)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s on %q:\n got %v\nwant %v", sc.name, s, got, want)
		}
	}
}

// TestScanners: what each scanner must find (the whole match and its
// groups, "" for a group that took no part) and where it must find nothing.
func TestScanners(t *testing.T) {
	tests := []struct {
		scanner, text string
		want          [][]string // per match: the match, then its groups
	}{
		{"refPL", "zgodnie z art. 1 stosuje się", [][]string{{"art. 1", "1", "", "", "", ""}}},
		{"refPL", "w art. 2a ust. 3 lit. b) oraz", [][]string{{"art. 2a ust. 3 lit. b)", "2a", "3", "b", "", ""}}},
		{"refPL", "art. 2 lit. c) bez ustępu", [][]string{{"art. 2 lit. c)", "2", "", "c", "", ""}}},
		{"refPL", "o których mowa w ust. 1 lit. a), oraz ust.\n2", [][]string{{"ust. 1 lit. a)", "", "", "", "1", "a"}, {"ust.\n2", "", "", "", "2", ""}}},
		{"refPL", "art.\t12 ust. x", [][]string{{"art.\t12", "12", "", "", "", ""}}},
		{"refPL", "Kwart. 1 i art. 5", [][]string{{"art. 1", "1", "", "", "", ""}, {"art. 5", "5", "", "", "", ""}}}, // inside a word: xrefs drops it
		{"refPL", "art. 2 ust. 3lit. a)", [][]string{{"art. 2 ust. 3", "2", "3", "", "", ""}}},
		{"refPL", "art. 2 lit. ab)", [][]string{{"art. 2", "2", "", "", "", ""}}},
		{"refPL", "art.1, art. x, ust., ust 1, art.\v1, Art. 1", nil},
		{"refPL", "bez odniesień. Tylko kropki... i liczby 1.2.3", nil},
		{"refEN", "in Article 2(3)(a) and paragraph 4(b)", [][]string{{"Article 2(3)(a)", "2", "3", "a", "", ""}, {"paragraph 4(b)", "", "", "", "4", "b"}}},
		{"refEN", "Article 3a(X) and Article 1(b)", [][]string{{"Article 3a", "3a", "", "", "", ""}, {"Article 1(b)", "1", "", "b", "", ""}}},
		{"refEN", "Article 2(3) (a)", [][]string{{"Article 2(3)", "2", "3", "", "", ""}}},
		{"refEN", "article 1, Article1, paragraph(1), Articless 1, paragraphs2", nil},
		{"refEN", "Articles 28(1) and 31(1), paragraphs 2 and 3", [][]string{{"Articles 28(1)", "28", "1", "", "", ""}, {"paragraphs 2", "", "", "", "2", ""}}},
		{"otherPL", "decyzję (WPZiB) 2018/1939 oraz Rozporządzenia (UE) nr 2016/794", [][]string{{"decyzję (WPZiB) 2018/1939", "2018/1939"}, {"Rozporządzenia (UE) nr 2016/794", "2016/794"}}},
		{"otherPL", "dyrektywy 2011/123456 i decyzji nr 2020/1", [][]string{{"dyrektywy 2011/12345", "2011/12345"}, {"decyzji nr 2020/1", "2020/1"}}},
		{"otherPL", "Decyzji (Euratom)\t2019/7", [][]string{{"Decyzji (Euratom)\t2019/7", "2019/7"}}},
		{"otherPL", "decyzji (UE)2018/1939, decyzji (XX) 2018/1939, decyzji 218/1939, decyzji nr2018/1, decyzja 2018/", nil},
		{"otherPL", "bez ukośnika: decyzji 2018", nil},
		{"otherPL", "Decyzja Rady (WPZiB) 2018/1939 i rozporządzenie Komisji (UE) 2016/794, decyzja Radyy 2018/1", [][]string{{"Decyzja Rady (WPZiB) 2018/1939", "2018/1939"}, {"rozporządzenie Komisji (UE) 2016/794", "2016/794"}}},
		{"otherEN", "Decision (CFSP) 2018/1939 and Regulation (EU) No 2016/794", [][]string{{"Decision (CFSP) 2018/1939", "2018/1939"}, {"Regulation (EU) No 2016/794", "2016/794"}}},
		{"otherEN", "Directive 2011/93 of the Council", [][]string{{"Directive 2011/93", "2011/93"}}},
		{"otherEN", "decision 2018/1939, Decisions 2018/1939, Decision (CFSP)2018/1939, Decision No2018/1", nil},
	}
	for _, tc := range tests {
		t.Run(tc.scanner+" "+tc.text, func(t *testing.T) {
			checkScanners(t, tc.text)
			var got [][]string
			for _, sc := range scanners {
				if sc.name != tc.scanner {
					continue
				}
				for _, m := range scanAll(sc.scan, tc.text) {
					var parts []string
					for i := 0; i < len(m); i += 2 {
						if m[i] < 0 {
							parts = append(parts, "")
						} else {
							parts = append(parts, tc.text[m[i]:m[i+1]])
						}
					}
					got = append(got, parts)
				}
			}
			if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", tc.want) {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
		})
	}
}

// scanPieces are the bits random texts are made of: the scanners' words,
// near misses, digits, white space regexp does and does not count, and
// broken UTF-8.
var scanPieces = []string{
	"art.", "art", "ust.", "ust", "lit.", "Kart.", " ", "  ", "\t", "\n", "\v", "\u00a0", "\r", "\f",
	"1", "12", "2018", "1939", "/", "a", "b", "z", ")", "(", ".", ",", "x",
	"Article", "paragraph", "Decision", "Regulation", "Directive", "Decisions", "(CFSP)", "(EU)", "(Euratom)", "(JHA)", "No",
	"decyzji", "Decyzja", "rozporządzenia", "Rozporządzenie", "dyrektywy", "Dyrektyw", "(WPZiB)", "(UE)", "(WSiSW)", "nr",
	"ą", "ł", "ª", "\xc2", "\xff", "ecyzj", "ozporządze", "yrektyw",
}

// TestScannersAgreeWithRegexps compares the scanners with the expressions
// on random texts.
func TestScannersAgreeWithRegexps(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	n := 20000
	if testing.Short() {
		n = 2000
	}
	for range n {
		var b strings.Builder
		for range rng.IntN(24) {
			b.WriteString(scanPieces[rng.IntN(len(scanPieces))])
		}
		checkScanners(t, b.String())
	}
}

// FuzzScanners holds the scanners to the expressions they replace. Run:
//
//	go test ./generator/markdown -run '^$' -fuzz '^FuzzScanners$' -fuzztime 5m
func FuzzScanners(f *testing.F) {
	for _, s := range []string{
		"art. 2a ust. 3 lit. b)", "ust. 1 lit. a)", "Article 2(3)(a)", "paragraph 4(b)",
		"decyzję (WPZiB) 2018/1939", "Rozporządzenia (UE) nr 2016/794", "Regulation (EU) No 2016/794",
		"Kwart. 1", "dyrektywy 2011/123456", "decyzji\u00a0(UE) 2018/1",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkScanners(t, s) })
}

// TestNextField: the fields nextField finds one after the other are
// strings.Fields'.
func TestNextField(t *testing.T) {
	for _, s := range []string{"", " ", "a", " a b ", "\u00a0konwencji,\u2003i", "x\xc2\xa0y", "x\xc2 y", "\t\n of  this", "ą\u0085ł"} {
		var got []string
		rest := []byte(s)
		for {
			f, r := nextField(rest)
			if f == nil {
				break
			}
			got = append(got, string(f))
			rest = r
		}
		if want := strings.Fields(s); fmt.Sprintf("%q", got) != fmt.Sprintf("%q", want) {
			t.Errorf("%q: got %q, want %q", s, got, want)
		}
	}
}
