/**
 * Benchmark (not a test): warm renders of the two Cenersen comparison charts, one chart at a
 * time, through the built modules. Two cases per chart:
 *   same     – identical data every render (a brief rendered again);
 *   changed  – the compound's first rate moves on every render (a regeneration after an edit).
 * Each brief variant is checked before the timed loop, so only spec building + rendering is
 * timed. Run: npm run bench:charts [-- --renders 100]. Timings are printed, never asserted.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { checkBrief } from '../dist/pipeline.js';
import { comparisonChartData, comparisonChartSpec } from '../dist/charts/comparison.js';
import { cachedChartStructures, renderChartDrawing } from '../dist/charts/render.js';
import { contentWidth } from '../dist/pdf/assemble.js';

const { values } = parseArgs({ options: { renders: { type: 'string', default: '100' } } });
const renders = Number(values.renders);
const seedText = readFileSync('data/cenersen.yaml', 'utf8');
const chartWidth = contentWidth('A4') * 0.62; // as src/pipeline.ts sizes its charts

/** The compound's ORR in each indication, moved by `step` (distinct for every step < 40; the AML
 * ORR stays at or above its CR, which the integrity rules require). */
function variantText(step) {
  const n = 8 + (step % 40);
  const aml = `{ percent: ${Math.round((n / 53) * 1000) / 10}, n: ${n}, N: 53 }`;
  return seedText
    .replace('{ percent: 19, n: 10, N: 53 }', aml)
    .replace('{ percent: 53 }', `{ percent: ${30 + (step % 40)} }`);
}

function chartDataOf(text, indication) {
  const { model, diagnostics } = checkBrief('cenersen.yaml', text);
  const errors = diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
  if (!model) throw new Error(`variant is invalid: ${errors.join('; ')}`);
  const tables = (part) => model.tables.get(`${indication}.${part}`);
  return comparisonChartData('Cenersen', tables('results'), tables('comparison'));
}

const median = (times) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];

/** Render times, and how many different drawings came out (the changed case must give many). */
async function timeRenders(dataFor) {
  const times = [];
  const drawings = new Set();
  for (let i = 0; i < renders; i++) {
    const data = dataFor(i);
    const start = performance.now();
    const chart = await renderChartDrawing(comparisonChartSpec(data, chartWidth));
    times.push(performance.now() - start);
    if (chart.warnings.length > 0) throw new Error(chart.warnings.join('; '));
    drawings.add(JSON.stringify(chart.drawing));
  }
  return { times, distinct: drawings.size };
}

for (const indication of ['aml', 'cll']) {
  const same = chartDataOf(seedText, indication);
  const changed = Array.from({ length: renders }, (_, i) => chartDataOf(variantText(i), indication));
  await timeRenders(() => same); // warm-up: JIT, fonts, label widths
  const sameRenders = await timeRenders(() => same);
  const changedRenders = await timeRenders((i) => changed[i]);
  console.log(
    `${indication}: same data ${median(sameRenders.times).toFixed(2)} ms   changed value ${median(changedRenders.times).toFixed(2)} ms (${changedRenders.distinct} different drawings)   median of ${renders}`,
  );
}

/** Heap after a full collection (needs --expose-gc; otherwise as it is). */
function heapMegabytes() {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed / 1048576;
}

// Many structures (every width is its own compiled spec): reused Views must stay bounded.
const structures = 300;
const aml = chartDataOf(seedText, 'aml');
const heapBefore = heapMegabytes();
for (let i = 0; i < structures; i++) await renderChartDrawing(comparisonChartSpec(aml, 200 + i));
console.log(
  `${structures} structures: ${cachedChartStructures()} Views kept, heap ${heapBefore.toFixed(1)} → ${heapMegabytes().toFixed(1)} MB`,
);
