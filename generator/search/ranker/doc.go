// Package ranker is the reference ranker of the portal's search: it reads
// a language's static index (written by package hubgen/generator/search)
// the way the browser client, static/js/search-core.js, does (the manifest,
// then only the shards a query needs, recording what it fetched) and ranks
// queries exactly as the client does, so that tests can hold the client to
// it and benchmarks can count what a first query downloads.
//
// A query is split and folded like the pages (search.QueryWords); each
// word is looked up in the lexicon (the last word, while being typed, also
// as a prefix: the most frequent stems of the words it begins, scored at
// PrefixFactor; an unknown word falls back to the words that begin like
// it without its last characters). Documents score by BM25F: per stem
// idf · tf'·(k1+1)/(tf'+k1), tf' = Σ weight·tf / ((1-b) + b·length/average
// length) over the fields; a word scores its best stem. Documents with
// every word come first and alone; when none has them all, documents with
// any word, more words first. Index computes every floating-point step in
// the client's order, so the two rank identically, bit for bit.
//
// The ranker shares no code with the writer but the format definitions in
// hubgen/generator/search/internal/format and the query splitting of
// package search: everything else it knows of the index it reads from the
// files, as the client does.
package ranker
