// search-core.js: the search logic of the portal, without any DOM, so that
// the browser page (search.js) and the tests under node run the same code.
// It reads the static index hubgen writes under /search/<lang>/ (see
// generator/search) and ranks exactly as the Go reference ranker does:
// every floating-point step below is mirrored there in the same order.

export const FORMAT = 4;
export const MAX_WORDS = 12;
// MAX_WORD_CHARS: a longer run of characters is no word (Go: MaxWordRunes).
export const MAX_WORD_CHARS = 64;
// RULE_MIN_STEM is the shortest part of a query word a suffix rule keeps
// (UTF-16 units), RULE_TRIES how many candidates the rules give at most
// (ranker.RuleMinStem, ranker.RuleTries).
export const RULE_MIN_STEM = 3;
export const RULE_TRIES = 6;

const ALPHA = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) DIGIT[ALPHA.charCodeAt(i)] = i;

const own = (o, k) => (o && Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

// fold writes a word the way the index does: lower case, no diacritics,
// ł -> l, no invisible formatting characters, final sigma as sigma.
const SPECIAL = { "ł": "l", "đ": "d", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ς": "σ" };
// FOLDED caches fold's answers: results fold every word of their titles
// and summaries, again on every query (a cache, bounded, of a pure function).
const FOLDED = new Map();
export function fold(s) {
  if (/^[a-z0-9]*$/.test(s)) return s;
  let f = FOLDED.get(s);
  if (f === undefined) {
    f = s.replace(/\p{Cf}/gu, "").toLowerCase().normalize("NFD")
      .replace(/\p{Mn}/gu, "").replace(/[łđøßæœς]/g, (c) => SPECIAL[c]).normalize("NFC");
    if (FOLDED.size >= 20000) FOLDED.clear();
    FOLDED.set(s, f);
  }
  return f;
}

// Character classes of the query tokenizer (generator/search.Tokenize).
const OTHER = 0, LETTER = 1, DIGIT_C = 2, CONN = 3, MARK = 4, FMT = 5, IDEO = 6;
const RE_IDEO = /[\p{Script=Han}\p{Script=Hiragana}]/u;
const RE_L = /\p{L}/u, RE_ND = /\p{Nd}/u, RE_PC = /\p{Pc}/u, RE_M = /\p{M}/u, RE_CF = /\p{Cf}/u;
function cls(ch) {
  const c = ch.codePointAt(0);
  if (c < 0x80) {
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) return LETTER;
    if (c >= 48 && c <= 57) return DIGIT_C;
    return c === 95 ? CONN : OTHER;
  }
  // Latin-1 and Latin Extended-A (ą, ł, ó, ź…): letters but for × and ÷.
  if (c >= 0xc0 && c <= 0x17f) return c === 0xd7 || c === 0xf7 ? OTHER : LETTER;
  if (RE_IDEO.test(ch)) return IDEO;
  if (RE_L.test(ch)) return LETTER;
  if (RE_ND.test(ch)) return DIGIT_C;
  if (RE_PC.test(ch)) return CONN;
  if (RE_M.test(ch)) return MARK;
  return RE_CF.test(ch) ? FMT : OTHER;
}
const JOIN_L = ".'’‘:·\u2024\u2027\ufe13\ufe52\ufe55\uff07\uff0e\uff1a";
const JOIN_D = ".'’‘,;\u037e\u2024\u2044\ufe10\ufe14\ufe50\ufe52\ufe54\uff07\uff0c\uff0e\uff1b";

// tokenSpans splits text into words ([start, end) in UTF-16 units), with
// the rules bleve's tokenizer applies to the pages (see Tokenize in Go);
// runs of more than MAX_WORD_CHARS characters are left out, as in the index.
export function tokenSpans(s) {
  const chars = Array.from(s);
  const at = new Array(chars.length + 1);
  const cl = chars.map(cls);
  let off = 0;
  chars.forEach((c, i) => { at[i] = off; off += c.length; });
  at[chars.length] = off;
  const near = (i, step, stop) => {
    for (; i !== stop; i += step) if (cl[i] !== MARK && cl[i] !== FMT) return cl[i];
    return OTHER;
  };
  const out = [];
  let start = -1;
  const flush = (i) => {
    if (start >= 0) {
      if (i - start <= MAX_WORD_CHARS) out.push([at[start], at[i]]);
      start = -1;
    }
  };
  for (let i = 0; i < chars.length; i++) {
    const c = cl[i];
    if (c === IDEO) { flush(i); out.push([at[i], at[i + 1]]); }
    else if (c === LETTER || c === DIGIT_C || c === CONN) { if (start < 0) start = i; }
    else if (c === MARK || c === FMT) { /* part of the word it is in */ }
    else if (start >= 0 && i + 1 < chars.length && joins(chars[i], near(i - 1, -1, start - 1), near(i + 1, 1, chars.length))) { /* joiner */ }
    else flush(i);
  }
  flush(chars.length);
  return out;
}
function joins(ch, before, after) {
  if (before === LETTER && after === LETTER) return JOIN_L.includes(ch);
  if (before === DIGIT_C && after === DIGIT_C) return JOIN_D.includes(ch);
  return false;
}
export const tokenize = (s) => tokenSpans(s).map(([a, b]) => s.slice(a, b));

// queryWords: the distinct folded words of a query (at most MAX_WORDS) and
// the last word when it is still being typed (no space or punctuation after it).
export function queryWords(q) {
  const toks = tokenize(q);
  const words = [];
  const seen = new Set();
  for (const t of toks) {
    const w = fold(t);
    if (!w || seen.has(w) || words.length === MAX_WORDS) continue;
    seen.add(w);
    words.push(w);
  }
  let prefix = "";
  if (toks.length) {
    const chars = Array.from(q);
    if (cls(chars[chars.length - 1]) !== OTHER) prefix = fold(toks[toks.length - 1]);
  }
  return { words, prefix };
}

// ln is the natural logarithm with the four basic operations only, step by
// step as in Go, so that both give the same bits.
const LN2 = 0.6931471805599453;
export function ln(x) {
  if (!(x >= 1)) return 0;
  let k = 0;
  while (x >= 2) { x = x / 2; k = k + 1; }
  const t = (x - 1) / (x + 1);
  const t2 = t * t;
  let term = t, sum = 0;
  for (let i = 0; i < 30; i++) { sum = sum + term / (2 * i + 1); term = term * t2; }
  return k * LN2 + 2 * sum;
}

// IMPACTS: the pseudo-frequency each impact code stands for, in 256ths
// (format.Impacts in Go: 8, then each 12.5 % above the last).
export const IMPACTS = (() => {
  const t = [8];
  for (let q = 1; q < 64; q++) t.push(t[q - 1] + Math.max(1, t[q - 1] >> 3));
  return t;
})();

function readVint(s, i) {
  let n = 0;
  for (;;) {
    const d = DIGIT[s.charCodeAt(i++)];
    if (d === undefined || d < 0) throw new Error("bad postings");
    if (d < 32) return [n * 32 + d, i];
    n = n * 32 + (d - 32);
  }
}

// decodePostings reads a stem's postings (written column by column, see
// appendPostings in Go: the count, the gaps between document numbers, the
// tail's code where the list has a tail, each posting's impact code, 0 for
// the tail's) into parallel typed arrays: document numbers and impact
// codes (IMPACTS gives the BM25F pseudo-frequency Σ weight·tf /
// ((1-b) + b·len/avglen) each stands for, worked out at build time).
function decodePostings(s) {
  if (!s) return { doc: new Int32Array(0), code: new Uint8Array(0) };
  let n, i, v;
  [n, i] = readVint(s, 0);
  if (n > s.length) throw new Error("bad postings");
  const doc = new Int32Array(n), code = new Uint8Array(n);
  let d = 0;
  for (let k = 0; k < n; k++) { [v, i] = readVint(s, i); d = k ? d + v : v; doc[k] = d; }
  let tail = -1; // the code of the tail's postings, where the list has one
  if (s.length - i === n + 1) tail = DIGIT[s.charCodeAt(i++)];
  else if (s.length - i !== n) throw new Error("bad postings");
  for (let k = 0; k < n; k++) {
    let q = DIGIT[s.charCodeAt(i + k)];
    if (q === 0) q = tail;
    if (q === undefined || q < 0) throw new Error("bad postings");
    code[k] = q;
  }
  return { doc, code };
}

// hash16 is the 32-bit FNV-1a hash of a string's UTF-16 code units.
export function hash16(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}

// shardOf: the last shard whose first key is not after key.
function shardOf(firsts, key) {
  let lo = 0, hi = firsts.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (firsts[mid] <= key) lo = mid + 1; else hi = mid; }
  return Math.max(lo - 1, 0);
}

