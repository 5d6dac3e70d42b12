/**
 * briefsmith's core call: one brief's source text → PDF bytes, or diagnostics.
 *
 *   data/<id>.yaml ─parse─► source text + positions                     syntax errors: file:line:col
 *     ─validate (zod)─► Brief (typed)                                    schema errors: file:line:col, path
 *     ─analyse─► BriefModel (normalised cells, tables, figures)          citation errors
 *     ─prose (Handlebars templates/ → Markdown markup)─► Blocks          template errors: file:line
 *     ─charts (Vega-Lite spec → vega → SVG; flow figures → SVG)─► Figures
 *     ─assemble (pdfmake document definition)─► DocDefinition
 *     ─render (pdfmake, no network, no file access)─► PDF bytes
 *
 * Every entry point (CLI, server, scheduler, batch workers) calls `generateBrief`; publishing
 * the bytes is the caller's job. User mistakes come back as diagnostics, never as throws.
 */
import type { Content } from 'pdfmake/interfaces.js';
import { analyseBrief, type BriefModel } from './analysis/model.js';
import { comparisonChartData, comparisonChartSpec } from './charts/comparison.js';
import { flowFigureDrawing } from './charts/flow.js';
import { renderChartDrawing } from './charts/render.js';
import { parseSource } from './data/source.js';
import { validateBrief } from './data/validate.js';
import { hasErrors, type Diagnostic } from './errors/diagnostic.js';
import { annotateTables } from './integrity/annotate.js';
import type { IntegrityConfig } from './integrity/config.js';
import { dataNotesContent } from './integrity/notes.js';
import { runIntegrity } from './integrity/run.js';
import { BriefsmithError } from './errors/errors.js';
import { assembleDocument, contentWidth, type PageSize } from './pdf/assemble.js';
import { blocksToContent, type RenderedFigure } from './pdf/content.js';
import { CitationIndex } from './pdf/inlines.js';
import { formatStructuredReferences } from './pdf/references.js';
import { renderPdf } from './pdf/render.js';
import { parseMarkup } from './prose/markup.js';
import { loadTemplates, type TemplateSet } from './prose/templates.js';

export interface GenerateOptions {
  /** Shown in diagnostics; usually the path of the data file. */
  file: string;
  text: string;
  templates?: TemplateSet;
  pageSize?: PageSize;
  /** Project-wide integrity settings (briefsmith.config.*); the brief's own settings win. */
  integrity?: IntegrityConfig;
  /** List integrity warnings and notes in a "Data notes" appendix. */
  dataNotes?: boolean;
}

export type GenerateResult =
  | {
      ok: true;
      pdf: Buffer;
      pageCount: number;
      title: string;
      issued: string;
      diagnostics: Diagnostic[];
      markup: string;
    }
  | { ok: false; diagnostics: Diagnostic[] };

export async function generateBrief(options: GenerateOptions): Promise<GenerateResult> {
  const checked = checkBrief(options.file, options.text, { integrity: options.integrity });
  if (!checked.model) return { ok: false, diagnostics: checked.diagnostics };
  try {
    const built = await buildPdf(
      checked.model,
      options.templates ?? loadTemplates(),
      options.pageSize ?? 'A4',
      options.dataNotes ? checked.diagnostics : [],
    );
    const { title, issued } = checked.model.brief.meta;
    return { ok: true, ...built, title, issued, diagnostics: checked.diagnostics };
  } catch (error) {
    if (error instanceof BriefsmithError && error.diagnostics.length > 0) {
      return { ok: false, diagnostics: [...checked.diagnostics, ...error.diagnostics] };
    }
    if (error instanceof BriefsmithError) {
      return { ok: false, diagnostics: [...checked.diagnostics, asDiagnostic(options.file, error)] };
    }
    throw error;
  }
}

/** Parse, validate, analyse and run the integrity rules: everything `validate` needs, without rendering. */
export function checkBrief(
  file: string,
  text: string,
  options: { integrity?: IntegrityConfig } = {},
): { model?: BriefModel; diagnostics: Diagnostic[] } {
  const parsed = parseSource(file, text);
  if (hasErrors(parsed.diagnostics)) return { diagnostics: parsed.diagnostics };
  const validated = validateBrief(parsed.source);
  if (!validated.brief) return { diagnostics: validated.diagnostics };
  const analysed = analyseBrief(validated.brief, parsed.source);
  if (hasErrors(analysed.diagnostics)) return { diagnostics: analysed.diagnostics };
  const diagnostics = [
    ...analysed.diagnostics,
    ...runIntegrity(analysed.model, parsed.source, options.integrity),
  ];
  if (hasErrors(diagnostics)) return { diagnostics };
  return { model: annotateTables(analysed.model), diagnostics };
}

async function buildPdf(
  model: BriefModel,
  templates: TemplateSet,
  pageSize: PageSize,
  dataNotes: readonly Diagnostic[],
): Promise<{ pdf: Buffer; pageCount: number; markup: string }> {
  const markup = templates.render(model.brief);
  const blocks = parseMarkup(markup);
  const width = contentWidth(pageSize);
  const [charts, formattedReferences] = await Promise.all([
    renderComparisonCharts(model, width),
    formatStructuredReferences(model.brief.references),
  ]);
  const content: Content[] = blocksToContent(blocks, {
    model,
    charts,
    figures: renderFlowFigures(model, width),
    formattedReferences,
    citations: new CitationIndex(new Set(model.references.keys())),
    contentWidth: width,
  });
  if (dataNotes.length > 0) content.push(...dataNotesContent(dataNotes));
  const definition = assembleDocument(model.brief, content, pageSize);
  let pageCount = 0;
  const footer = definition.footer as (page: number, count: number) => Content;
  definition.footer = (page: number, count: number) => {
    pageCount = count;
    return footer(page, count);
  };
  const pdf = await renderPdf(definition);
  return { pdf, pageCount, markup };
}

async function renderComparisonCharts(
  model: BriefModel,
  width: number,
): Promise<Map<string, RenderedFigure>> {
  const charts = new Map<string, RenderedFigure>();
  for (const indication of model.brief.indications) {
    const results = model.tables.get(`${indication.id}.results`);
    const comparison = model.tables.get(`${indication.id}.comparison`);
    if (!results || !comparison || indication.chart?.exclude) continue;
    const data = comparisonChartData(model.brief.meta.compound.name, results, comparison);
    if (data.points.length === 0) continue;
    const chart = await renderChartDrawing(comparisonChartSpec(data, width * 0.62));
    if (chart.warnings.length > 0) {
      throw new BriefsmithError(
        'render',
        `chart for ${indication.id} produced warnings: ${chart.warnings.join('; ')}`,
      );
    }
    const caption =
      indication.chart?.caption ??
      `Reported response rates in ${indication.abbreviation}: ${model.brief.meta.compound.name} against alternative therapies (rates as reported; ranges drawn as bars).`;
    charts.set(indication.id, {
      drawing: chart.drawing,
      caption: [caption, ...(data.captionNotes ?? [])].join(' '),
      notes: data.notPlotted,
    });
  }
  return charts;
}

function renderFlowFigures(model: BriefModel, width: number): Map<string, RenderedFigure> {
  return new Map(
    [...model.figures].map(([id, figure]) => [
      id,
      { drawing: flowFigureDrawing(figure, { width: width * 0.96 }), caption: figure.caption },
    ]),
  );
}

function asDiagnostic(file: string, error: BriefsmithError): Diagnostic {
  return { file, path: '(document)', severity: 'error', rule: error.code, message: error.message };
}
