package ranker

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"

	"hubgen/generator/search/internal/format"
)

// Manifest is a language index's manifest.json.
type Manifest struct {
	Format        int      `json:"format"`
	Lang          string   `json:"lang"`
	Version       string   `json:"version"`
	Docs          int      `json:"docs"`
	K1            float64  `json:"k1"`
	MinPrefix     int      `json:"minPrefix"`
	Expansions    int      `json:"expansions"`
	PrefixFactor  float64  `json:"prefixFactor"`
	FallbackCut   int      `json:"fallbackCut"`
	FallbackMin   int      `json:"fallbackMin"`
	DocsPerShard  int      `json:"docsPerShard"`
	Kinds         [][]any  `json:"kinds"` // [kind, count, [[year, count], …]] in document order
	Topics        []string `json:"topics"`
	Lexicon       []string `json:"lexicon"`
	PostingShards int      `json:"postingShards"`
	BigDF         int      `json:"bigDF"`
}

// Index is the reference ranker: it reads a language's static index files
// the way the browser client does (manifest, then only the shards a query
// needs) and ranks exactly as the client does, so that tests can hold the
// client to it. It is not safe for concurrent use.
type Index struct {
	fsys    fs.FS
	dir     string
	M       Manifest // the index's manifest.json
	lex     map[int]*lexShard
	post    map[string]map[string]string
	docs    map[int][]StoredDoc
	rules   [][2]string // rules.json, once read
	impacts [64]int     // format.Impacts
	// Fetched lists every file read, in order, relative to the index
	// directory: what a browser would have downloaded.
	Fetched []string
}

type lexShard struct {
	W map[string][]any `json:"w"`
	T map[string][]any `json:"t"`
}

// StoredDoc is a document as the document store holds it.
type StoredDoc struct {
	Title, URL, Date, Summary string
	Topics                    []int
	// Passages is where the document's line of the passage store is:
	// offset and length in bytes, zero for none.
	Passages [2]int
}

// Open reads the manifest of the index in directory dir of fsys (for
// example "search/pl").
func Open(fsys fs.FS, dir string) (*Index, error) {
	ix := &Index{fsys: fsys, dir: dir, lex: map[int]*lexShard{}, post: map[string]map[string]string{}, docs: map[int][]StoredDoc{}, impacts: format.Impacts()}
	if err := ix.read(format.ManifestFile, &ix.M); err != nil {
		return nil, err
	}
	if ix.M.Format != format.Version {
		return nil, fmt.Errorf("search index %s: format %d, want %d", dir, ix.M.Format, format.Version)
	}
	return ix, nil
}

func (ix *Index) read(name string, v any) error {
	ix.Fetched = append(ix.Fetched, name)
	data, err := fs.ReadFile(ix.fsys, path.Join(ix.dir, name))
	if err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("search index %s/%s: %w", ix.dir, name, err)
	}
	return nil
}

// suffixRules reads rules.json the first time a query needs it.
func (ix *Index) suffixRules() ([][2]string, error) {
	if ix.rules == nil {
		ix.rules = [][2]string{}
		if err := ix.read(format.RulesFile, &ix.rules); err != nil {
			return nil, err
		}
	}
	return ix.rules, nil
}

func (ix *Index) lexShard(i int) (*lexShard, error) {
	if s := ix.lex[i]; s != nil {
		return s, nil
	}
	s := &lexShard{}
	if err := ix.read(format.LexiconFile(i), s); err != nil {
		return nil, err
	}
	ix.lex[i] = s
	return s, nil
}

func (ix *Index) postings(stem string, df int) (string, error) {
	name := format.PostingsFile(stem, df, ix.M.BigDF, max(ix.M.PostingShards, 1))
	s, ok := ix.post[name]
	if !ok {
		if err := ix.read(name, &s); err != nil {
			return "", err
		}
		ix.post[name] = s
	}
	return s[stem], nil
}

// Doc returns document n from the document store.
func (ix *Index) Doc(n int) (StoredDoc, error) {
	i := n / ix.M.DocsPerShard
	list, ok := ix.docs[i]
	if !ok {
		var raw [][]any
		if err := ix.read(format.DocsFile(i), &raw); err != nil {
			return StoredDoc{}, err
		}
		for _, r := range raw {
			d := StoredDoc{}
			if len(r) == 6 {
				d.Title, _ = r[0].(string)
				d.URL, _ = r[1].(string)
				d.Date, _ = r[2].(string)
				if ts, ok := r[3].([]any); ok {
					for _, t := range ts {
						f, _ := t.(float64)
						d.Topics = append(d.Topics, int(f))
					}
				}
				d.Summary, _ = r[4].(string)
				if at, ok := r[5].([]any); ok && len(at) == 2 {
					off, _ := at[0].(float64)
					n, _ := at[1].(float64)
					d.Passages = [2]int{int(off), int(n)}
				}
			}
			list = append(list, d)
		}
		ix.docs[i] = list
	}
	k := n - i*ix.M.DocsPerShard
	if k < 0 || k >= len(list) {
		return StoredDoc{}, fmt.Errorf("search index %s: no document %d", ix.dir, n)
	}
	return list[k], nil
}
