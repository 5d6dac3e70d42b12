/**
 * Vega-Lite spec → Vega → SVG, in-process and offline. Text is measured with the document's
 * own font (fontkit) instead of vega's character-count estimate, so labels fit in the PDF.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { measureSans } from '../pdf/fonts.js';

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

/** Collects compiler and runtime warnings instead of printing them; callers decide. */
function quietLogger(warnings: string[]): vega.LoggerInterface {
  const logger = vega.logger(vega.Warn);
  logger.warn = (...args: readonly unknown[]) => {
    warnings.push(args.map(String).join(' '));
    return logger;
  };
  return logger;
}

export async function renderChartSvg(spec: TopLevelSpec): Promise<RenderedChart & { warnings: string[] }> {
  installTextMetrics();
  const warnings: string[] = [];
  const logger = quietLogger(warnings);
  const vegaSpec = compile(spec, { logger }).spec;
  const view = new vega.View(vega.parse(vegaSpec), {
    renderer: 'none',
    logger,
    loader: offlineLoader as unknown as vega.Loader,
  });
  try {
    const svg = await view.toSVG();
    const width = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1] ?? 0);
    const height = Number(/<svg[^>]*\sheight="([\d.]+)"/.exec(svg)?.[1] ?? 0);
    return { svg, width, height, warnings };
  } finally {
    view.finalize();
  }
}
