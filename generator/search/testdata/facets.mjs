// facets.mjs runs the client's facetCounts (search-core.js, the first
// argument) over cases read as JSON from standard input:
// [{segs: [{kind, year}], seg: [segment by document], topics: [[topic
// numbers] by document] or null, hits: [documents], sel: {kind, topic,
// year}}], and writes [{shown: [documents], kind: {kind: n}, year: {year:
// n}, topic: {topic: n}}].
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const { facetCounts } = await import(pathToFileURL(process.argv[2]).href);
const cases = JSON.parse(readFileSync(0, "utf8"));
const out = cases.map((c) => {
  const ky = { seg: Uint16Array.from(c.seg), segs: c.segs };
  const sel = { kind: new Set(c.sel.kind), topic: new Set(c.sel.topic), year: new Set(c.sel.year) };
  const { shown, counts } = facetCounts(Int32Array.from(c.hits), sel, ky, c.topics ? (d) => c.topics[d] : null);
  return { shown: Array.from(shown), kind: Object.fromEntries(counts.kind), year: Object.fromEntries(counts.year), topic: Object.fromEntries(counts.topic) };
});
process.stdout.write(JSON.stringify(out));
