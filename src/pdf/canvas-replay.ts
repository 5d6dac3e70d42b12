/**
 * Replays a chart's recorded canvas operations (src/charts/canvas-recording.ts) onto a pdfkit
 * document. The two models differ in two ways that matter: a canvas keeps its current path
 * after `fill()` so that `stroke()` can draw the same path, while PDF consumes the path with
 * the painting operator; and a canvas transforms a path's points as they are added, PDF when
 * the path is painted. So the path is kept here, in transformed coordinates, and traced again
 * for every fill, stroke and clip. Colours, alpha, line style, font and alignment are canvas
 * state, saved and restored with the graphics state.
 */
import { color as cssColour } from 'd3-color';
import type { CanvasOp } from '../charts/canvas-recording.js';

/** The pdfkit document methods replaying uses (pdfkit's own API). */
export interface PdfKitPainter {
  save(): this;
  restore(): this;
  transform(a: number, b: number, c: number, d: number, e: number, f: number): this;
  moveTo(x: number, y: number): this;
  lineTo(x: number, y: number): this;
  bezierCurveTo(c1x: number, c1y: number, c2x: number, c2y: number, x: number, y: number): this;
  closePath(): this;
  fill(): this;
  stroke(): this;
  clip(): this;
  fillColor(color: string | number[], opacity?: number): this;
  strokeColor(color: string | number[], opacity?: number): this;
  lineWidth(width: number): this;
  lineCap(cap: string): this;
  lineJoin(join: string): this;
  miterLimit(limit: number): this;
  undash(): this;
  addContent(operator: string): this;
  font(source: string): this;
  fontSize(size: number): this;
  widthOfString(text: string): number;
  text(text: string, x: number, y: number, options: object): this;
}

/** One line of text with its baseline at y, anchored at x as SVG's `text-anchor` does. */
export interface TextLine {
  text: string;
  x: number;
  y: number;
  /** A font file registered on the document. */
  font: string;
  size: number;
  anchor: 'start' | 'middle' | 'end';
  colour: string | number[];
  /** Left as it is when undefined. */
  opacity?: number;
}

/** Draws a line of text measured in its own font: the one text path of charts and figures. */
export function drawTextLine(pdf: PdfKitPainter, line: TextLine): void {
  pdf.font(line.font).fontSize(line.size);
  const width = pdf.widthOfString(line.text);
  const offset = line.anchor === 'middle' ? width / 2 : line.anchor === 'end' ? width : 0;
  pdf
    .fillColor(line.colour, line.opacity)
    .text(line.text, line.x - offset, line.y, { lineBreak: false, baseline: 'alphabetic' });
}

/** Picks the font file for a CSS family, weight and style. */
export type FontResolver = (family: string, bold: boolean, italic: boolean) => string;

interface CanvasState {
  fillStyle: string;
  strokeStyle: string;
  globalAlpha: number;
  lineWidth: number;
  lineCap: string;
  lineJoin: string;
  miterLimit: number;
  lineDash: number[];
  lineDashOffset: number;
  font: string;
  textAlign: string;
}

const initialState: CanvasState = {
  fillStyle: '#000',
  strokeStyle: '#000',
  globalAlpha: 1,
  lineWidth: 1,
  lineCap: 'butt',
  lineJoin: 'miter',
  miterLimit: 10,
  lineDash: [],
  lineDashOffset: 0,
  font: '10px sans-serif',
  textAlign: 'start',
};

/** An affine transform [a, b, c, d, e, f]: x' = a·x + c·y + e, y' = b·x + d·y + f. */
type Matrix = readonly [number, number, number, number, number, number];

const identity: Matrix = [1, 0, 0, 1, 0, 0];

function multiply([a, b, c, d, e, f]: Matrix, [a2, b2, c2, d2, e2, f2]: Matrix): Matrix {
  return [
    a * a2 + c * b2,
    b * a2 + d * b2,
    a * c2 + c * d2,
    b * c2 + d * d2,
    a * e2 + c * f2 + e,
    b * e2 + d * f2 + f,
  ];
}

/** A path step in the drawing's own coordinates (transforms already applied). */
type PathStep =
  | readonly ['M' | 'L', number, number]
  | readonly ['C', number, number, number, number, number, number]
  | readonly ['Z'];

