/**
 * Drawings (src/charts/drawing.ts) on the page: flow figures' shapes, painted here, and charts'
 * recorded canvas operations, replayed by canvas-replay.ts. pdfmake has no node for custom vector graphics,
 * so a drawing travels as an `svg` node holding an empty, correctly sized SVG (which pdfmake
 * measures and places like any figure) plus the drawing itself; pdfmake's `renderSVG` is wrapped
 * so that such a node is painted shape by shape with pdfkit, in the document's own fonts.
 */
import { createRequire } from 'node:module';
import type { Content } from 'pdfmake/interfaces.js';
import type { Drawing, Point, Shape } from '../charts/drawing.js';
import { drawTextLine, replayCanvas, type FontResolver, type PdfKitPainter } from './canvas-replay.js';
import { fontFamilies } from './fonts.js';

const require = createRequire(import.meta.url);

/** The pdfkit document methods painting uses besides the replay's (pdfkit's own API). */
interface PdfKitCanvas extends PdfKitPainter {
  translate(x: number, y: number): this;
  scale(x: number, y: number): this;
  opacity(opacity: number): this;
  rect(x: number, y: number, width: number, height: number): this;
  roundedRect(x: number, y: number, width: number, height: number, radius: number): this;
  fillAndStroke(): this;
  getFontFile(family: string, bold: boolean, italics: boolean): string | null;
}

interface DrawingNode {
  drawing?: Drawing;
  x: number;
  y: number;
  _width: number;
  _height: number;
}

/** A pdfmake node that places `drawing` at `width` × `height` points. */
export function drawingContent(drawing: Drawing, width: number, height: number): Content {
  const placeholder = `<svg xmlns="http://www.w3.org/2000/svg" width="${drawing.width}" height="${drawing.height}" viewBox="0 0 ${drawing.width} ${drawing.height}"/>`;
  return { svg: placeholder, width, height, alignment: 'center', drawing } as Content;
}

let installed = false;

/** Wraps pdfmake's `renderSVG` once so that nodes made by `drawingContent` are painted. */
export function paintDrawingsInPdfmake(): void {
  if (installed) return;
  installed = true;
  const renderer = (
    require('pdfmake/js/Renderer.js') as {
      default: { prototype: { pdfDocument: PdfKitCanvas; renderSVG(node: DrawingNode): void } };
    }
  ).default;
  const renderSVG = renderer.prototype.renderSVG;
  renderer.prototype.renderSVG = function renderSvgOrDrawing(node) {
    if (!node.drawing) return renderSVG.call(this, node);
    const canvas = this.pdfDocument;
    const { drawing } = node;
    canvas
      .save()
      .translate(node.x, node.y)
      .scale(node._width / drawing.width, node._height / drawing.height);
    startFromDefaults(canvas);
    if ('shapes' in drawing) for (const shape of drawing.shapes) paintShape(canvas, shape);
    else replayCanvas(canvas, drawing.canvas, documentFonts(canvas));
    canvas.restore();
  };
}

/** A chart's CSS font family in the document's fonts; families the document lacks get the sans. */
function documentFonts(canvas: PdfKitCanvas): FontResolver {
  return (family, bold, italic) =>
    canvas.getFontFile(family, bold, italic) ??
    canvas.getFontFile(fontFamilies.sans, bold, italic) ??
    canvas.getFontFile(fontFamilies.sans, false, false)!;
}

/**
 * pdfmake sets opacity, dashes, caps and joins for its own vectors and text without restoring
 * them; a drawing starts from PDF's defaults instead of whatever was drawn before it.
 */
function startFromDefaults(canvas: PdfKitCanvas): void {
  canvas.opacity(1).undash().lineCap('butt').lineJoin('miter').miterLimit(10);
}

function paintShape(canvas: PdfKitCanvas, shape: Shape): void {
  if (shape.kind === 'text') return paintText(canvas, shape);
  canvas.save();
  if (shape.kind === 'rect') {
    if (shape.radius) canvas.roundedRect(shape.x, shape.y, shape.width, shape.height, shape.radius);
    else canvas.rect(shape.x, shape.y, shape.width, shape.height);
  } else {
    tracePath(canvas, shape.points, shape.closed ?? false);
  }
  if (shape.lineWidth !== undefined) canvas.lineWidth(shape.lineWidth);
  if (shape.fill) canvas.fillColor(shape.fill);
  if (shape.stroke) canvas.strokeColor(shape.stroke);
  if (shape.fill && shape.stroke) canvas.fillAndStroke();
  else if (shape.fill) canvas.fill();
  else if (shape.stroke) canvas.stroke();
  canvas.restore();
}

function tracePath(canvas: PdfKitCanvas, points: readonly Point[], closed: boolean): void {
  points.forEach(([x, y], index) => (index === 0 ? canvas.moveTo(x, y) : canvas.lineTo(x, y)));
  if (closed) canvas.closePath();
}

function paintText(canvas: PdfKitCanvas, shape: Extract<Shape, { kind: 'text' }>): void {
  const font = canvas.getFontFile(fontFamilies.sans, shape.bold ?? false, false);
  if (!font) throw new Error(`no ${fontFamilies.sans} font for a drawing's text`);
  const { text, x, y, size, anchor, color } = shape;
  drawTextLine(canvas, { text, x, y, font, size, anchor, colour: color });
}