function pairs(v) {
  const out = [];
  if (Array.isArray(v)) for (let i = 0; i + 1 < v.length; i += 2) out.push({ stem: v[i], df: v[i + 1] });
  return out;
}

// Searcher queries one language's index. base is the index directory's URL
// ending in "/"; load(url) returns a promise of the parsed JSON at url.
export class Searcher {
  constructor(base, load) {
    this.base = base;
    this.load = load;
    this.cache = new Map();
  }

  get(name, fresh) {
    let p = this.cache.get(name);
    if (!p) {
      const url = this.base + name + (fresh ? "" : "?v=" + this.m.version);
      p = this.load(url, fresh);
      this.cache.set(name, p);
      p.catch(() => this.cache.delete(name));
    }
    return p;
  }

  async manifest() {
    if (!this.m) {
      const m = await this.get("manifest.json", true);
      if (m.format !== FORMAT) throw new Error("search index format " + m.format);
      this.m = m;
    }
    return this.m;
  }

  // postings reads a stem's postings: a stem found in bigDF documents or
  // more has a file of its own, the others share hashed shards.
  async postings(stem, df) {
    const key = "p:" + stem;
    let p = this.cache.get(key);
    if (!p) {
      const m = this.m, h = hash16(stem);
      const file = df >= m.bigDF ? "p/x" + h.toString(16).padStart(8, "0") : "p/" + (h % Math.max(m.postingShards, 1));
      p = this.get(file + ".json").then((sh) => decodePostings(own(sh, stem) || ""));
      this.cache.set(key, p);
    }
    return p;
  }

