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
import { renderChartSvg } from '../dist/charts/render.js';
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

async function timeRenders(dataFor) {
  const times = [];
  for (let i = 0; i < renders; i++) {
    const data = dataFor(i);
    const start = performance.now();
    const chart = await renderChartSvg(comparisonChartSpec(data, chartWidth));
    times.push(performance.now() - start);
    if (chart.warnings.length > 0) throw new Error(chart.warnings.join('; '));
  }
  return times;
}

for (const indication of ['aml', 'cll']) {
  const same = chartDataOf(seedText, indication);
  const changed = Array.from({ length: renders }, (_, i) => chartDataOf(variantText(i), indication));
  await timeRenders(() => same); // warm-up: JIT, fonts, label widths
  const sameTimes = await timeRenders(() => same);
  const changedTimes = await timeRenders((i) => changed[i]);
  console.log(
    `${indication}: same data ${median(sameTimes).toFixed(2)} ms   changed value ${median(changedTimes).toFixed(2)} ms   (median of ${renders})`,
  );
}
const { heapUsed, rss } = process.memoryUsage();
console.log(`heap ${(heapUsed / 1048576).toFixed(0)} MB   rss ${(rss / 1048576).toFixed(0)} MB`);
