package search

import "hubgen/generator/search/internal/format"

// writeDocs writes the document store d/<n>.json: documents n·D to n·D+D-1,
// each [title, url, date, [topic numbers], summary, passages], date as
// YYYY-MM-DD or "", topic numbers indexes in topics (the manifest's),
// passages where the document's line of its passage-store file is
// (passages/<n>.jsonl, n its number over the manifest's
// docsPerPassageFile), [offset, length] in bytes, or 0 when it has none (see writePassages).
func writeDocs(files map[string][]byte, ld *langData, topics []string, lines [][2]int, opts Options) {
	topicNo := topicNumbers(topics)
	shards := make([][]byte, (len(ld.docs)+opts.DocsPerShard-1)/opts.DocsPerShard)
	forChunks(len(shards), 64, func(_, lo, hi int) {
		for n := lo; n < hi; n++ {
			lo, hi := n*opts.DocsPerShard, min(len(ld.docs), (n+1)*opts.DocsPerShard)
			shards[n] = appendDocs(nil, ld.docs[lo:hi], lines[lo:hi], topicNo)
		}
	})
	for n, b := range shards {
		files[format.DocsFile(n)] = b
	}
}

// appendDocs writes a shard of the document store holding docs.
func appendDocs(b []byte, docs []*Doc, lines [][2]int, topicNo map[string]int) []byte {
	b = append(b, '[')
	for i, d := range docs {
		if i > 0 {
			b = append(b, ',', '\n')
		}
		b = append(b, '[')
		if d.Shown != "" {
			b = appendString(b, d.Shown)
		} else {
			b = appendString(b, d.Title)
		}
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
		if l := lines[i]; l[1] > 0 {
			b = appendInts(b, l[:])
		} else {
			b = append(b, '0')
		}
		b = append(b, ']')
	}
	return append(b, ']', '\n')
}