export function replayCanvas(pdf: PdfKitPainter, ops: readonly CanvasOp[], fonts: FontResolver): void {
  new CanvasReplay(pdf, fonts).run(ops);
}

/**
 * A canvas applies the current transform when a path is built, not when it is painted (vega
 * translates to each symbol, adds its path, and translates back before filling). So transforms
 * are kept here, applied to every point as the path is built, and never sent to pdfkit; text is
 * drawn under the transform current when it was written.
 */
class CanvasReplay {
  private state: CanvasState = { ...initialState };
  private matrix: Matrix = identity;
  private readonly saved: { state: CanvasState; matrix: Matrix }[] = [];
  private path: PathStep[] = [];
  private current: [number, number] | undefined;
  private subpathStart: [number, number] | undefined;

  constructor(
    private readonly pdf: PdfKitPainter,
    private readonly fonts: FontResolver,
  ) {}

  run(ops: readonly CanvasOp[]): void {
    for (const [name, ...args] of ops) {
      if (name.endsWith('=')) this.assign(name.slice(0, -1), args[0]);
      else this.call(name, args);
    }
  }

  private assign(property: string, value: unknown): void {
    if (property === 'globalCompositeOperation') {
      if (value !== 'source-over') throw new Error(`charts cannot blend with "${String(value)}" in a PDF`);
      return;
    }
    if (property === 'textBaseline') {
      // vega positions text on the alphabetic baseline itself; any other setting is unexpected.
      if (value !== 'alphabetic') throw new Error(`unsupported canvas textBaseline "${String(value)}"`);
      return;
    }
    if (!(property in this.state)) throw new Error(`unsupported canvas property ${property}`);
    (this.state as unknown as Record<string, unknown>)[property] = value;
  }

  private call(name: string, args: unknown[]): void {
    const n = args as number[];
    switch (name) {
      case 'save':
        this.saved.push({ state: { ...this.state }, matrix: this.matrix });
        this.pdf.save(); // the clip path lives in pdfkit's graphics state
        return;
      case 'restore': {
        const top = this.saved.pop();
        this.state = top?.state ?? { ...initialState };
        this.matrix = top?.matrix ?? identity;
        this.pdf.restore();
        return;
      }
      case 'translate':
        return this.transform([1, 0, 0, 1, n[0]!, n[1]!]);
      case 'scale':
        return this.transform([n[0]!, 0, 0, n[1]!, 0, 0]);
      case 'rotate': {
        const [cos, sin] = [Math.cos(n[0]!), Math.sin(n[0]!)];
        return this.transform([cos, sin, -sin, cos, 0, 0]);
      }
      case 'beginPath':
        this.path = [];
        this.current = this.subpathStart = undefined;
        return;
      case 'moveTo':
        return this.moveTo(n[0]!, n[1]!);
      case 'lineTo':
        return this.lineTo(n[0]!, n[1]!);
      case 'bezierCurveTo':
        return this.curveTo(n[0]!, n[1]!, n[2]!, n[3]!, n[4]!, n[5]!);
      case 'quadraticCurveTo':
        return this.quadraticTo(n[0]!, n[1]!, n[2]!, n[3]!);
      case 'arc':
        return this.arc(n[0]!, n[1]!, n[2]!, n[3]!, n[4]!, Boolean(n[5]));
      case 'rect':
        return this.rect(n[0]!, n[1]!, n[2]!, n[3]!);
      case 'closePath':
        return this.closePath();
      case 'fill':
        return this.paint('fill');
      case 'stroke':
        return this.paint('stroke');
      case 'clip':
        this.tracePath();
        this.pdf.clip();
        return;
      case 'fillRect':
        return this.fillRect(n[0]!, n[1]!, n[2]!, n[3]!);
      case 'setLineDash':
        this.state.lineDash = [...(args[0] as number[])];
        return;
      case 'fillText':
        return this.fillText(String(args[0]), n[1]!, n[2]!);
      default:
        throw new Error(`unsupported canvas operation ${name}`);
    }
  }

  private transform(by: Matrix): void {
    this.matrix = multiply(this.matrix, by);
  }

  /** A point in the current user space, in the drawing's own coordinates. */
  private toDrawing(x: number, y: number): [number, number] {
    const [a, b, c, d, e, f] = this.matrix;
    return [a * x + c * y + e, b * x + d * y + f];
  }

