/**
 * Flow figures (signalling pathway, trial workflow) drawn from data: boxed steps joined by
 * arrows, laid out left to right in rows. Text is wrapped with the document font's real
 * metrics, so boxes are sized to their words. Output is a plain SVG string.
 */
import type { FlowFigure } from '../data/schema.js';
import { fontFamilies, measureSans } from '../pdf/fonts.js';

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

export function flowFigureSvg(
  figure: FlowFigure,
  options: FlowLayoutOptions,
): { svg: string; width: number; height: number } {
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
  const parts: string[] = [];
  boxes.forEach((box, index) => {
    const column = index % perRow;
    const row = Math.floor(index / perRow);
    const x = column * (boxWidth + gap);
    const y = 1 + row * (boxHeight + rowGap);
    parts.push(boxSvg(x, y, boxWidth, boxHeight, box));
    if (index < boxes.length - 1) {
      parts.push(
        column < perRow - 1
          ? rightArrow(x + boxWidth, y + boxHeight / 2, gap)
          : rowArrow(x + boxWidth / 2, y + boxHeight, boxWidth / 2, rowGap),
      );
    }
  });
  const width = options.width;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${fmt(width)}" height="${fmt(height)}" viewBox="0 0 ${fmt(width)} ${fmt(height)}">${parts.join('')}</svg>`;
  return { svg, width, height };
}

function boxSvg(
  x: number,
  y: number,
  width: number,
  height: number,
  box: { step: FlowFigure['steps'][number]; labelLines: string[]; detailLines: string[] },
): string {
  const tone = tones[box.step.tone];
  const textHeight =
    box.labelLines.length * (labelSize + lineGap) + box.detailLines.length * (detailSize + lineGap) - lineGap;
  let baseline = y + (height - textHeight) / 2;
  const texts: string[] = [];
  for (const line of box.labelLines) {
    baseline += labelSize;
    texts.push(textSvg(x + width / 2, baseline - 1.5, line, labelSize, 'bold', '#1d2933'));
    baseline += lineGap;
  }
  for (const line of box.detailLines) {
    baseline += detailSize;
    texts.push(textSvg(x + width / 2, baseline - 1.5, line, detailSize, 'normal', '#44505c'));
    baseline += lineGap;
  }
  return `<rect x="${fmt(x)}" y="${fmt(y)}" width="${fmt(width)}" height="${fmt(height)}" rx="5" ry="5" fill="${tone.fill}" stroke="${tone.stroke}" stroke-width="0.9"/>${texts.join('')}`;
}

function textSvg(x: number, y: number, text: string, size: number, weight: string, color: string): string {
  return `<text x="${fmt(x)}" y="${fmt(y)}" font-family="${fontFamilies.sans}" font-size="${size}" font-weight="${weight}" fill="${color}" text-anchor="middle">${escapeXml(text)}</text>`;
}

const arrowColor = '#5b6770';

function arrowHead(x: number, y: number, direction: 'right' | 'down'): string {
  const points =
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
  return `<path d="M${points.map(([px, py]) => `${fmt(px ?? 0)} ${fmt(py ?? 0)}`).join(' L')} Z" fill="${arrowColor}"/>`;
}

function rightArrow(x: number, y: number, length: number): string {
  return `<path d="M${fmt(x + 2)} ${fmt(y)} L${fmt(x + length - 3)} ${fmt(y)}" stroke="${arrowColor}" stroke-width="1.2" fill="none"/>${arrowHead(x + length - 2, y, 'right')}`;
}

/** From the bottom of a row's last box to the top of the next row's first box. */
function rowArrow(x: number, y: number, firstCenterX: number, drop: number): string {
  const mid = y + drop / 2;
  const end = y + drop - 2;
  return `<path d="M${fmt(x)} ${fmt(y + 2)} L${fmt(x)} ${fmt(mid)} L${fmt(firstCenterX)} ${fmt(mid)} L${fmt(firstCenterX)} ${fmt(end - 5)}" stroke="${arrowColor}" stroke-width="1.2" fill="none"/>${arrowHead(firstCenterX, end, 'down')}`;
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

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function fmt(value: number): string {
  return String(Math.round(value * 100) / 100);
}
