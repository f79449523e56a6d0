package corpus

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// page writes the body of one language version of a generated pair. Every
// choice comes from picks, read in the same order in both languages, so
// that the versions have the same structure (the same lists, footnotes,
// recitals, articles, paragraphs and points) in their own words.
type page struct {
	pool    *pool
	picks   []int
	next    int // the next pick; 0 and 1 are the title and the summary
	index   int // the pair's number
	section string
	earlier map[string][]string // section -> names of the pairs before this one
	acts    []string            // numbers of the acts before this one
}

// pick returns the next random number.
func (p *page) pick() int {
	if p.next < 2 {
		p.next = 2
	}
	v := p.picks[p.next%len(p.picks)]
	p.next++
	return v
}

// sentence returns a sentence of the language, from the act pool in acts.
func (p *page) sentence(act bool) string {
	s := p.pool.all
	if act {
		s = p.pool.act
	}
	return s[p.pick()%len(s)]
}

// clause is a sentence without its final period, for list items.
func (p *page) clause(act bool) string {
	return strings.TrimSuffix(p.sentence(act), ".")
}

// heading returns a heading: the start of a sentence, at most about 80
// bytes, cut at a space.
func (p *page) heading(act bool) string {
	h := p.clause(act)
	if len(h) > 80 {
		if i := strings.LastIndex(h[:80], " "); i > 20 {
			h = h[:i]
		}
	}
	return strings.TrimRight(h, ",;:–- ")
}

// words returns the language's text for a key.
func (p *page) words(key string) string {
	return phrases[key][p.pool.lang]
}

var phrases = map[string]map[string]string{
	"see":       {"pl": "Zob. także: [wcześniejszy materiał](%s).", "en": "See also: [an earlier item](%s)."},
	"europol":   {"pl": "Więcej o [Europolu](../organisations/europol.md).", "en": "More about [Europol](../organisations/europol.md)."},
	"act":       {"pl": "Podstawą działań jest [decyzja (WPZiB) 2023/1187](../decisions/2023-1187.md).", "en": "The work is based on [Decision (CFSP) 2023/1187](../decisions/2023-1187.md)."},
	"steps":     {"pl": "Kolejne kroki", "en": "Next steps"},
	"note":      {"pl": "Opracowanie własne na podstawie materiałów uczestników", "en": "Our own summary based on the participants' material"},
	"council":   {"pl": "RADA UNII EUROPEJSKIEJ,", "en": "THE COUNCIL OF THE EUROPEAN UNION,"},
	"cit1":      {"pl": "uwzględniając Traktat o Unii Europejskiej, w szczególności jego art. 28 ust. 1 i art. 31 ust. 1,", "en": "Having regard to the Treaty on European Union, and in particular Article 28(1) and Article 31(1) thereof,"},
	"cit2":      {"pl": "uwzględniając wniosek Wysokiego Przedstawiciela Unii do Spraw Zagranicznych i Polityki Bezpieczeństwa,", "en": "Having regard to the proposal from the High Representative of the Union for Foreign Affairs and Security Policy,"},
	"whereas":   {"pl": "a także mając na uwadze, co następuje:", "en": "Whereas:"},
	"rct1":      {"pl": "W dniu 19 czerwca 2023 r. Rada przyjęła decyzję (WPZiB) 2023/1187[^1].", "en": "On 19 June 2023, the Council adopted Decision (CFSP) 2023/1187[^1]."},
	"fn1":       {"pl": "Decyzja Rady (WPZiB) 2023/1187 z dnia 19 czerwca 2023 r. w sprawie wsparcia Unii na rzecz upowszechnienia i skutecznego wdrożenia Międzynarodowej konwencji w sprawie zwalczania aktów terroryzmu jądrowego (Dz.U. L 157 z 21.6.2023, s. 1).", "en": "Council Decision (CFSP) 2023/1187 of 19 June 2023 on Union support for the universalisation and effective implementation of the International Convention for the Suppression of Acts of Nuclear Terrorism (OJ L 157, 21.6.2023, p. 1)."},
	"rct2":      {"pl": "Należy uwzględnić doświadczenia zdobyte przy wykonywaniu decyzji (WPZiB) %s[^2].", "en": "The experience gained in implementing Decision (CFSP) %s[^2] should be taken into account."},
	"fn2":       {"pl": "Decyzja Rady (WPZiB) %s (Dz.U. L %d z %s, s. %d).", "en": "Council Decision (CFSP) %s (OJ L %d, %s, p. %d)."},
	"enacting":  {"pl": "PRZYJMUJE NINIEJSZĄ DECYZJĘ:", "en": "HAS ADOPTED THIS DECISION:"},
	"article":   {"pl": "Artykuł", "en": "Article"},
	"goals":     {"pl": "Cele wsparcia działania, o którym mowa w ust. 1, są następujące:", "en": "The objectives of the action referred to in paragraph 1 shall be:"},
	"refart1":   {"pl": "Działanie, o którym mowa w art. 1 ust. 1, jest realizowane zgodnie z niniejszym artykułem.", "en": "The action referred to in Article 1(1) shall be carried out in accordance with this Article."},
	"refpar":    {"pl": "Sprawozdania, o których mowa w ust. 1, przekazuje się Radzie.", "en": "The reports referred to in paragraph 1 shall be submitted to the Council."},
	"force":     {"pl": "Niniejsza decyzja wchodzi w życie z dniem jej przyjęcia.", "en": "This Decision shall enter into force on the date of its adoption."},
	"expiry":    {"pl": "Niniejsza decyzja wygasa 36 miesięcy po dniu jej wejścia w życie.", "en": "This Decision shall expire 36 months after the date of its entry into force."},
	"done":      {"pl": "Sporządzono w Brukseli dnia %s.", "en": "Done at Brussels, %s."},
	"signature": {"pl": "W imieniu Rady  \nPrzewodniczący  \nJ. NOWAK", "en": "For the Council  \nThe President  \nJ. NOWAK"},
	"annex":     {"pl": "ZAŁĄCZNIK", "en": "ANNEX"},
}

