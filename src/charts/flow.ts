/**
 * Flow figures (signalling pathway, trial workflow) drawn from data: boxed steps joined by
 * arrows, laid out left to right in rows. Text is wrapped with the document font's real
 * metrics, so boxes are sized to their words. Output is a drawing (shapes), painted by the PDF
 * stage.
 */
import type { FlowFigure } from '../data/schema.js';
import { measureSans } from '../pdf/fonts.js';
import type { Point, Shape, ShapeDrawing } from './drawing.js';

const tones = {
  neutral: { fill: '#f3f5f7', stroke: '#8a97a3' },
  compound: { fill: '#dbe8f3', stroke: '#1f5f8b' },
  effect: { fill: '#fbeee9', stroke: '#c8553d' },
  outcome: { fill: '#e3efe3', stroke: '#588b5a' },
} as const;

const labelSize = 9;
const detailSize = 8;
const lineGap = 2.5;
const padding = 7;
const gap = 26;
const rowGap = 30;

export interface FlowLayoutOptions {
  width: number;
  perRow?: number;
}

export function flowFigureDrawing(figure: FlowFigure, options: FlowLayoutOptions): ShapeDrawing {
  const perRow = options.perRow ?? Math.min(3, figure.steps.length);
  const boxWidth = (options.width - gap * (perRow - 1)) / perRow;
  const textWidth = boxWidth - 2 * padding;
  const boxes = figure.steps.map((step) => ({
    step,
    labelLines: wrapText(step.label, textWidth, labelSize, true),
    detailLines: step.detail ? wrapText(step.detail, textWidth, detailSize, false) : [],
  }));
  const boxHeight = Math.max(
    ...boxes.map(
      (b) =>
        2 * padding +
        b.labelLines.length * (labelSize + lineGap) +
        b.detailLines.length * (detailSize + lineGap),
    ),
  );
  const rows = Math.ceil(boxes.length / perRow);
  const height = rows * boxHeight + (rows - 1) * rowGap + 2;
  const shapes: Shape[] = [];
  boxes.forEach((box, index) => {
    const column = index % perRow;
    const row = Math.floor(index / perRow);
    const x = column * (boxWidth + gap);
    const y = 1 + row * (boxHeight + rowGap);
    shapes.push(...boxShapes(x, y, boxWidth, boxHeight, box));
    if (index < boxes.length - 1) {
      shapes.push(
        ...(column < perRow - 1
          ? rightArrow(x + boxWidth, y + boxHeight / 2, gap)
          : rowArrow(x + boxWidth / 2, y + boxHeight, boxWidth / 2, rowGap)),
      );
    }
  });
  return { width: options.width, height, shapes };
}

function boxShapes(
  x: number,
  y: number,
  width: number,
  height: number,
  box: { step: FlowFigure['steps'][number]; labelLines: string[]; detailLines: string[] },
): Shape[] {
  const tone = tones[box.step.tone];
  const textHeight =
    box.labelLines.length * (labelSize + lineGap) + box.detailLines.length * (detailSize + lineGap) - lineGap;
  let baseline = y + (height - textHeight) / 2;
  const shapes: Shape[] = [
    { kind: 'rect', x, y, width, height, radius: 5, fill: tone.fill, stroke: tone.stroke, lineWidth: 0.9 },
  ];
  const centre = x + width / 2;
  for (const line of box.labelLines) {
    baseline += labelSize;
    shapes.push(textShape(centre, baseline - 1.5, line, labelSize, true, '#1d2933'));
    baseline += lineGap;
  }
  for (const line of box.detailLines) {
    baseline += detailSize;
    shapes.push(textShape(centre, baseline - 1.5, line, detailSize, false, '#44505c'));
    baseline += lineGap;
  }
  return shapes;
}

function textShape(x: number, y: number, text: string, size: number, bold: boolean, color: string): Shape {
  return { kind: 'text', x, y, text, size, bold, color, anchor: 'middle' };
}

const arrowColor = '#5b6770';
const arrowLine = { stroke: arrowColor, lineWidth: 1.2 };

function arrowHead(x: number, y: number, direction: 'right' | 'down'): Shape {
  const points: Point[] =
    direction === 'right'
      ? [
          [x, y],
          [x - 6, y - 3.5],
          [x - 6, y + 3.5],
        ]
      : [
          [x, y],
          [x - 3.5, y - 6],
          [x + 3.5, y - 6],
        ];
  return { kind: 'path', points, closed: true, fill: arrowColor };
}

function rightArrow(x: number, y: number, length: number): Shape[] {
  const shaft: Point[] = [
    [x + 2, y],
    [x + length - 3, y],
  ];
  return [{ kind: 'path', points: shaft, ...arrowLine }, arrowHead(x + length - 2, y, 'right')];
}

/** From the bottom of a row's last box to the top of the next row's first box. */
function rowArrow(x: number, y: number, firstCenterX: number, drop: number): Shape[] {
  const mid = y + drop / 2;
  const end = y + drop - 2;
  const route: Point[] = [
    [x, y + 2],
    [x, mid],
    [firstCenterX, mid],
    [firstCenterX, end - 5],
  ];
  return [{ kind: 'path', points: route, ...arrowLine }, arrowHead(firstCenterX, end, 'down')];
}

/** Greedy word wrap with real glyph widths. */
export function wrapText(text: string, maxWidth: number, fontSize: number, bold: boolean): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (current && measureSans(candidate, fontSize, bold) > maxWidth) {
      lines.push(current);
      current = word;
    } else current = candidate;
  }
  if (current) lines.push(current);
  return lines;
}
