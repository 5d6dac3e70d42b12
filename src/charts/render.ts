/**
 * Vega-Lite spec → Vega → SVG, in-process and offline. Text is measured with the document's
 * own font (fontkit) instead of vega's character-count estimate, so labels fit in the PDF.
 *
 * A spec whose data is inline and named (`data: {name, values}`) is compiled once per structure
 * (the spec without its values) and rendered through a reused View that is handed the values;
 * the SVG is the same as a fresh View's (tests/charts/comparison.test.ts).
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { measureSans } from '../pdf/fonts.js';
import { ViewCache, SerialQueue, type ReusableView } from './view-cache.js';

let metricsInstalled = false;

/** Vega measures text through a module-level hook; install ours once per process. */
function installTextMetrics(): void {
  if (metricsInstalled) return;
  metricsInstalled = true;
  // vega exports textMetrics at run time but not in its typings.
  const { textMetrics } = vega as unknown as {
    textMetrics: { width: (item: vega.Item, text?: unknown) => number };
  };
  textMetrics.width = (item: vega.Item, text?: unknown) => {
    const value = text ?? (item as unknown as { text?: unknown }).text;
    const fontSize = Number((item as unknown as { fontSize?: number }).fontSize ?? 11);
    const weight = String((item as unknown as { fontWeight?: unknown }).fontWeight ?? 'normal');
    return measureSans(String(value ?? ''), fontSize, weight === 'bold' || Number(weight) >= 600);
  };
}

/** A loader that refuses every request: chart data is always inline. */
const offlineLoader = {
  load: () => Promise.reject(new Error('briefsmith charts never load external data')),
  sanitize: () => Promise.reject(new Error('briefsmith charts never load external data')),
  http: () => Promise.reject(new Error('network access is disabled')),
  file: () => Promise.reject(new Error('file access is disabled')),
};

export interface RenderedChart {
  svg: string;
  width: number;
  height: number;
}

export type ChartRender = RenderedChart & { warnings: string[] };

/** Collects compiler and runtime warnings instead of printing them; callers decide. */
function quietLogger(warn: (message: string) => void): vega.LoggerInterface {
  const logger = vega.logger(vega.Warn);
  logger.warn = (...args: readonly unknown[]) => {
    warn(args.map(String).join(' '));
    return logger;
  };
  return logger;
}

function newView(runtime: vega.Runtime, logger: vega.LoggerInterface): vega.View {
  return new vega.View(runtime, {
    renderer: 'none',
    logger,
    loader: offlineLoader as unknown as vega.Loader,
  });
}

function chartOf(svg: string, warnings: string[]): ChartRender {
  const width = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1] ?? 0);
  const height = Number(/<svg[^>]*\sheight="([\d.]+)"/.exec(svg)?.[1] ?? 0);
  return { svg, width, height, warnings };
}

/** A handful of brief layouts per process; one entry (a View with its dataflow) holds ~0.5 MB. */
const reusableViews = new ViewCache(16);

export async function renderChartSvg(spec: TopLevelSpec): Promise<ChartRender> {
  installTextMetrics();
  const data = (spec as { data?: unknown }).data;
  if (isNamedInlineData(data)) {
    const { values, ...namedData } = data;
    return renderThroughReusedView({ ...spec, data: namedData } as TopLevelSpec, data.name, values);
  }
  return renderOnce(spec);
}

/** Named inline rows (objects); other inline forms (CSV text, bare numbers) are rendered once. */
function isNamedInlineData(data: unknown): data is { name: string; values: readonly object[] } {
  const candidate = data as { name?: unknown; values?: unknown } | undefined;
  return (
    typeof candidate?.name === 'string' &&
    Array.isArray(candidate.values) &&
    candidate.values.every((value) => typeof value === 'object' && value !== null)
  );
}

/** Compile, parse and run a View for this one spec (charts without named inline data). */
async function renderOnce(spec: TopLevelSpec): Promise<ChartRender> {
  const warnings: string[] = [];
  const logger = quietLogger((message) => warnings.push(message));
  const view = newView(vega.parse(compile(spec, { logger }).spec), logger);
  try {
    return chartOf(await view.toSVG(), warnings);
  } finally {
    view.finalize();
  }
}

async function renderThroughReusedView(
  structure: TopLevelSpec,
  dataName: string,
  values: readonly object[],
): Promise<ChartRender> {
  const key = JSON.stringify(structure);
  const entry = reusableViews.acquire(key, () => buildReusableView(structure));
  return entry.queue.run(async () => {
    try {
      const chart = await renderValues(entry, dataName, values);
      // Some warnings are only raised while the dataflow is built: rebuild next time so that
      // every render of a faulty chart reports them.
      if (chart.warnings.length > 0) reusableViews.evict(key, entry);
      return chart;
    } catch (error) {
      reusableViews.evict(key, entry);
      throw error;
    }
  });
}

/** Replaces the View's data with `values` and draws it; the caller holds the View's queue. */
async function renderValues(
  entry: ReusableView,
  dataName: string,
  values: readonly object[],
): Promise<ChartRender> {
  entry.runWarnings.length = 0;
  // Copies: vega tags and extends the tuples it is given, and the caller's points must stay as
  // they were (they may be rendered again, or at the same time through another View).
  entry.view.data(
    dataName,
    values.map((value) => ({ ...value })),
  );
  // Autosize lays the chart out on the first run only unless asked again; without this a
  // reused View keeps the previous data's padding (longer labels → wider SVG).
  entry.view.resize();
  const svg = await entry.view.toSVG();
  return chartOf(svg, [...entry.compileWarnings, ...entry.runWarnings]);
}

function buildReusableView(structure: TopLevelSpec): ReusableView {
  const compileWarnings: string[] = [];
  const compiled = compile(structure, {
    logger: quietLogger((message) => compileWarnings.push(message)),
  }).spec;
  const runWarnings: string[] = [];
  const view = newView(
    vega.parse(compiled),
    quietLogger((message) => runWarnings.push(message)),
  );
  return { view, compileWarnings, runWarnings, queue: new SerialQueue() };
}

/** Drops every reused View (tests; a long-lived process never needs to). */
export function clearChartCache(): void {
  reusableViews.clear();
}

/** How many chart structures have a live View. */
export function cachedChartStructures(): number {
  return reusableViews.size;
}