  // lookup finds a folded word in the lexicon; a word being typed also
  // expands to the (at most m.expansions) most frequent stems of the words
  // it begins. An unknown word tries the stems the site's suffix rules
  // (rules.json, fetched the first time they are needed) make of it; failing those, it falls back to the words that
  // begin like it:
  // it loses up to m.fallbackCut characters while m.fallbackMin remain.
  async lookup(w, typing) {
    const m = this.m;
    // approx: no page has the word; its stems are those of words like it.
    const word = { text: w, stop: false, approx: false, stems: [], shards: [] };
    const add = (list, factor) => {
      for (const p of list) if (!word.stems.some((x) => x.stem === p.stem)) word.stems.push({ stem: p.stem, df: p.df, factor });
    };
    const [entry, sh, i] = await this.entry(w);
    word.shards.push(sh);
    if (entry && entry.length === 0) {
      // A stop word is left out, unless it is being typed and begins other words.
      if (typing && w.length >= m.minPrefix) add(this.expand(w, sh, i), m.prefixFactor);
      word.stop = !word.stems.length;
      return word;
    }
    add(pairs(entry), 1);
    if (typing && w.length >= m.minPrefix) add(this.expand(w, sh, i), m.prefixFactor);
    if (word.stems.length) return word;
    // A form no page uses: the site's suffix rules give the first
    // RULE_TRIES other words to look up, whose stems all count.
    const tried = [w];
    for (const [from, to] of await this.get("rules.json")) {
      const cand = w.slice(0, w.length - from.length) + to;
      if (!w.endsWith(from) || w.length - from.length < RULE_MIN_STEM || tried.includes(cand)) continue;
      const [entry, sh] = await this.entry(cand);
      word.shards.push(sh);
      add(pairs(entry), 1);
      tried.push(cand);
      if (tried.length > RULE_TRIES) break;
    }
    if (word.stems.length) return word;
    const cps = Array.from(w);
    for (let cut = 1; cut <= m.fallbackCut && cps.length - cut >= m.fallbackMin; cut++) {
      const p = cps.slice(0, cps.length - cut).join("");
      const [entry, sh, i] = await this.entry(p);
      word.shards.push(sh);
      add(pairs(entry), m.prefixFactor);
      add(this.expand(p, sh, i), m.prefixFactor);
      if (word.stems.length) { word.approx = true; break; }
    }
    return word;
  }

  async entry(w) {
    const i = shardOf(this.m.lexicon, w);
    const sh = await this.get("l/" + i + ".json");
    return [own(sh.w, w), sh, i];
  }

