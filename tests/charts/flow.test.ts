/**
 * Flow figures: steps laid out as boxes joined by arrows, with text wrapped to the box by the
 * document font's metrics, then painted straight onto the PDF page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Content } from 'pdfmake/interfaces.js';
import { describe, expect, test } from 'vitest';
import { flowFigureDrawing } from '../../src/charts/flow.js';
import type { Shape } from '../../src/charts/drawing.js';
import { measureSans } from '../../src/pdf/fonts.js';
import { assembleDocument } from '../../src/pdf/assemble.js';
import { drawingContent } from '../../src/pdf/drawings.js';
import { renderPdf } from '../../src/pdf/render.js';
import { checkBrief } from '../../src/pipeline.js';
import { parsePdf, rasterFirstPage } from '../helpers/pdf.js';

const { model } = checkBrief(
  'cenersen.yaml',
  readFileSync(join(import.meta.dirname, '../../data/cenersen.yaml'), 'utf8'),
);
if (!model) throw new Error('the Cenersen brief must be valid');
const figure = model.brief.mechanism.figure!;
type Text = Extract<Shape, { kind: 'text' }>;
type Rect = Extract<Shape, { kind: 'rect' }>;

describe('flow figure layout', () => {
  const drawing = flowFigureDrawing(figure, { width: 450 });
  const rects = drawing.shapes.filter((s): s is Rect => s.kind === 'rect');
  const texts = drawing.shapes.filter((s): s is Text => s.kind === 'text');

  test('one box per step, one arrow head between consecutive steps', () => {
    expect(rects).toHaveLength(figure.steps.length);
    const heads = drawing.shapes.filter((s) => s.kind === 'path' && s.closed);
    expect(heads).toHaveLength(figure.steps.length - 1);
    expect(drawing.width).toBe(450);
    expect(drawing.height).toBeGreaterThan(60);
  });

  test('every line of text fits inside its box, measured with the document font', () => {
    expect(texts.map((t) => t.text)).toContain('RNase H cleaves p53 mRNA');
    for (const text of texts) {
      const box = rects.find(
        (r) => text.x > r.x && text.x < r.x + r.width && text.y > r.y && text.y < r.y + r.height,
      );
      expect(box, `"${text.text}" lies in a box`).toBeDefined();
      expect(measureSans(text.text, text.size, text.bold)).toBeLessThanOrEqual(box!.width - 2 * 7 + 0.01);
    }
  });

  test('a long label wraps onto several lines instead of overflowing', () => {
    const long = flowFigureDrawing(
      {
        ...figure,
        steps: [
          { label: 'A very long step label that cannot fit on one line of a narrow box', tone: 'neutral' },
          ...figure.steps.slice(1),
        ],
      },
      { width: 300 },
    );
    const lines = long.shapes.filter((s): s is Text => s.kind === 'text' && s.bold === true);
    expect(lines.length).toBeGreaterThan(figure.steps.length);
  });
});

describe('flow figure on the page', () => {
  test('every line of its text is real, extractable text on the page', async () => {
    const drawing = flowFigureDrawing(figure, { width: 450 });
    const content: Content[] = [drawingContent(drawing, 450, drawing.height)];
    const pdf = await parsePdf(await renderPdf(assembleDocument(model.brief, content, 'A4')));
    const lines = drawing.shapes.filter((s): s is Text => s.kind === 'text').map((t) => t.text);
    expect(lines.length).toBeGreaterThan(figure.steps.length);
    for (const line of lines) expect(pdf.pages[0]).toContain(line);
  });

  test('looks the same after a translucent, dashed pdfmake vector as it does alone', async () => {
    const drawing = flowFigureDrawing(figure, { width: 450 });
    const translucent: Content = {
      canvas: [
        {
          type: 'line',
          x1: 0,
          y1: 0,
          x2: 10,
          y2: 0,
          lineColor: '#000',
          dash: { length: 2 },
          strokeOpacity: 0.2,
        },
      ],
      absolutePosition: { x: 500, y: 800 },
    } as Content;
    // pdfmake writes its layout into the nodes it is given: a fresh node per document.
    const figureAt = () =>
      Object.assign(drawingContent(drawing, 450, drawing.height) as object, {
        absolutePosition: { x: 70, y: 100 },
      }) as Content;
    const render = (content: Content[]) =>
      renderPdf(assembleDocument(model!.brief, content, 'A4')).then(rasterFirstPage);
    const [alone, after] = await Promise.all([render([figureAt()]), render([translucent, figureAt()])]);
    const figureRows = (pixels: Buffer) => pixels.subarray(827 * 3 * 140, 827 * 3 * 300);
    expect(figureRows(after).equals(figureRows(alone))).toBe(true);
  });
});
