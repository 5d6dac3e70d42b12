// Batch benchmark (not a test): 200 generated briefs built with 1 and with 2 worker threads,
// then a no-change rerun of the same 200. Reports briefs per second and the peak RSS of the
// whole process (main thread + workers). Run with `npm run bench:batch` (builds first).
// Options: BRIEFS=200 JOBS=1,2 node bench/batch.mjs
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseDocument } from 'yaml';

const root = resolve(import.meta.dirname, '..');
const count = Number(process.env.BRIEFS ?? 200);
const jobsList = (process.env.JOBS ?? '1,2').split(',').map(Number);
const dir = mkdtempSync(join(tmpdir(), 'briefsmith-bench-'));
const data = join(dir, 'data');
mkdirSync(data);

const source = readFileSync(join(root, 'data/cenersen.yaml'), 'utf8');
for (let i = 0; i < count; i++) {
  const doc = parseDocument(source);
  doc.setIn(['meta', 'title'], `Cenersen variation ${i}`);
  if (i % 3 === 0) doc.deleteIn(['workflow']);
  writeFileSync(join(data, `brief-${String(i).padStart(3, '0')}.yaml`), doc.toString());
}

// Peak RSS of the child, read from getrusage at exit: threads share the process, so this covers them.
const preload = join(dir, 'peak-rss.cjs');
writeFileSync(
  preload,
  "process.on('exit', () => require('fs').writeSync(2, '\\nPEAK_RSS_KB=' + process.resourceUsage().maxRSS + '\\n'));\n",
);

function build(out, jobs) {
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(
      process.execPath,
      [
        '--require',
        preload,
        join(root, 'bin/briefsmith.js'),
        'build',
        data,
        '--out',
        out,
        '--jobs',
        String(jobs),
      ],
      { cwd: dir },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const peakKb = Number(/PEAK_RSS_KB=(\d+)/.exec(stderr)?.[1] ?? NaN);
      const summary =
        stdout
          .trim()
          .split('\n')
          .find((l) => /^\d+ built, /.test(l)) ?? '(no summary)';
      if (code !== 0) reject(new Error(`build exited ${code}: ${stderr.slice(-2000)}`));
      else resolvePromise({ seconds, peakMb: peakKb / 1024, summary });
    });
  });
}

const rows = [];
let lastOut;
for (const jobs of jobsList) {
  lastOut = join(dir, `out-${jobs}`);
  const r = await build(lastOut, jobs);
  rows.push({ run: `full build, ${jobs} worker(s)`, ...r, rate: count / r.seconds });
}
const rerun = await build(lastOut, jobsList.at(-1));
rows.push({ run: `no-change rerun, ${jobsList.at(-1)} worker(s)`, ...rerun, rate: count / rerun.seconds });

console.log(`briefsmith batch benchmark: ${count} briefs, node ${process.version}, ${process.platform}`);
console.log('run                           seconds  briefs/s  peak RSS MB  summary');
for (const r of rows) {
  console.log(
    `${r.run.padEnd(30)}${r.seconds.toFixed(1).padStart(7)}${r.rate.toFixed(2).padStart(10)}${r.peakMb.toFixed(0).padStart(13)}  ${r.summary}`,
  );
}
rmSync(dir, { recursive: true, force: true });
