// Benchmark (not a test): requests/s and p50/p99 latency of `briefsmith serve` at 20 connections
// for POST /v1/render and for GET of a built PDF. Median of 3 runs each. Run: npm run bench:server
// Options through env: BENCH_DURATION (seconds per download run, default 10), BENCH_RENDER_DURATION
// (seconds per render run, default 30), BENCH_CONCURRENCY (render
// threads, default the serve default), BENCH_RUNS (default 3).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer as createNetServer } from 'node:net';
import autocannon from 'autocannon';

const root = resolve(import.meta.dirname, '..');
const duration = Number(process.env.BENCH_DURATION ?? 10);
// Renders take about a second of CPU each: a longer window keeps start-up and tail effects small.
const renderDuration = Number(process.env.BENCH_RENDER_DURATION ?? 30);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const connections = 20;
const brief = readFileSync(join(root, 'data/cenersen.yaml'), 'utf8');

/** A free port found by binding port 0 and releasing it: serve runs at log level warn, silent on start. */
function freePort() {
  return new Promise((resolvePromise, reject) => {
    const probe = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolvePromise(port));
    });
    probe.on('error', reject);
  });
}

async function startServer(outDir) {
  const port = await freePort();
  const args = ['bin/briefsmith.js', 'serve', '--port', String(port), '--data', 'data', '--out', outDir];
  args.push('--log-level', 'warn', '--max-queue', '64');
  if (process.env.BENCH_CONCURRENCY) args.push('--concurrency', process.env.BENCH_CONCURRENCY);
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { child, url };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGTERM');
  throw new Error('server did not become ready in 10 s');
}

function run(options) {
  return new Promise((resolvePromise, reject) => {
    autocannon({ connections, duration, ...options }, (error, result) =>
      error ? reject(error) : resolvePromise(result),
    );
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Waits until the server has no render running or waiting, so runs do not overlap. */
async function waitForIdleQueue(url) {
  for (let i = 0; i < 600; i++) {
    const { queue } = await (await fetch(`${url}/readyz`)).json();
    if (queue.running === 0 && queue.waiting === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('render queue did not drain in 60 s');
}

async function scenario(name, options) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    await waitForIdleQueue(new URL(options.url).origin);
    const result = await run(options);
    results.push(result);
    console.log(
      `  ${name} run ${i + 1}: ${result.requests.average.toFixed(1)} req/s, p50 ${result.latency.p50} ms, ` +
        `p99 ${result.latency.p99} ms, ${result.non2xx} non-2xx, ${result.errors} errors`,
    );
  }
  return {
    name,
    rps: median(results.map((r) => r.requests.average)),
    p50: median(results.map((r) => r.latency.p50)),
    p99: median(results.map((r) => r.latency.p99)),
    non2xx: results.reduce((sum, r) => sum + r.non2xx, 0),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
  };
}

const outDir = mkdtempSync(join(tmpdir(), 'briefsmith-bench-'));
const { child, url } = await startServer(outDir);
try {
  // Build the PDF once and warm the render threads before measuring.
  await (await fetch(`${url}/v1/briefs/cenersen.pdf`)).arrayBuffer();
  for (let i = 0; i < 4; i++) {
    await (
      await fetch(`${url}/v1/render`, {
        method: 'POST',
        headers: { 'content-type': 'application/yaml' },
        body: brief,
      })
    ).arrayBuffer();
  }
  console.log(
    `briefsmith serve on ${availableParallelism()} CPUs, ${connections} connections, ` +
      `${renderDuration} s per render run, ${duration} s per download run, median of ${runs}`,
  );
  const summaries = [
    await scenario('POST /v1/render', {
      url: `${url}/v1/render`,
      method: 'POST',
      headers: { 'content-type': 'application/yaml' },
      body: brief,
      // 20 connections share the render threads: a request may wait several renders.
      timeout: 120,
      duration: renderDuration,
    }),
    await scenario('GET /v1/briefs/cenersen.pdf', { url: `${url}/v1/briefs/cenersen.pdf` }),
  ];
  console.log('\n| scenario | req/s | p50 ms | p99 ms | non-2xx | errors |\n|---|---|---|---|---|---|');
  for (const s of summaries) {
    console.log(`| ${s.name} | ${s.rps.toFixed(1)} | ${s.p50} | ${s.p99} | ${s.non2xx} | ${s.errors} |`);
  }
} finally {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  rmSync(outDir, { recursive: true, force: true });
}
