/** Replaying recorded canvas operations onto pdfkit: the canvas semantics that differ from PDF's. */
import { describe, expect, test } from 'vitest';
import { RecordingContext } from '../../src/charts/canvas-recording.js';
import {
  dashPattern,
  parseColour,
  parseFont,
  replayCanvas,
  type PdfKitPainter,
} from '../../src/pdf/canvas-replay.js';

/** A pdfkit stand-in that writes down what it is asked to draw. */
function recordingPainter(): { painter: PdfKitPainter; calls: string[] } {
  const calls: string[] = [];
  const painter = new Proxy({} as PdfKitPainter, {
    get: (_, name: string) =>
      name === 'widthOfString'
        ? () => 20
        : (...args: unknown[]) => {
            calls.push(
              `${name}(${args.map((a) => (typeof a === 'number' ? +a.toFixed(3) : JSON.stringify(a))).join(',')})`,
            );
            return painter;
          },
  });
  return { painter, calls };
}

const fonts = (family: string, bold: boolean) => `${family}-${bold ? 'bold' : 'regular'}.ttf`;

function replay(draw: (context: CanvasRenderingContext2D) => void): string[] {
  const context = new RecordingContext();
  draw(context as unknown as CanvasRenderingContext2D);
  const { painter, calls } = recordingPainter();
  replayCanvas(painter, context.ops, fonts);
  return calls;
}

describe('canvas replay', () => {
  test('a path keeps the transform it was built under, as vega builds symbols', () => {
    const calls = replay((c) => {
      c.translate(100, 50);
      c.beginPath();
      c.rect(-2, -2, 4, 4);
      c.translate(-100, -50);
      c.fillStyle = '#c8553d';
      c.fill();
    });
    expect(calls).toContain('moveTo(98,48)');
    expect(calls).toContain('lineTo(102,52)');
    expect(calls).not.toContain('transform(1,0,0,1,100,50)');
  });

  test('fill then stroke paint the same path twice; transparent paints nothing', () => {
    const calls = replay((c) => {
      c.beginPath();
      c.moveTo(0, 0);
      c.lineTo(10, 0);
      c.fillStyle = 'transparent';
      c.fill();
      c.strokeStyle = '#888';
      c.lineWidth = 2;
      c.stroke();
      c.fillStyle = 'rgba(0, 0, 0, 0.5)';
      c.fill();
    });
    expect(calls.filter((call) => call === 'moveTo(0,0)')).toHaveLength(2);
    expect(calls).toContain('strokeColor([136,136,136],1)');
    expect(calls).toContain('fillColor([0,0,0],0.5)');
    expect(calls.filter((call) => call.startsWith('fill('))).toHaveLength(1);
  });

  test('a full circle is four Bézier quarters around the centre', () => {
    const calls = replay((c) => {
      c.beginPath();
      c.arc(10, 10, 5, 0, 2 * Math.PI);
      c.fillStyle = '#000';
      c.fill();
    });
    expect(calls).toContain('moveTo(15,10)');
    expect(calls.filter((call) => call.startsWith('bezierCurveTo('))).toHaveLength(4);
    expect(calls).toContain('bezierCurveTo(15,12.761,12.761,15,10,15)');
  });

  test('an arc continues an open subpath with a line, as a canvas does', () => {
    const calls = replay((c) => {
      c.beginPath();
      c.moveTo(0, 0);
      c.arc(10, 0, 5, Math.PI, 0);
      c.strokeStyle = '#000';
      c.stroke();
    });
    expect(calls.slice(0, 4)).toEqual([
      'save()',
      'moveTo(0,0)',
      'lineTo(5,0)',
      expect.stringMatching(/^bezierCurveTo/),
    ]);
  });

  test('text is aligned by its measured width and drawn on its baseline in the chosen font', () => {
    const calls = replay((c) => {
      c.font = 'bold 9px SourceSans';
      c.textAlign = 'center';
      c.fillStyle = '#000';
      c.fillText('CLAG', 50, 14);
    });
    expect(calls).toContain('font("SourceSans-bold.ttf")');
    expect(calls).toContain('fontSize(9)');
    expect(calls).toContain('text("CLAG",40,14,{"lineBreak":false,"baseline":"alphabetic"})');
  });

  test('a dash list goes to the PDF whole: dash-dot, odd lists repeated, dotted lines with zero dashes', () => {
    const stroked = (dash: number[]) =>
      replay((c) => {
        c.beginPath();
        c.moveTo(0, 0);
        c.lineTo(10, 0);
        c.setLineDash(dash);
        c.strokeStyle = '#000';
        c.stroke();
      }).filter((call) => call.startsWith('addContent') || call.startsWith('undash'));
    expect(stroked([8, 3, 1, 3])).toEqual(['addContent("[8 3 1 3] 0 d")']);
    expect(stroked([5, 2, 1])).toEqual(['addContent("[5 2 1 5 2 1] 0 d")']);
    expect(stroked([0, 4])).toEqual(['addContent("[0 4] 0 d")']);
    expect(stroked([])).toEqual(['undash()']);
  });

  test('fillRect paints without disturbing the path being built', () => {
    const calls = replay((c) => {
      c.beginPath();
      c.moveTo(1, 1);
      c.lineTo(5, 1);
      c.fillStyle = 'white';
      c.fillRect(0, 0, 100, 50);
      c.strokeStyle = '#000';
      c.stroke();
    });
    const stroke = calls.lastIndexOf('moveTo(1,1)');
    expect(stroke).toBeGreaterThan(calls.indexOf('moveTo(0,0)'));
    expect(calls.slice(stroke, stroke + 2)).toEqual(['moveTo(1,1)', 'lineTo(5,1)']);
  });

  test('an operation vega is not expected to use fails loudly', () => {
    const { painter } = recordingPainter();
    expect(() => replayCanvas(painter, [['ellipse', 0, 0, 1, 1]], fonts)).toThrow(
      /unsupported canvas operation/,
    );
    expect(() =>
      replay((c) => {
        c.globalCompositeOperation = 'multiply';
      }),
    ).toThrow(/cannot blend/);
  });
});

