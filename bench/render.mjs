// Benchmark (not a test): warm renders of the Cenersen brief in one process, then cold
// whole-process builds. Usage: npm run bench [-- --runs 50 --cold 5]
//
// Warm renders are timed twice: with the same data every time, and with one result changed on
// every render (AML complete remission 8/53 ↔ 9/53, with its percentage), as a scheduled
// regeneration after a data change would be. Caches keyed on content cannot help the second.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateBrief } from '../dist/pipeline.js';
import { loadTemplates } from '../dist/prose/templates.js';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '50' }, cold: { type: 'string', default: '5' } },
});
const runs = Number(values.runs);
const coldRuns = Number(values.cold);
const file = 'data/cenersen.yaml';
const text = readFileSync(file, 'utf8');
const templates = loadTemplates();
const changedCell = '{ percent: 15, n: 8, N: 53 }';
if (!text.includes(changedCell)) throw new Error(`bench: ${file} no longer contains ${changedCell}`);
const changed = (i) => text.replace(changedCell, i % 2 ? '{ percent: 17, n: 9, N: 53 }' : changedCell);

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const median = (values) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

let bytes = 0;
let peakRss = process.memoryUsage().rss;
const warmUpRenders = 10;

async function timedRender(text) {
  const start = performance.now();
  const result = await generateBrief({ file, text, templates });
  const elapsed = performance.now() - start;
  if (!result.ok) throw new Error('the Cenersen brief failed to build');
  bytes = result.pdf.length;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  return elapsed;
}

// Warm-up: module loading, font parsing, JIT. Then the two cases alternate, so that garbage
// collection and the machine's state weigh on both alike.
for (let i = 0; i < warmUpRenders; i++) await timedRender(changed(i));
const same = [];
const varied = [];
for (let i = 0; i < runs; i++) {
  same.push(await timedRender(text));
  varied.push(await timedRender(changed(i)));
}
same.sort((a, b) => a - b);
varied.sort((a, b) => a - b);

const cold = [];
for (let i = 0; i < coldRuns; i++) {
  // A fresh output folder each time: a second build into the same folder would be skipped as
  // unchanged and measure nothing.
  const out = mkdtempSync(join(tmpdir(), 'briefsmith-bench-'));
  const start = performance.now();
  execFileSync(process.execPath, ['bin/briefsmith.js', 'build', file, '--out', out], { stdio: 'ignore' });
  cold.push(performance.now() - start);
}

const summary = (sorted) =>
  `median ${median(sorted).toFixed(1)} ms   p95 ${percentile(sorted, 95).toFixed(1)} ms per brief`;
console.log(`warm renders:  ${runs} × ${file} each way, alternating, after ${warmUpRenders} warm-up renders`);
console.log(`  same data:            ${summary(same)}`);
console.log(`  one value changed:    ${summary(varied)}`);
console.log(`  peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB`);
if (coldRuns > 0) {
  console.log(`cold process:  briefsmith build ${file} (${coldRuns} runs)`);
  console.log(`  median ${median(cold).toFixed(0)} ms   (runs: ${cold.map((t) => t.toFixed(0)).join(', ')})`);
}
console.log(`PDF size:      ${(bytes / 1024).toFixed(1)} KB`);
