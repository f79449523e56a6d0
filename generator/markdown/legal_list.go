package markdown

// Plural references name several parts of the act: "art. 3 i 4",
// "art. 3–5", "ust. 1 i 2", "lit. a) i b)", "Articles 28(1) and 31(1)",
// "Articles 3 to 5", "Article 3(1) and (2)", "paragraphs 1 and 2". The
// scanners find the first part ("art. 3", "Articles 28(1)"); listed finds
// the others, each linked on its own (the numbers in a range are its two
// ends: "art. 3" and "5").

// partOf is the id of article art, its paragraph par and point pnt ("" for
// none).
func partOf(art, par, pnt string) string {
	id := "art_" + art
	if par != "" {
		id += "__par_" + par
	}
	if pnt != "" {
		id += "__pnt_" + pnt
	}
	return id
}

// listed returns the further parts a reference matched at m names, and
// where the whole reference ends. A part joined by a comma only counts
// when a conjunction or a range follows it ("art. 3, 4 i 5", not "art. 3,
// 2 000 EUR"); a part the act does not have is left out without a
// warning (the number may well be something else).
func (x *xrefs) listed(val []byte, m [refGroups]int, art, par, pnt string) ([]match, int) {
	pl := x.page.Lang == "pl"
	end := m[1]
	level := "art"
	switch {
	case pnt != "":
		level = "pnt"
	case par != "":
		level = "par"
	}
	// In English only a plural ("Articles", "paragraphs") or a part in
	// brackets ("Article 3(1) and (2)") goes on.
	plural := ""
	for _, w := range []string{"Articles", "paragraphs"} {
		if !pl && hasPrefix(val, m[0], w) {
			plural = w
		}
	}
	var out []match
	committed, kept := end, 0
	for pos := end; ; {
		sep, conj := listSeparator(val, pos, pl)
		if sep < 0 {
			break
		}
		t, ok := listItem(val, sep, pl, plural, level, art, par)
		if !ok {
			break
		}
		out = append(out, t)
		pos = t.end
		if conj {
			committed, kept = pos, len(out)
		}
	}
	// The list ends where its text does, whatever parts the act has:
	// what follows it may name another instrument ("… thereof").
	found := out[:0]
	for _, t := range out[:kept] {
		if x.act.Has(t.part) {
			found = append(found, t)
		}
	}
	return found, committed
}

// listSeparator matches what joins two parts at i: a comma, "i", "oraz",
// "lub" ("and", "or", "to"), or a dash of a range. It returns where the
// next part starts (-1 for no separator) and whether the separator is a
// conjunction or a range.
func listSeparator(val []byte, i int, pl bool) (int, bool) {
	j := skipSpace(val, i)
	for _, dash := range []string{"–", "-"} {
		if hasPrefix(val, j, dash) {
			return skipSpace(val, j+len(dash)), true
		}
	}
	if j == i && hasPrefix(val, i, ",") {
		k := skipSpace(val, i+1)
		if k == i+1 {
			return -1, false
		}
		if c, ok := listSeparator(val, i+1, pl); ok && c >= 0 { // ", and"
			return c, true
		}
		return k, false
	}
	words := []string{"and", "or", "to"}
	if pl {
		words = []string{"i", "oraz", "lub"}
	}
	for _, w := range words {
		if k, ok := spacedWord(val, i, w); ok {
			return k, true
		}
	}
	return -1, false
}

// listItem matches one further part of a list at i. In Polish: a number
// (an article, or a paragraph of art) or a letter and ")". In English: an
// article with its paragraph and point after "Articles", a number after
// "paragraphs", "(2)" or "(b)" after a singular reference.
func listItem(val []byte, i int, pl bool, plural, level, art, par string) (match, bool) {
	number := func(j int) int { // \d+[a-z]? for articles
		d := skipDigits(val, j)
		if d > j && isLowerASCII(val, d) && !isLowerASCII(val, d+1) {
			d++
		}
		return d
	}
	switch {
	case level == "pnt" && pl:
		if isLowerASCII(val, i) && hasPrefix(val, i+1, ")") {
			return match{start: i, end: i + 2, part: partOf(art, par, string(val[i]))}, true
		}
	case level == "pnt":
		if parenLetter(val, i) {
			return match{start: i, end: i + 3, part: partOf(art, par, string(val[i+1]))}, true
		}
	case plural == "Articles":
		d := number(i)
		if d == i {
			return match{}, false
		}
		a, p, q, end := string(val[i:d]), "", "", d
		if hasPrefix(val, end, "(") {
			if e := skipDigits(val, end+1); e > end+1 && hasPrefix(val, e, ")") {
				p, end = string(val[end+1:e]), e+1
			}
		}
		if parenLetter(val, end) {
			q, end = string(val[end+1]), end+3
		}
		return match{start: i, end: end, part: partOf(a, p, q)}, true
	case level == "par" && (pl || plural == "paragraphs"):
		d := skipDigits(val, i)
		if d == i || isLowerASCII(val, d) {
			return match{}, false
		}
		if !pl && parenLetter(val, d) {
			return match{start: i, end: d + 3, part: partOf(art, string(val[i:d]), string(val[d+1]))}, true
		}
		return match{start: i, end: d, part: partOf(art, string(val[i:d]), "")}, true
	case level == "par": // "Article 3(1) and (2)"
		if hasPrefix(val, i, "(") {
			if e := skipDigits(val, i+1); e > i+1 && hasPrefix(val, e, ")") {
				return match{start: i, end: e + 1, part: partOf(art, string(val[i+1:e]), "")}, true
			}
		}
	case pl: // articles
		if d := number(i); d > i {
			return match{start: i, end: d, part: partOf(string(val[i:d]), "", "")}, true
		}
	}
	return match{}, false
}
