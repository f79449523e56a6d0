package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing/fstest"

	"hubgen/generator/search"
	"hubgen/generator/search/ranker"
	"hubgen/generator/search/searchtest"
)

// size is a set of files' count and bytes, as stored and gzipped.
type size struct{ files, raw, gz int }

// add counts one file; data already gzipped (Pagefind's) counts as it is.
func (s *size) add(data []byte) {
	s.files++
	s.raw += len(data)
	if len(data) > 2 && data[0] == 0x1f && data[1] == 0x8b {
		s.gz += len(data)
	} else {
		s.gz += gzipLen(data)
	}
}

// gzipLen is the length of data gzipped at the default level, as a web
// server would send it.
func gzipLen(data []byte) int {
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.DefaultCompression)
	w.Write(data)
	w.Close()
	return b.Len()
}

// dirBytes sums the files under dir. Files that are gzip streams already
// (Pagefind's) count as they are.
func dirBytes(dir string) (size, error) {
	var s size
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		s.add(data)
		return nil
	})
	return s, err
}

func scriptBytes(dir string) (size, error) {
	var s size
	for _, name := range []string{"search.js", "search-core.js"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return s, err
		}
		s.add(data)
	}
	return s, nil
}

// firstQuery is what a fresh client downloads for one query.
type firstQuery struct {
	lang, query string
	hits, files int
	gz          int
}

// firstQueries runs each query with a fresh reference ranker (which reads
// exactly the files the client fetches: manifest, lexicon and postings
// shards, the document shards of the first ten results) and adds the
// script.
func firstQueries(fsys fs.FS, qs map[string][]string, script int) ([]firstQuery, error) {
	var out []firstQuery
	for _, lang := range []string{"pl", "en"} {
		for _, q := range qs[lang] {
			ix, err := ranker.Open(fsys, "search/"+lang)
			if err != nil {
				return nil, err
			}
			r, err := ix.Search(q)
			if err != nil {
				return nil, err
			}
			for i, h := range r.Hits {
				if i == 10 {
					break
				}
				if _, err := ix.Doc(h.Doc); err != nil {
					return nil, err
				}
			}
			files := ix.Fetched // facets.json loads only when the reader opens the topic filter
			fq := firstQuery{lang: lang, query: q, hits: len(r.Hits), files: len(files), gz: script}
			for _, f := range files {
				data, err := fs.ReadFile(fsys, "search/"+lang+"/"+f)
				if err != nil {
					return nil, err
				}
				fq.gz += gzipLen(data)
			}
			out = append(out, fq)
		}
	}
	return out, nil
}

// sweepShards rebuilds the index with other shard sizes and prints what a
// first query downloads and how many files the index takes.
func sweepShards(src string, script int) error {
	// The generated portal's pages as the build hands them to the index.
	_, docs, err := searchtest.Load(src, "", now)
	if err != nil {
		return err
	}
	fmt.Println("Shard sizes (reference ranker, all queries of both languages)")
	fmt.Printf("  %-34s %7s %12s %12s %12s\n", "options", "files", "index (gz)", "median 1st q", "largest")
	variants := []struct {
		name string
		o    search.Options
	}{
		{"defaults", search.Options{}},
		{"DocsPerShard:1", search.Options{DocsPerShard: 1}}, {"DocsPerShard:3", search.Options{DocsPerShard: 3}}, {"DocsPerShard:4", search.Options{DocsPerShard: 4}},
		{"LexiconShardBytes:2048", search.Options{LexiconShardBytes: 2 << 10}}, {"LexiconShardBytes:8192", search.Options{LexiconShardBytes: 8 << 10}}, {"LexiconShardBytes:16384", search.Options{LexiconShardBytes: 16 << 10}},
		{"PostingsShardBytes:2048", search.Options{PostingsShardBytes: 2 << 10}}, {"PostingsShardBytes:4096", search.Options{PostingsShardBytes: 4 << 10}}, {"PostingsShardBytes:12288", search.Options{PostingsShardBytes: 12 << 10}}, {"PostingsShardBytes:24576", search.Options{PostingsShardBytes: 24 << 10}},
		{"ImpactHead:100", search.Options{ImpactHead: 100}}, {"ImpactHead:400", search.Options{ImpactHead: 400}},
	}
	for _, v := range variants {
		files, err := search.Build([]string{"pl", "en"}, docs, v.o)
		if err != nil {
			return err
		}
		fsys := fstest.MapFS{}
		total := 0
		for name, data := range files {
			fsys[name] = &fstest.MapFile{Data: data}
			total += gzipLen(data)
		}
		fq, err := firstQueries(fsys, queries, script)
		if err != nil {
			return err
		}
		var all []int
		for _, r := range fq {
			all = append(all, r.gz)
		}
		fmt.Printf("  %-34s %7d %12s %12s %12s\n", v.name, len(files), kb(total), kb(median(all)), kb(maxOf(all)))
	}
	fmt.Println()
	return nil
}
