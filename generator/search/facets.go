package search

import (
	"slices"
	"sort"
	"strconv"

	"hubgen/generator/search/internal/format"
)

// topicNames lists the distinct topic names of docs in UTF-16 order: the
// manifest's topics, which the document store and the facets number.
func topicNames(docs []*Doc) []string {
	seen := map[string]bool{}
	var out []string
	for _, d := range docs {
		for _, t := range d.Topics {
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	slices.SortFunc(out, format.Compare16)
	return out
}

// topicNumbers maps each topic name to its index in topics.
func topicNumbers(topics []string) map[string]int {
	topicNo := map[string]int{}
	for i, t := range topics {
		topicNo[t] = i
	}
	return topicNo
}

// docTopics are the numbers of d's topics, sorted, each once.
func docTopics(d *Doc, topicNo map[string]int) []int {
	out := []int{}
	for _, t := range d.Topics {
		if n, ok := topicNo[t]; ok && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	sort.Ints(out)
	return out
}

// writeFacets writes facets.json: {"width":w,"topics":"…"}, for every
// document in order its topics as a bit set of w = ⌈topics/6⌉ characters
// of six bits. (A document's kind and year follow from its number and the
// manifest.)
func writeFacets(files map[string][]byte, ld *langData, topics []string) {
	topicNo := topicNumbers(topics)
	width := (len(topics) + 5) / 6
	masks := make([]byte, 0, width*len(ld.docs))
	for _, d := range ld.docs {
		masks = appendMask(masks, docTopics(d, topicNo), width)
	}
	b := []byte(`{"width":`)
	b = strconv.AppendInt(b, int64(width), 10)
	b = append(b, `,"topics":`...)
	b = appendString(b, string(masks))
	b = append(b, '}', '\n')
	files[format.FacetsFile] = b
}

// appendMask writes a set of small numbers (< 6·width) as width characters
// of format.Alphabet, six bits each, lowest bits first.
func appendMask(b []byte, set []int, width int) []byte {
	bits := make([]int, width)
	for _, n := range set {
		bits[n/6] |= 1 << (n % 6)
	}
	for _, v := range bits {
		b = append(b, format.Alphabet[v])
	}
	return b
}