describe('CSS values', () => {
  test('colours in every CSS form vega may write, as RGB with alpha', () => {
    expect(parseColour('#1f5f8b')).toEqual({ value: [31, 95, 139], alpha: 1 });
    expect(parseColour('rgb(10, 20, 30)')).toEqual({ value: [10, 20, 30], alpha: 1 });
    expect(parseColour('rgb(100%, 0%, 50%)')).toEqual({ value: [255, 0, 128], alpha: 1 });
    expect(parseColour('hsl(120, 60%, 40%)')).toEqual({ value: [41, 163, 41], alpha: 1 });
    expect(parseColour('#ff000080')).toEqual({ value: [255, 0, 0], alpha: 128 / 255 });
    expect(parseColour('steelblue')).toEqual({ value: [70, 130, 180], alpha: 1 });
    expect(parseColour('transparent')).toBeUndefined();
    expect(parseColour('rgba(1,2,3,0)')).toBeUndefined();
    expect(() => parseColour('url(#gradient)')).toThrow(/not CSS/);
  });

  test('dash lists', () => {
    expect(dashPattern([2])).toEqual([2, 2]);
    expect(dashPattern([0, 0])).toBeUndefined();
  });

  test('fonts', () => {
    expect(parseFont('9px SourceSans')).toEqual({
      family: 'SourceSans',
      size: 9,
      bold: false,
      italic: false,
    });
    expect(parseFont('italic 600 8.5px "Source Sans 3", sans-serif')).toEqual({
      family: 'Source Sans 3',
      size: 8.5,
      bold: true,
      italic: true,
    });
  });
});
