// Package search builds the portal's static search index: it analyses the
// published pages (Build, Write) and writes the sharded JSON files the
// browser client searches.
//
// # Analysis
//
// Pages are split into words by Tokenize (the cases of Unicode word
// segmentation that bleve's tokenizer applies; tests hold the two to the
// same words over the portal's content), and every distinct word of a
// language goes once through the token filters of bleve's analyzer for
// that language: "pl" (stop words, Stempel stemmer) or "en" (possessives,
// stop words, Porter). Words and stems are then folded (Fold: lower case,
// no diacritics, ł -> l). Indexed fields: title, summary, body text, topic
// names, and for legal acts their type and number.
//
// # Index layout
//
// One directory per language, search/<lang>/, all JSON:
//
//   - manifest.json: format, version (a hash of the other files; the
//     client adds ?v=<version> to every other URL), document count, BM25F's
//     k1 (b and the field weights are the build's, in the impact codes), prefix
//     search parameters, the first word of every lexicon shard, how
//     postings are spread (postingShards, bigDF), documents per document
//     shard, the document ranges of each kind and year, the topic names.
//   - rules.json: the suffix rules [from, to] for forms no page uses, in
//     the order the client tries them (see inflect.go); fetched only for
//     a query with such a word.
//   - l/<n>.json, the lexicon: the folded words that occur in the
//     language's pages, sorted (UTF-16 order) and cut into shards of about
//     LexiconShardBytes. {"w":{word:[stem,df,…]},"t":{prefix:[stem,df,…]}}:
//     each word's stems with their document frequencies (none: a stop
//     word; every stem is a word of its own where no form is written like
//     it), and for prefixes whose words run past the shard, the stems a
//     prefix search expands to, so that a prefix never needs two shards.
//   - p/…json, the postings, {stem: list}: a stem found in bigDF documents
//     or more has a file of its own, p/x<hash>.json; the others share
//     p/<hash mod postingShards>.json (hash: FNV-1a of the UTF-16 units), so
//     the client finds any stem's file from the stem and its document
//     frequency alone. A list is a string of base-64 digits written column
//     by column: the count, the gaps between document numbers, then a
//     character per posting, its impact code: the BM25F pseudo-frequency
//     of the stem in the document (fields weighted, lengths normalised),
//     worked out at build time, as one of a table of 64 values the client
//     holds too (format.Impacts). A list longer than Options.ImpactHead
//     keeps the codes of its best postings only; the others are 0, for
//     one code written before the column (appendPostings).
//   - d/<n>.json, the document store: documents n·D … n·D+D-1, each
//     [title, url, date, [topic numbers], summary, [offset, length] of
//     its line in its passage-store file or 0].
//   - passages/<n>.jsonl, the passage store: a line per document with
//     passages, docsPerPassageFile documents a file (see passagestore.go),
//     read with range requests for the results shown; the passages' text is read from the published pages
//     themselves, at the bytes the line gives (Passages finds them).
//   - facets.json: every document's topics as a bit set, for the topic
//     filter; the page loads it only when the reader opens that filter
//     (a document's kind and year follow from its number).
//
// Documents are numbered by kind, year (newest first) and body length
// class, so that kinds and years are ranges in the manifest.
//
// # Reading
//
// The browser client (static/js/search-core.js) reads these files and
// ranks queries; package hubgen/generator/search/ranker is the reference
// ranker that reads and ranks exactly as the client does, so that tests
// can hold the client to it. Both split queries with QueryWords. What the
// writer and the ranker share besides the files (the format version, file
// names, fields, compact numbers, length and impact codes, UTF-16 order) is in
// internal/format.
package search
