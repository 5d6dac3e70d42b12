/**
 * Vega-Lite spec → Vega → a drawing for the PDF (or SVG), in-process and offline. Text is measured
 * with the document's own font (fontkit) instead of vega's character-count estimate, so labels
 * fit in the PDF.
 *
 * For the PDF, vega draws the scene with its canvas renderer onto a recording context
 * (canvas-recording.ts): vector operations the PDF stage replays onto the page. Writing the scene
 * as SVG and having svg-to-pdfkit parse and interpret it again cost ~5 ms per chart.
 * `renderChartSvg` gives the same scene as SVG.
 *
 * A spec whose data is inline and named (`data: {name, values}`) is compiled once per structure
 * (the spec without its values) and rendered through a reused View that is handed the values;
 * the SVG is the same as a fresh View's (tests/charts/comparison.test.ts).
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { measureSans } from '../pdf/fonts.js';
import { ViewCache, SerialQueue, type ReusableView } from './view-cache.js';
import { RecordingContext } from './canvas-recording.js';
import type { CanvasDrawing } from './drawing.js';

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

type ChartRender = RenderedChart & { warnings: string[] };

export interface ChartDrawing {
  /** Sized as vega sizes the scene (what toSVG writes as width and height). */
  drawing: CanvasDrawing;
  warnings: string[];
}

/** How a rendered View becomes output: SVG text, or a recorded drawing. */
type Draw<Output> = (view: vega.View) => Promise<Omit<Output, 'warnings'>>;

const drawSvg: Draw<ChartRender> = async (view) => {
  const svg = await view.toSVG();
  const width = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1] ?? 0);
  const height = Number(/<svg[^>]*\sheight="([\d.]+)"/.exec(svg)?.[1] ?? 0);
  return { svg, width, height };
};

const drawRecording: Draw<ChartDrawing> = async (view) => {
  const context = new RecordingContext();
  await view.toCanvas(1, { externalContext: context } as vega.ToCanvasOptions);
  const { width, height } = renderedSize(view);
  return { drawing: { width, height, canvas: context.ops } };
};

/**
 * The size vega's renderers give the scene (what toSVG writes as width and height): the view
 * plus its padding. vega computes it from View fields it does not expose; the charts test
 * checks it against the SVG's size.
 */
function renderedSize(view: vega.View): { width: number; height: number } {
  const { _viewWidth, _viewHeight } = view as unknown as { _viewWidth: number; _viewHeight: number };
  const padding = view.padding() as { top: number; bottom: number; left: number; right: number };
  return {
    width: Math.max(0, _viewWidth + padding.left + padding.right),
    height: Math.max(0, _viewHeight + padding.top + padding.bottom),
  };
}

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

/** A handful of brief layouts per process; one entry (a View with its dataflow) holds ~0.5 MB. */
const reusableViews = new ViewCache(16);

/** The chart as SVG. */
export function renderChartSvg(spec: TopLevelSpec): Promise<ChartRender> {
  return renderChart(spec, drawSvg);
}

/** The chart as a drawing for the PDF page. */
export function renderChartDrawing(spec: TopLevelSpec): Promise<ChartDrawing> {
  return renderChart(spec, drawRecording);
}

async function renderChart<Output>(
  spec: TopLevelSpec,
  draw: Draw<Output>,
): Promise<Omit<Output, 'warnings'> & { warnings: string[] }> {
  installTextMetrics();
  const data = (spec as { data?: unknown }).data;
  if (isNamedInlineData(data)) {
    const { values, ...namedData } = data;
    const structure = { ...spec, data: namedData } as TopLevelSpec;
    return renderThroughReusedView(structure, data.name, values, draw);
  }
  return renderOnce(spec, draw);
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
async function renderOnce<Output>(spec: TopLevelSpec, draw: Draw<Output>) {
  const warnings: string[] = [];
  const logger = quietLogger((message) => warnings.push(message));
  const view = newView(vega.parse(compile(spec, { logger }).spec), logger);
  try {
    return { ...(await draw(view)), warnings };
  } finally {
    view.finalize();
  }
}

/**
 * A reused View keeps the scene items it already has (axis ticks, for instance, keyed by value)
 * and appends new ones, so a chart whose ticks or domains depended on the data could be drawn in
 * another order after other data, with other bytes. Comparison charts are safe by construction:
 * the rate axis has fixed values and the regimen and endpoint domains are part of the structure
 * (the cache key); tests render A, B, then A again and compare with a fresh View.
 */
async function renderThroughReusedView<Output>(
  structure: TopLevelSpec,
  dataName: string,
  values: readonly object[],
  draw: Draw<Output>,
) {
  const key = JSON.stringify(structure);
  const entry = reusableViews.acquire(key, () => buildReusableView(structure));
  return entry.queue.run(async () => {
    try {
      const chart = await renderValues(entry, dataName, values, draw);
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
async function renderValues<Output>(
  entry: ReusableView,
  dataName: string,
  values: readonly object[],
  draw: Draw<Output>,
) {
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
  const output = await draw(entry.view);
  return { ...output, warnings: [...entry.compileWarnings, ...entry.runWarnings] };
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