  expand(p, sh, i) {
    const m = this.m;
    if (i + 1 < m.lexicon.length && m.lexicon[i + 1].startsWith(p)) return pairs(own(sh.t, p));
    const seen = new Set();
    const cands = [];
    for (const k of Object.keys(sh.w)) {
      if (k === p || !k.startsWith(p)) continue;
      for (const x of pairs(sh.w[k])) if (!seen.has(x.stem)) { seen.add(x.stem); cands.push(x); }
    }
    cands.sort((a, b) => b.df - a.df || cmp(a.stem, b.stem));
    return cands.slice(0, m.expansions);
  }

  // search ranks the documents for a query with BM25F: BM25 (k1 from the
  // manifest) over term frequencies weighted and length-normalised per
  // field (the postings' impact codes); a word's score in a document is
  // its best stem's. When some document contains every word only those
  // are returned (all: true); otherwise all documents with any word or a
  // word like one, more words first, then more words like the others. A
  // word no page has (approx) never counts as contained. hits holds the
  // document numbers, best first (an Int32Array: a query may find every
  // document, and objects for each cost more than ranking them); score,
  // matched, near and has are indexed by document number: its score, the
  // words it contains, those it matches through words like them, and a
  // bit set of the query words (by their index in words) it contains.
  // score, matched and near are the Searcher's own and hold the last
  // query's figures (a query typed on may finish after a later one): read
  // them before the next search; hits and has stay the result's.
  async search(query) {
    const m = await this.manifest();
    const { words, prefix } = queryWords(query);
    const looked = await Promise.all(words.map((w) => this.lookup(w, w === prefix)));
    const stems = new Map();
    for (const w of looked) for (const s of w.stems) stems.set(s.stem, s.df);
    const lists = new Map();
    await Promise.all([...stems].map(async ([s, df]) => lists.set(s, await this.postings(s, df))));
    const { k1, docs: N } = m;
    // Per document: the running score, the words matched, and this word's
    // best stem score (typed arrays: a query may touch every document),
    // allocated once a Searcher: a new query's result takes them over.
    this.scratch ??= { score: new Float64Array(N), matched: new Uint8Array(N), near: new Uint8Array(N), best: new Float64Array(N), seen: new Uint16Array(N) };
    const { score, matched, near, best, seen } = this.scratch;
    for (const a of [score, matched, near, best, seen]) a.fill(0);
    // The result's own: the page reads it after later queries may have run.
    const has = new Uint32Array(N);
    const touched = [];
    const byCode = new Float64Array(64);
    let counted = 0;
    for (const [wi, w] of looked.entries()) {
      if (w.stop) continue;
      counted++;
      const mine = [];
      for (const ws of w.stems) {
        const list = lists.get(ws.stem);
        const df = list.doc.length;
        const idf = ln(1 + (N - df + 0.5) / (df + 0.5));
        // A posting's score by its impact code, worked out once a stem.
        for (let q = 0; q < 64; q++) {
          const t = IMPACTS[q] / 256;
          byCode[q] = ws.factor * ((idf * (t * (k1 + 1))) / (t + k1));
        }
        const docs = list.doc, codes = list.code;
        for (let i = 0; i < df; i++) {
          const s = byCode[codes[i]];
          const d = docs[i];
          if (seen[d] !== counted) { seen[d] = counted; best[d] = s; mine.push(d); }
          else if (s > best[d]) best[d] = s;
        }
      }
      for (const d of mine) {
        if (!matched[d] && !near[d]) touched.push(d);
        score[d] = score[d] + best[d];
        if (w.approx) near[d]++;
        else { matched[d]++; if (wi < 32) has[d] |= 1 << wi; }
      }
    }
    let all = false;
    for (const d of touched) if (matched[d] === counted) { all = true; break; }
    let hits = new Int32Array(touched.length), n = 0;
    for (const d of touched) if (!all || matched[d] === counted) hits[n++] = d;
    hits = hits.subarray(0, n);
    hits.sort((x, y) => matched[y] - matched[x] || near[y] - near[x] || (score[x] > score[y] ? -1 : score[x] < score[y] ? 1 : x - y));
    return { words: looked, all, hits, score, matched, near, has, prefix };
  }