var monthsPL = []string{"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"}
var monthsEN = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// longDate writes a YYYY-MM-DD date as an act's final part does:
// "19 czerwca 2023 r.", "19 June 2023".
func longDate(lang, date string) string {
	y, m, d := date[:4], date[5:7], date[8:10]
	mi, _ := strconv.Atoi(m)
	di, _ := strconv.Atoi(d)
	if lang == "pl" {
		return fmt.Sprintf("%d %s %s r.", di, monthsPL[mi-1], y)
	}
	return fmt.Sprintf("%d %s %s", di, monthsEN[mi-1], y)
}

// prose writes the body of a news item, an organisation or a project:
// paragraphs with a level-2 heading (and a level-3 one in long bodies),
// a bullet list, sometimes a numbered list, links to a bundled page, to an
// earlier generated page of the section or to the bundled act, and one to
// three footnotes.
func (p *page) prose(b *strings.Builder) {
	paras := 3 + p.pick()%6
	notes := 1 + p.pick()%3
	bullets := 3 + p.pick()%4
	numbered := 0
	if p.pick()%2 == 0 {
		numbered = 2 + p.pick()%3
	}
	note := 0
	for k := 0; k < paras; k++ {
		switch {
		case k == 1:
			fmt.Fprintf(b, "## %s\n\n", p.heading(false))
		case k == 4:
			fmt.Fprintf(b, "### %s\n\n", p.heading(false))
		}
		for j := 0; j < 4; j++ {
			b.WriteString(p.sentence(false))
			if j == 1 && note < notes && k%2 == 0 {
				note++
				fmt.Fprintf(b, "[^%d]", note)
			}
			b.WriteByte(' ')
		}
		switch k {
		case 0:
			b.WriteString(p.words("europol"))
		case 2:
			if names := p.earlier[p.section]; len(names) > 0 {
				fmt.Fprintf(b, p.words("see"), names[p.pick()%len(names)]+".md")
			} else {
				b.WriteString(p.words("europol"))
			}
		case 3:
			if p.pick()%3 == 0 {
				b.WriteString(p.words("act"))
			}
		}
		b.WriteString("\n\n")
		if k == 1 {
			for j := 0; j < bullets; j++ {
				end := ";"
				if j == bullets-1 {
					end = "."
				}
				fmt.Fprintf(b, "- %s%s\n", p.clause(false), end)
			}
			b.WriteString("\n")
		}
		if k == paras-1 && numbered > 0 {
			fmt.Fprintf(b, "### %s\n\n", p.words("steps"))
			for j := 1; j <= numbered; j++ {
				fmt.Fprintf(b, "%d. %s\n", j, p.sentence(false))
			}
			b.WriteString("\n")
		}
	}
	// Footnotes whose references did not fit in the paragraphs go on a last line.
	for note < notes {
		note++
		fmt.Fprintf(b, "%s[^%d]\n\n", p.sentence(false), note)
	}
	for n := 1; n <= notes; n++ {
		if n == notes {
			fmt.Fprintf(b, "[^%d]: %s.\n", n, p.words("note"))
			continue
		}
		fmt.Fprintf(b, "[^%d]: %s\n", n, p.sentence(false))
	}
}

