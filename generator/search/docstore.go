package search

import (
	"strings"
	"unicode/utf8"

	"hubgen/generator/search/internal/format"
)

// writeDocs writes the document store d/<n>.json: documents n·D to n·D+D-1,
// each [title, url, date, [topic numbers], summary, text], date as
// YYYY-MM-DD or "", topic numbers indexes in topics (the manifest's), text
// the start of the body for snippets.
func writeDocs(files map[string][]byte, ld *langData, topics []string, opts Options) {
	topicNo := topicNumbers(topics)
	shards := make([][]byte, (len(ld.docs)+opts.DocsPerShard-1)/opts.DocsPerShard)
	forChunks(len(shards), 64, func(_, lo, hi int) {
		for n := lo; n < hi; n++ {
			shards[n] = appendDocs(nil, ld.docs[n*opts.DocsPerShard:min(len(ld.docs), (n+1)*opts.DocsPerShard)], topicNo, opts)
		}
	})
	for n, b := range shards {
		files[format.DocsFile(n)] = b
	}
}

// appendDocs writes a shard of the document store holding docs.
func appendDocs(b []byte, docs []*Doc, topicNo map[string]int, opts Options) []byte {
	b = append(b, '[')
	for i, d := range docs {
		if i > 0 {
			b = append(b, ',', '\n')
		}
		b = append(b, '[')
		b = appendString(b, d.Title)
		b = append(b, ',')
		b = appendString(b, d.URL)
		b = append(b, ',')
		date := ""
		if !d.Date.IsZero() {
			date = d.Date.Format("2006-01-02")
		}
		b = appendString(b, date)
		b = append(b, ',')
		b = appendInts(b, docTopics(d, topicNo))
		b = append(b, ',')
		b = appendString(b, d.Summary)
		b = append(b, ',')
		b = appendString(b, truncateWords(d.Body, opts.SnippetBytes))
		b = append(b, ']')
	}
	return append(b, ']', '\n')
}

// truncateWords cuts s to at most n bytes at a word boundary, adding "…"
// when it cut anything.
func truncateWords(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut < n/2 {
		cut = n
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
	}
	return strings.TrimRight(s[:cut], " ,;:–-") + "…"
}