  // docs returns the stored documents with the given numbers:
  // {id, title, url, date, topics: [names], summary, at, kind, year}, at
  // where the document's passages are in its passage-store file
  // (passages/<id over docsPerPassageFile>.jsonl: [offset, length], or 0).
  async docs(ids) {
    const m = this.m;
    const D = m.docsPerShard;
    const shards = await Promise.all(ids.map((id) => this.get("d/" + Math.floor(id / D) + ".json")));
    const ky = this.kindYear();
    return ids.map((id, i) => {
      const r = shards[i][id % D] || ["", "", "", [], "", 0];
      return { id, title: r[0], url: r[1], date: r[2], topics: r[3].map((t) => m.topics[t]), summary: r[4], at: r[5], kind: ky.kind[id], year: ky.year[id] };
    });
  }

  // passages reads a document's passages from the passage store with a
  // range request: [{anchor, label, start, end, bits}], start and end the
  // passage's bytes in the published page.
  async passages(d) {
    if (!Array.isArray(d.at)) return [];
    const key = "x:" + d.id;
    let p = this.cache.get(key);
    if (!p) {
      const [off, len] = d.at;
      p = this.range(this.base + "passages/" + Math.floor(d.id / this.m.docsPerPassageFile) + ".jsonl?v=" + this.m.version, off, off + len).then((line) => {
        const [anchors, flat] = JSON.parse(line);
        const out = [];
        let end = 0;
        for (let i = 0; i + 3 < flat.length; i += 4) {
          const [a, gap, n, bits] = flat.slice(i, i + 4);
          const start = end + gap;
          end = start + n;
          out.push({ anchor: anchors[a][0], label: anchors[a][1], start, end, bits });
        }
        return out;
      });
      this.cache.set(key, p);
      p.catch(() => this.cache.delete(key));
    }
    return p;
  }

  // passageText reads a passage's HTML from its page with a range request
  // and returns its text, without anchor links, back links and hidden
  // parts. The HTML is parsed into an inert document and only its text is
  // kept.
  passageText(url, p) {
    const key = "t:" + url + "#" + p.start + "-" + p.end;
    let t = this.cache.get(key);
    if (!t) {
      t = this.range(url, p.start, p.end).then((html) => {
        const doc = new DOMParser().parseFromString(html, "text/html");
        for (const e of doc.querySelectorAll(".anchor, .footnote-backref, [aria-hidden=true], script, style, template")) e.remove();
        return doc.body.textContent.replace(/\s+/g, " ").trim();
      });
      this.cache.set(key, t);
      t.catch(() => this.cache.delete(key));
    }
    return t;
  }

  // matchingPassages finds, for a document found by result, its best
  // passage: it reads the filters' candidates one at a time, best promise
  // first, until the one read holds as many of the query's words as any
  // candidate left promises (at most four reads). It returns the passages
  // read that hold a word, ranked by rankPassages (found), and the other
  // candidates with their promises (others: [{p, n}], not read).
  async matchingPassages(d, result) {
    const cands = choosePassages(await this.passages(d), result);
    const read = [];
    let found = [], next = 0;
    while (next < cands.length && read.length < 4 && !(found.length && found[0].n >= cands[next].n)) {
      const p = cands[next++].p;
      read.push({ p, text: await this.passageText(d.url, p) });
      found = rankPassages(read, result);
    }
    return { found, others: cands.slice(next) };
  }

  // range returns the text of bytes [start, end) of url: a range request,
  // or, where the server answers with the whole file, that file's bytes
  // (kept for the next range of it).
  async range(url, start, end) {
    let whole = this.wholes?.get(url);
    if (!whole) {
      const r = await fetch(url, { headers: { Range: "bytes=" + start + "-" + (end - 1) } });
      if (!r.ok) throw new Error(url + ": " + r.status);
      const buf = new Uint8Array(await r.arrayBuffer());
      if (r.status === 206) return new TextDecoder().decode(buf);
      (this.wholes ??= new Map()).set(url, (whole = buf));
    }
    return new TextDecoder().decode(whole.subarray(start, end));
  }

  // kindYear expands the manifest's ranges into each document's kind and
  // year, and its segment: the run of documents of one kind and year
  // (segs gives each segment's kind and year).
  kindYear() {
    if (!this.ky) {
      const kind = [], year = [], segs = [], seg = new Uint16Array(this.m.docs);
      let id = 0;
      for (const [k, , years] of this.m.kinds) {
        for (const [y, c] of years) {
          for (let j = 0; j < c; j++) { kind.push(k); year.push(y); seg[id++] = segs.length; }
          segs.push({ kind: k, year: y });
        }
      }
      this.ky = { kind, year, seg, segs };
    }
    return this.ky;
  }