// act writes the body of a legal act in the portal's act syntax: the
// institution line, two citations, the recitals (the first citing the
// bundled act, the second an earlier generated act, with footnotes), the
// enacting formula, articles of numbered paragraphs with lettered points
// and cross-references, the final part with the signature, and an annex
// with a title and sections.
func (p *page) act(b *strings.Builder, date string) {
	lang := p.pool.lang
	recitals := 3 + p.pick()%6
	articles := 3 + p.pick()%4
	points := 2 + p.pick()%4
	sections := 2 + p.pick()%3
	var earlierAct string
	if len(p.acts) > 0 {
		earlierAct = p.acts[p.pick()%len(p.acts)]
	}
	fmt.Fprintf(b, "%s\n\n%s\n\n%s\n\n%s\n\n", p.words("council"), p.words("cit1"), p.words("cit2"), p.words("whereas"))
	for k := 1; k <= recitals; k++ {
		fmt.Fprintf(b, "(%d) ", k)
		switch {
		case k == 1:
			b.WriteString(p.words("rct1"))
		case k == 2 && earlierAct != "":
			fmt.Fprintf(b, p.words("rct2"), earlierAct)
		default:
			b.WriteString(p.sentence(true))
		}
		if p.pick()%2 == 0 {
			b.WriteString(" " + p.sentence(true))
		}
		b.WriteString("\n\n")
	}
	fmt.Fprintf(b, "%s\n\n", p.words("enacting"))
	for a := 1; a <= articles; a++ {
		fmt.Fprintf(b, "## %s %d\n\n", p.words("article"), a)
		switch {
		case a == 1:
			fmt.Fprintf(b, "1. %s %s\n2. %s\n", p.sentence(true), p.sentence(true), p.words("goals"))
			for j := 0; j < points; j++ {
				end := ";"
				if j == points-1 {
					end = "."
				}
				letter := string(rune('a' + j))
				if lang == "en" {
					fmt.Fprintf(b, "   - (%s) %s%s\n", letter, lowerFirst(p.clause(true)), end)
				} else {
					fmt.Fprintf(b, "   - %s) %s%s\n", letter, lowerFirst(p.clause(true)), end)
				}
			}
			fmt.Fprintf(b, "3. %s\n\n", p.sentence(true))
		case a == articles:
			fmt.Fprintf(b, "%s\n\n%s\n\n", p.words("force"), p.words("expiry"))
		default:
			pars := 1 + p.pick()%4
			for k := 1; k <= pars; k++ {
				switch {
				case k == 1:
					fmt.Fprintf(b, "%d. %s %s\n", k, p.words("refart1"), p.sentence(true))
				case k == pars && k > 1:
					fmt.Fprintf(b, "%d. %s\n", k, p.words("refpar"))
				default:
					fmt.Fprintf(b, "%d. %s %s\n", k, p.sentence(true), p.sentence(true))
				}
			}
			b.WriteString("\n")
		}
	}
	fmt.Fprintf(b, p.words("done")+"\n\n%s\n\n", longDate(lang, date), p.words("signature"))
	fmt.Fprintf(b, "## %s\n\n### %s\n\n", p.words("annex"), p.heading(true))
	for k := 0; k < sections; k++ {
		fmt.Fprintf(b, "#### %s\n\n", p.heading(true))
		for j := 0; j < 1+p.pick()%2; j++ {
			fmt.Fprintf(b, "%s %s %s\n\n", p.sentence(true), p.sentence(true), p.sentence(true))
		}
		if k == 0 {
			for j := 0; j < 3; j++ {
				fmt.Fprintf(b, "- %s\n", p.sentence(true))
			}
			b.WriteString("\n")
		}
	}
	fmt.Fprintf(b, "[^1]: %s\n", p.words("fn1"))
	if earlierAct != "" {
		year, _ := strconv.Atoi(earlierAct[:4])
		oj := fmt.Sprintf("%d.%d.%d", 1+p.index%28, 1+p.index%12, year)
		fmt.Fprintf(b, "[^2]: %s\n", fmt.Sprintf(p.words("fn2"), earlierAct, 100+p.index%300, oj, 1+p.index%90))
	}
}

// lowerFirst lowers the first letter of a clause that continues a sentence
// (a lettered point), unless it starts an abbreviation ("UNODC").
func lowerFirst(s string) string {
	r := []rune(s)
	if len(r) < 2 || !unicode.IsUpper(r[0]) || unicode.IsUpper(r[1]) {
		return s
	}
	r[0] = unicode.ToLower(r[0])
	return string(r)
}
