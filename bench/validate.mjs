/**
 * Benchmark: `validate` over a folder of 200 generated briefs (variants of data/cenersen.yaml with
 * other patient counts, rates, ranges and titles). Reports per-brief milliseconds for the check
 * itself (read + parse + schema + analysis + integrity rules) and the wall time of one CLI run
 * over the whole folder. Run: npm run bench:validate. Timings are printed, never asserted.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { parseDocument } from 'yaml';
import { checkBrief } from '../dist/pipeline.js';

const count = Number(process.env.BRIEFS ?? 200);
const seedText = readFileSync('data/cenersen.yaml', 'utf8');

/** Small deterministic PRNG (mulberry32) so every run validates the same briefs. */
function random(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function variant(index) {
  const next = random(index + 1);
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const doc = parseDocument(seedText);
  doc.setIn(['meta', 'title'], `Variant ${index}: ${doc.getIn(['meta', 'title'])}`);
  const N = int(10, 400);
  const responders = int(0, N);
  const complete = int(0, responders);
  const pct = (k) => Math.round((1000 * k) / N) / 10;
  doc.setIn(['indications', 0, 'results', 'rows', 0, 1, 'count'], N);
  doc.setIn(['indications', 0, 'results', 'rows', 0, 2], { percent: pct(responders), n: responders, N });
  doc.setIn(['indications', 0, 'results', 'rows', 0, 3], { percent: pct(complete), n: complete, N });
  doc.setIn(['indications', 1, 'results', 'rows', 0, 1, 'count'], int(5, 60));
  doc.setIn(['indications', 0, 'comparison', 'table', 'rows', 1, 1, 'percent'], int(5, 60));
  const low = int(10, 50);
  doc.setIn(['indications', 0, 'comparison', 'table', 'rows', 0, 1, 'range'], [low, low + int(0, 20)]);
  return String(doc);
}

const dir = mkdtempSync(join(tmpdir(), 'briefsmith-bench-'));
try {
  for (let i = 0; i < count; i++) {
    writeFileSync(join(dir, `brief-${String(i).padStart(3, '0')}.yaml`), variant(i));
  }
  const files = readdirSync(dir).sort();

  // Warm up module-level caches (zod, yaml, stdlib) the way a long-running process would be.
  checkBrief('warmup.yaml', seedText);
  const times = [];
  let findings = 0;
  for (const name of files) {
    const start = performance.now();
    const { diagnostics } = checkBrief(name, readFileSync(join(dir, name), 'utf8'));
    times.push(performance.now() - start);
    findings += diagnostics.length;
  }
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  const mean = times.reduce((a, b) => a + b, 0) / times.length;

  const cliStart = performance.now();
  const cli = spawnSync(process.execPath, ['bin/briefsmith.js', 'validate', '--format', 'json', dir], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const cliMs = performance.now() - cliStart;
  const report = JSON.parse(cli.stdout);

  console.log(`validate: ${files.length} generated briefs (${findings} findings in total)`);
  console.log(
    `  per brief (checkBrief, in process): mean ${mean.toFixed(2)} ms, median ${at(0.5).toFixed(2)} ms, ` +
      `p95 ${at(0.95).toFixed(2)} ms, max ${times.at(-1).toFixed(2)} ms`,
  );
  console.log(
    `  CLI \`briefsmith validate --format json <dir>\`: ${cliMs.toFixed(0)} ms wall for ${report.summary.files} ` +
      `files = ${(cliMs / report.summary.files).toFixed(2)} ms per brief including Node start-up (exit ${cli.status})`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