  // facets loads the documents' topics and returns a function giving a
  // document's topic numbers.
  async facets() {
    const f = await this.get("facets.json");
    const w = f.width;
    return (id) => {
      const out = [];
      for (let c = 0; c < w; c++) {
        const v = DIGIT[f.topics.charCodeAt(id * w + c)];
        for (let bit = 0; bit < 6; bit++) if (v & (1 << bit)) out.push(c * 6 + bit);
      }
      return out;
    };
  }

  // suggest proposes, for a query that found nothing, queries with each
  // unknown word replaced by a near word of the lexicon (edit distance at
  // most 1, or 2 for words of six letters or more), most frequent first.
  suggest(result, limit = 3) {
    const out = [];
    for (const w of result.words) {
      if (w.stop || w.stems.length) continue;
      const maxd = w.text.length >= 6 ? 2 : 1;
      const cands = [];
      for (const k of Object.keys(w.shards[0].w)) {
        const v = w.shards[0].w[k];
        if (!v.length || Math.abs(k.length - w.text.length) > maxd) continue;
        const d = distance(w.text, k, maxd);
        if (d <= maxd) cands.push({ k, d, df: Math.max(...pairs(v).map((p) => p.df)) });
      }
      cands.sort((a, b) => a.d - b.d || b.df - a.df || cmp(a.k, b.k));
      for (const c of cands.slice(0, limit)) {
        out.push(result.words.filter((x) => !x.stop).map((x) => (x === w ? c.k : x.text)).join(" "));
      }
    }
    return [...new Set(out)].slice(0, limit);
  }
}

// passageHas tells whether a passage's filter has the bits of a stem with
// hash h: two bits of m, at h mod m and at h with its halves swapped mod m
// (false positives: about 15 %).
export function passageHas(bits, h) {
  const m = bits.length * 6;
  const has = (k) => (DIGIT[bits.charCodeAt((k / 6) | 0)] >> k % 6) & 1;
  return has(h % m) && has((((h >>> 16) | (h << 16)) >>> 0) % m);
}

// choosePassages ranks a document's passages for a query result: by how
// many of the query's words their filters say they contain (n, most
// first), then in page order; passages with none are left out. These are
// the candidates whose text is worth reading (a filter may be wrong):
// [{p, n}].
function choosePassages(ps, result) {
  const words = result.words.filter((w) => !w.stop && w.stems.length).map((w) => w.stems.map((s) => hash16(s.stem)));
  const scored = [];
  ps.forEach((p, i) => {
    const n = words.filter((hs) => hs.some((h) => passageHas(p.bits, h))).length;
    if (n) scored.push({ p, i, n });
  });
  scored.sort((a, b) => b.n - a.n || a.i - b.i);
  return scored;
}

// wordTests holds rankPassages' matchers by query result.
const wordTests = new WeakMap();

// rankPassages orders passages read with their texts ([{p, text}], in
// page order) by how many of the query's words their text holds, most
// first, then in page order, leaving out those with none.
function rankPassages(read, result) {
  let tests = wordTests.get(result);
  if (!tests) {
    // One matcher a query word, made once a result: each reads every
    // word of the lexicon shards the query loaded.
    tests = result.words.filter((w) => !w.stop).map((w) => matcher({ words: [w], prefix: result.prefix }));
    wordTests.set(result, tests);
  }
  const scored = read.map((x, i) => {
    const toks = tokenSpans(x.text).map(([a, b]) => x.text.slice(a, b));
    return { ...x, i, n: tests.filter((t) => toks.some(t)).length };
  });
  return scored.filter((x) => x.n).sort((a, b) => b.n - a.n || a.p.start - b.p.start);
}

