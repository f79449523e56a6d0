// parity.mjs prints, for each string of a JSON array on stdin, the words
// the client's tokenizer finds and each of them folded, so that tests can
// compare them with the Go side.
//
//	node parity.mjs <search-core.js> < strings.json
import { pathToFileURL } from "node:url";
import path from "node:path";

const core = await import(pathToFileURL(path.resolve(process.argv[2])).href);
let input = "";
for await (const chunk of process.stdin) input += chunk;
const out = JSON.parse(input).map((s) => {
  const words = core.tokenize(s);
  return { words, folded: words.map(core.fold), query: core.queryWords(s) };
});
process.stdout.write(JSON.stringify(out));
