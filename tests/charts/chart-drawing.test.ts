/**
 * Charts reach the PDF as the canvas operations vega drew them with, replayed onto the page.
 * The oracle is vega's own SVG of the same scene, drawn by svg-to-pdfkit: both PDFs are
 * rasterised with poppler and must look the same.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Content } from 'pdfmake/interfaces.js';
import { describe, expect, test } from 'vitest';
import { comparisonChartData, comparisonChartSpec } from '../../src/charts/comparison.js';
import { renderChartDrawing, renderChartSvg } from '../../src/charts/render.js';
import { assembleDocument } from '../../src/pdf/assemble.js';
import { drawingContent } from '../../src/pdf/drawings.js';
import { renderPdf } from '../../src/pdf/render.js';
import { checkBrief } from '../../src/pipeline.js';
import { parsePdf, rasterFirstPage as raster } from '../helpers/pdf.js';

const { model } = checkBrief(
  'cenersen.yaml',
  readFileSync(join(import.meta.dirname, '../../data/cenersen.yaml'), 'utf8'),
);
if (!model) throw new Error('the Cenersen brief must be valid');

function chartSpec(indication: 'aml' | 'cll') {
  const data = comparisonChartData(
    'Cenersen',
    model!.tables.get(`${indication}.results`)!,
    model!.tables.get(`${indication}.comparison`)!,
  );
  return comparisonChartSpec(data, 300);
}

async function onePagePdf(figure: Content): Promise<Buffer> {
  return renderPdf(assembleDocument(model!.brief, [figure], 'A4'));
}

describe.each(['aml', 'cll'] as const)('the %s chart as a drawing', (indication) => {
  test('has the size vega gives its SVG', async () => {
    const [drawn, svg] = await Promise.all([
      renderChartDrawing(chartSpec(indication)),
      renderChartSvg(chartSpec(indication)),
    ]);
    expect(drawn.warnings).toEqual([]);
    expect([drawn.drawing.width, drawn.drawing.height]).toEqual([svg.width, svg.height]);
  });

  test('looks on the page as vega’s SVG of the same scene does', async () => {
    const drawn = await renderChartDrawing(chartSpec(indication));
    const svg = await renderChartSvg(chartSpec(indication));
    const [fromDrawing, fromSvg] = await Promise.all([
      onePagePdf(drawingContent(drawn.drawing, drawn.drawing.width, drawn.drawing.height)).then(raster),
      onePagePdf({ svg: svg.svg, width: svg.width, height: svg.height, alignment: 'center' } as Content).then(
        raster,
      ),
    ]);
    let inked = 0;
    let differing = 0;
    for (let i = 0; i < fromSvg.length; i++) {
      if (fromSvg[i]! < 200) inked++;
      if (Math.abs(fromSvg[i]! - fromDrawing[i]!) > 64) differing++;
    }
    expect(inked).toBeGreaterThan(5000); // the chart is there at all
    expect(differing / inked).toBeLessThan(0.01); // anti-aliasing at edges only
  });

  test('writes its labels as real text in the document font', async () => {
    const drawn = await renderChartDrawing(chartSpec(indication));
    const pdf = await parsePdf(
      await onePagePdf(drawingContent(drawn.drawing, drawn.drawing.width, drawn.drawing.height)),
    );
    expect(pdf.pages[0]).toContain('Reported rate (%)');
    expect(pdf.pages[0]).toContain('Endpoint');
    expect(pdf.fonts.every((font) => font.embedded)).toBe(true);
  });
});