  private moveTo(x: number, y: number): void {
    const point = this.toDrawing(x, y);
    this.path.push(['M', ...point]);
    this.current = this.subpathStart = point;
  }

  private lineTo(x: number, y: number): void {
    if (!this.current) return this.moveTo(x, y);
    const point = this.toDrawing(x, y);
    this.path.push(['L', ...point]);
    this.current = point;
  }

  private curveTo(x1: number, y1: number, x2: number, y2: number, x: number, y: number): void {
    if (!this.current) this.moveTo(x1, y1);
    const point = this.toDrawing(x, y);
    this.path.push(['C', ...this.toDrawing(x1, y1), ...this.toDrawing(x2, y2), ...point]);
    this.current = point;
  }

  /** The exact cubic for a quadratic curve from the current point. */
  private quadraticTo(cx: number, cy: number, x: number, y: number): void {
    if (!this.current) this.moveTo(cx, cy);
    const [a, b, c, d, e, f] = this.matrix;
    const determinant = a * d - b * c;
    // Back to user space for the current point, so the control points are computed there.
    const [px, py] = this.current!;
    const ux = (d * (px - e) - c * (py - f)) / determinant;
    const uy = (a * (py - f) - b * (px - e)) / determinant;
    this.curveTo(
      ux + (2 / 3) * (cx - ux),
      uy + (2 / 3) * (cy - uy),
      x + (2 / 3) * (cx - x),
      y + (2 / 3) * (cy - y),
      x,
      y,
    );
  }

  /**
   * A canvas arc as Bézier quarter-segments. Like a canvas (and unlike pdfkit's own `arc`, which
   * always starts a new subpath) it continues an open subpath with a line to the arc's start.
   */
  private arc(cx: number, cy: number, r: number, from: number, to: number, anticlockwise: boolean): void {
    let sweep = to - from;
    if (Math.abs(sweep) >= 2 * Math.PI) sweep = (anticlockwise ? -2 : 2) * Math.PI;
    else if (sweep !== 0 && anticlockwise !== sweep < 0) sweep += (anticlockwise ? -2 : 2) * Math.PI;
    const segments = Math.max(1, Math.ceil(Math.abs(sweep) / (Math.PI / 2)));
    const step = sweep / segments;
    const handle = (4 / 3) * Math.tan(step / 4) * r;
    const at = (angle: number): [number, number] => [cx + Math.cos(angle) * r, cy + Math.sin(angle) * r];
    this.lineTo(...at(from));
    for (let i = 0, angle = from; i < segments; i++, angle += step) {
      const [x0, y0] = at(angle);
      const [x1, y1] = at(angle + step);
      this.curveTo(
        x0 - Math.sin(angle) * handle,
        y0 + Math.cos(angle) * handle,
        x1 + Math.sin(angle + step) * handle,
        y1 - Math.cos(angle + step) * handle,
        x1,
        y1,
      );
    }
  }

  private rect(x: number, y: number, width: number, height: number): void {
    this.moveTo(x, y);
    this.lineTo(x + width, y);
    this.lineTo(x + width, y + height);
    this.lineTo(x, y + height);
    this.closePath();
  }

  private closePath(): void {
    if (!this.current) return;
    this.path.push(['Z']);
    this.current = this.subpathStart;
  }

  /** Paints a rectangle without touching the current path, as a canvas does. */
  private fillRect(x: number, y: number, width: number, height: number): void {
    const [path, current, subpathStart] = [this.path, this.current, this.subpathStart];
    this.path = [];
    this.rect(x, y, width, height);
    this.paint('fill');
    [this.path, this.current, this.subpathStart] = [path, current, subpathStart];
  }

  private tracePath(): void {
    const pdf = this.pdf;
    for (const step of this.path) {
      if (step[0] === 'M') pdf.moveTo(step[1], step[2]);
      else if (step[0] === 'L') pdf.lineTo(step[1], step[2]);
      else if (step[0] === 'C') pdf.bezierCurveTo(step[1], step[2], step[3], step[4], step[5], step[6]);
      else pdf.closePath();
    }
  }

  /** How much the current transform scales lengths (line widths, dashes). */
  private lengthScale(): number {
    const [a, b, c, d] = this.matrix;
    return Math.sqrt(Math.abs(a * d - b * c));
  }

