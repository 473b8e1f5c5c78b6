// `npm run bench`: prints Retort's timings beside the reference's, with ratios. Not a test.
import { benchEngine, printEngineRows } from "./engine";

const sizes = (process.env.BENCH_SIZES ?? "1000,5000").split(",").map(Number);
const rows = [];
for (const size of sizes) {
  process.stdout.write(`benchmarking ${size} revisions…\n`);
  rows.push(await benchEngine(size));
}
printEngineRows(rows);