// distance is the Damerau–Levenshtein distance of a and b, or max+1 when
// it is more than max.
export function distance(a, b, max) {
  const n = a.length, m = b.length;
  let prev2 = null, prev = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const cur = [i];
    let low = i;
    for (let j = 1; j <= m; j++) {
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur.push(v);
      low = Math.min(low, v);
    }
    if (low > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[m];
}

// facetCounts filters hits (document numbers) by the selected facet values
// (sel: {kind, topic, year}, each a Set; empty means any) and counts each
// facet's values over the hits that pass the other facets' filters: shown
// (hits itself when nothing is selected) and counts ({kind, topic, year},
// Maps from value to count). ky is Searcher.kindYear(): a hit's kind and
// year are those of its segment, so that a hit costs one count by
// segment; topics(id) gives a document's topic numbers, once loaded (else
// null).
export function facetCounts(hits, sel, ky, topics) {
  const { seg, segs } = ky;
  const sk = sel.kind.size, st = sel.topic.size, sy = sel.year.size;
  const pk = segs.map((g) => !sk || sel.kind.has(g.kind)), py = segs.map((g) => !sy || sel.year.has(g.year));
  // Per segment: the hits that pass the topic filter (all of them when no
  // topic is selected). Topics count the hits that pass the other two.
  const inSeg = new Int32Array(segs.length);
  const tc = new Map();
  let shown = hits;
  if (!sk && !sy && !st && !topics) {
    for (let i = 0; i < hits.length; i++) inSeg[seg[hits[i]]]++;
  } else {
    const out = [];
    for (let i = 0; i < hits.length; i++) {
      const d = hits[i], g = seg[d], t = topics ? topics(d) : [];
      if (pk[g] && py[g]) for (const v of t) tc.set(v, (tc.get(v) || 0) + 1);
      if (st && !t.some((v) => sel.topic.has(v))) continue;
      inSeg[g]++;
      if (pk[g] && py[g]) out.push(d);
    }
    shown = Int32Array.from(out);
  }
  const counts = { kind: new Map(), topic: tc, year: new Map() };
  segs.forEach((g, i) => {
    if (!inSeg[i]) return;
    if (py[i]) counts.kind.set(g.kind, (counts.kind.get(g.kind) || 0) + inSeg[i]);
    if (pk[i]) counts.year.set(g.year, (counts.year.get(g.year) || 0) + inSeg[i]);
  });
  return { shown, counts };
}

// matcher returns a test telling whether a word of a page's text (as
// written) is one the query asked for: a lexicon form of one of the
// query's stems, a query word, a word the typed prefix begins, or a word
// that begins with a stem of four letters or more.
export function matcher(result) {
  const stems = new Set(), forms = new Set(), words = new Set();
  for (const w of result.words) {
    if (w.stop) continue;
    words.add(w.text);
    for (const s of w.stems) stems.add(s.stem);
  }
  for (const w of result.words) {
    for (const sh of w.shards) for (const k of Object.keys(sh.w)) if (pairs(sh.w[k]).some((p) => stems.has(p.stem))) forms.add(k);
  }
  const long = [...stems].filter((s) => s.length >= 4);
  const prefix = result.prefix && words.has(result.prefix) && result.prefix.length >= 3 ? result.prefix : "";
  const seen = new Map();
  return (tok) => {
    let r = seen.get(tok);
    if (r === undefined) {
      const f = fold(tok);
      r = forms.has(f) || words.has(f) || (prefix && f.startsWith(prefix)) || long.some((s) => f.startsWith(s));
      seen.set(tok, r);
    }
    return r;
  };
}

// snippet picks from the texts (summary, then the start of the body) the
// passage of about max characters with the most distinct matching words,
// and returns it as [text, isMatch] pieces.
export function snippet(texts, isMatch, max = 180) {
  let best = null;
  for (const text of texts) {
    if (!text) continue;
    const spans = tokenSpans(text).map(([a, b]) => ({ a, b, hit: isMatch(text.slice(a, b)) }));
    for (let i = 0; i < spans.length; i++) {
      if (!spans[i].hit && i > 0) continue;
      const seen = new Set();
      for (let j = i; j < spans.length && spans[j].b - spans[i].a <= max; j++) if (spans[j].hit) seen.add(fold(text.slice(spans[j].a, spans[j].b)));
      if (!best || seen.size > best.score) best = { score: seen.size, text, spans, i };
    }
  }
  if (!best) return [];
  const { text, spans, i } = best;
  const start = i > 0 && best.score ? Math.max(0, spans[Math.max(0, i - 3)].a) : 0;
  let end = start;
  for (const s of spans) if (s.a >= start && s.b - start <= max) end = s.b;
  const out = [];
  if (start > 0) out.push(["…", false]);
  let pos = start;
  for (const s of spans) {
    if (s.a < start || s.b > end || !s.hit) continue;
    if (s.a > pos) out.push([text.slice(pos, s.a), false]);
    out.push([text.slice(s.a, s.b), true]);
    pos = s.b;
  }
  if (end > pos) out.push([text.slice(pos, end), false]);
  if (end < text.length) out.push(["…", false]);
  return out;
}