  private paint(operator: 'fill' | 'stroke'): void {
    const colour = parseColour(operator === 'fill' ? this.state.fillStyle : this.state.strokeStyle);
    if (!colour || this.path.length === 0) return;
    const opacity = colour.alpha * this.state.globalAlpha;
    this.pdf.save();
    this.tracePath();
    if (operator === 'fill') {
      this.pdf.fillColor(colour.value, opacity).fill();
    } else {
      this.applyLineStyle();
      this.pdf.strokeColor(colour.value, opacity).stroke();
    }
    this.pdf.restore();
  }

  private applyLineStyle(): void {
    const { lineWidth, lineCap, lineJoin, miterLimit, lineDash, lineDashOffset } = this.state;
    const scale = this.lengthScale();
    this.pdf
      .lineWidth(lineWidth * scale)
      .lineCap(lineCap)
      .lineJoin(lineJoin)
      .miterLimit(miterLimit);
    const pattern = dashPattern(lineDash);
    if (pattern) {
      // pdfkit's dash() takes two lengths and refuses zeros; PDF takes any pattern (a zero
      // "on" length with round caps draws dots).
      const lengths = pattern.map((length) => pdfNumber(length * scale)).join(' ');
      this.pdf.addContent(`[${lengths}] ${pdfNumber(lineDashOffset * scale)} d`);
    } else {
      this.pdf.undash();
    }
  }

  private fillText(text: string, x: number, y: number): void {
    const colour = parseColour(this.state.fillStyle);
    if (!colour) return;
    const font = parseFont(this.state.font);
    const align = this.state.textAlign;
    const anchor = align === 'center' ? 'middle' : align === 'right' || align === 'end' ? 'end' : 'start';
    this.pdf.save().transform(...this.matrix);
    drawTextLine(this.pdf, {
      text,
      x,
      y,
      font: this.fonts(font.family, font.bold, font.italic),
      size: font.size,
      anchor,
      colour: colour.value,
      opacity: colour.alpha * this.state.globalAlpha,
    });
    this.pdf.restore();
  }
}

/**
 * A canvas dash list as a PDF dash array: an odd-length list repeats (as a canvas does), and
 * no list, or one of zeros only, draws a solid line.
 */
export function dashPattern(lengths: readonly number[]): number[] | undefined {
  if (lengths.length === 0 || lengths.every((length) => length === 0)) return undefined;
  if (lengths.some((length) => !Number.isFinite(length) || length < 0)) return undefined;
  return lengths.length % 2 === 1 ? [...lengths, ...lengths] : [...lengths];
}

/** A number as pdfkit writes one into a content stream. */
function pdfNumber(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/**
 * A CSS colour (any form vega may produce: names, hex with or without alpha, rgb(), hsl(),
 * percentages) as RGB numbers for pdfkit, with its alpha; undefined when invisible. A colour
 * that is not CSS is an error: pdfkit would silently keep the previous colour.
 */
export function parseColour(css: string): { value: number[]; alpha: number } | undefined {
  const text = css.trim().toLowerCase();
  if (text === 'none' || text === '') return undefined;
  const parsed = cssColour(text)?.rgb();
  if (!parsed) throw new Error(`a chart uses a colour that is not CSS: "${css}"`);
  if (parsed.opacity === 0 || Number.isNaN(parsed.opacity)) return undefined;
  return { value: [parsed.r, parsed.g, parsed.b].map(Math.round), alpha: parsed.opacity };
}

/** vega's canvas font: "[style] [variant] [weight] <size>px <family>[, fallbacks]". */
export function parseFont(css: string): { family: string; size: number; bold: boolean; italic: boolean } {
  const match = /^(.*?)([\d.]+)px\s+(.+)$/.exec(css.trim());
  if (!match) throw new Error(`unreadable canvas font "${css}"`);
  const words = match[1]!.trim().split(/\s+/);
  const family = match[3]!
    .split(',')[0]!
    .trim()
    .replace(/^["']|["']$/g, '');
  return {
    family,
    size: Number(match[2]),
    bold: words.some((word) => word === 'bold' || word === 'bolder' || Number(word) >= 600),
    italic: words.includes('italic') || words.includes('oblique'),
  };
}
