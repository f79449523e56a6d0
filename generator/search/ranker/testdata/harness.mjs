// harness.mjs runs queries through the browser client's search logic
// (static/js/search-core.js) under node, reading the index from disk.
//
//	node harness.mjs <search-core.js> <site dir> < requests.json
//
// requests.json: [{"lang":"search/pl","query":"…","top":10}, …]. It prints
// one JSON array of {"hits":[[doc,score,matched],…],"total":n,"all":bool,
// "fetched":[…]} (fetched: files a fresh client read for this query).
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [corePath, siteDir] = process.argv.slice(2);
const core = await import(pathToFileURL(path.resolve(corePath)).href);

let input = "";
for await (const chunk of process.stdin) input += chunk;
const requests = JSON.parse(input);

const out = [];
const shared = new Map();
for (const req of requests) {
  const fetched = [];
  const load = async (url) => {
    const rel = url.replace(/\?.*$/, "");
    fetched.push(rel.slice(req.lang.length + 2));
    return JSON.parse(await readFile(path.join(siteDir, rel), "utf8"));
  };
  // A fresh client per request when asked (to record what a first query
  // downloads), otherwise one warm client per language.
  let s = req.fresh ? null : shared.get(req.lang);
  if (!s) {
    s = new core.Searcher("/" + req.lang + "/", load);
    if (!req.fresh) shared.set(req.lang, s);
  }
  const r = await s.search(req.query);
  const top = req.top > 0 ? r.hits.slice(0, req.top) : r.hits;
  const res = { hits: Array.from(top, (d) => [d, r.score[d], r.matched[d], r.near[d]]), total: r.hits.length, all: r.all, fetched };
  if (req.docs) {
    const docs = await s.docs(Array.from(top));
    res.urls = docs.map((d) => d.url);
  }
  out.push(res);
}
process.stdout.write(JSON.stringify(out));
