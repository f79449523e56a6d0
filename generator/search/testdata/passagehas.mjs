// passagehas.mjs prints, for each [bits, stem] of a JSON array on stdin,
// whether the client's passageHas finds the stem in the passage filter
// bits, so that tests can compare it with the Go side.
//
//	node passagehas.mjs <search-core.js> < cases.json
import { pathToFileURL } from "node:url";
import path from "node:path";

const core = await import(pathToFileURL(path.resolve(process.argv[2])).href);
let input = "";
for await (const chunk of process.stdin) input += chunk;
const out = JSON.parse(input).map(([bits, stem]) => !!core.passageHas(bits, core.hash16(stem)));
process.stdout.write(JSON.stringify(out));
