/**
 * The pdfmake replacements must answer exactly as pdfmake does: style lookups are compared with
 * pdfmake's own code on random style dictionaries, stacks and items; merged text keeps each word
 * where pdfmake placed it.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  type Inline,
  lookUpStyleProperty,
  mergeTouchingInlines,
  pdfmakeOriginals,
  speedUpPdfmake,
} from '../../src/pdf/pdfmake-speedups.js';
import { generateBrief } from '../../src/pipeline.js';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

speedUpPdfmake();
const { stackClass, getStyleProperty, getProperty } = pdfmakeOriginals;
if (!stackClass || !getStyleProperty || !getProperty)
  throw new Error('speedUpPdfmake did not record the originals');

const names = ['heading', 'body', 'cite', 'note', 'missing'];
const properties = ['font', 'fontSize', 'bold', 'color', 'margin'];
const value = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.integer({ min: 0, max: 3 }),
  fc.constant(false),
);
const props = fc.record(Object.fromEntries(properties.map((p) => [p, value])), { requiredKeys: [] });
const styleName = fc.constantFrom(...names);
const style = fc.record(
  {
    ...Object.fromEntries(properties.map((p) => [p, value])),
    extends: fc.oneof(styleName, fc.array(styleName, { maxLength: 3 })),
  },
  { requiredKeys: [] },
);
const dictionary = fc.dictionary(fc.constantFrom(...names.slice(0, 4)), style);
const entry = fc.oneof(styleName, props);
const item = fc.oneof(
  fc.constant('plain text'),
  fc.record(
    {
      ...Object.fromEntries(properties.map((p) => [p, value])),
      style: fc.oneof(styleName, fc.array(entry, { maxLength: 3 }), fc.constant('')),
      section: fc.constant(true),
    },
    { requiredKeys: [] },
  ),
);

describe('style lookup', () => {
  test('answers what pdfmake answers, for every property, stack and item', () => {
    fc.assert(
      fc.property(dictionary, props, fc.array(entry, { maxLength: 4 }), item, (dict, defaults, stack, it) => {
        const theirs = new stackClass(dict, defaults);
        theirs.getProperty = getProperty; // pdfmake's own walk, not the replacement on the prototype
        const ours = new stackClass(dict, defaults);
        stack.forEach((e) => {
          theirs.styleOverrides.push(e);
          ours.push(e);
        });
        for (const property of properties) {
          const expected = getStyleProperty(it, theirs, property, 'fallback');
          expect(lookUpStyleProperty(it, ours, property, 'fallback')).toEqual(expected);
          expect(ours.getProperty(property)).toEqual(getProperty.call(theirs, property));
        }
        expect(ours.styleOverrides).toEqual(theirs.styleOverrides);
      }),
      { numRuns: 2000 },
    );
  });

  test('remembers what a stack resolves only until the stack is pushed or popped', () => {
    const operation = fc.oneof(
      fc.record({ push: entry }),
      fc.record({ pop: fc.integer({ min: 1, max: 2 }) }),
      fc.record({ look: fc.constantFrom(...properties) }),
    );
    fc.assert(
      fc.property(dictionary, props, fc.array(operation, { maxLength: 12 }), (dict, defaults, operations) => {
        const theirs = new stackClass(dict, defaults);
        theirs.getProperty = getProperty;
        const ours = new stackClass(dict, defaults);
        for (const op of operations) {
          if ('push' in op) {
            theirs.styleOverrides.push(op.push);
            ours.push(op.push);
          } else if ('pop' in op) {
            for (let i = 0; i < op.pop; i++) theirs.styleOverrides.pop();
            ours.pop(op.pop);
          } else {
            expect(ours.getProperty(op.look)).toEqual(getProperty.call(theirs, op.look));
          }
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('merging the words of a line', () => {
  const font = { id: 'F1' };
  const word = (text: string, x: number, width: number, extra: Partial<Inline> = {}): Inline => ({
    text,
    x,
    width,
    font,
    fontSize: 10,
    color: 'black',
    ...extra,
  });

  test('joins touching words of one style after a space, keeping the first x and the summed width', () => {
    const merged = mergeTouchingInlines([
      word('Overall ', 0, 40),
      word('response ', 40, 45),
      word('rate', 85, 20),
    ]);
    expect(merged).toEqual([word('Overall response rate', 0, 105)]);
  });

  test('keeps words apart when a text property differs, when they do not touch, or not at a space', () => {
    const cases: Inline[][] = [
      [word('CR ', 0, 15), word('19%', 15, 20, { color: 'blue' })],
      [word('CR ', 0, 15), word('19%', 15, 20, { link: '#ref-1' })],
      [word('CR ', 0, 15), word('19%', 18, 20)], // justified: a gap between words
      [word('www.example.com/', 0, 80), word('path', 80, 20)], // broken after a slash
      [word('CR ', 0, 15, { background: 'yellow' }), word('19%', 15, 20, { background: 'yellow' })],
      // pdfkit spaces after a word's last character too, pdfmake measured without it
      [word('CR ', 0, 15, { characterSpacing: 1.5 }), word('19%', 15, 20, { characterSpacing: 1.5 })],
    ];
    for (const inlines of cases) expect(mergeTouchingInlines(inlines)).toHaveLength(2);
  });

  test('every word of the brief stays where pdfmake put it (pdftotext word boxes)', async () => {
    const file = join(import.meta.dirname, '../../data/cenersen.yaml');
    const text = readFileSync(file, 'utf8');
    const merged = await generateBrief({ file, text });
    const { renderer, renderLine } = pdfmakeOriginals;
    if (!renderer || !renderLine) throw new Error('speedUpPdfmake did not record renderLine');
    const patched = renderer.prototype.renderLine;
    renderer.prototype.renderLine = renderLine;
    const wordByWord = await generateBrief({ file, text }).finally(() => {
      renderer.prototype.renderLine = patched;
    });
    if (!merged.ok || !wordByWord.ok) throw new Error('the Cenersen brief must build');
    expect(merged.pdf.length).toBeLessThan(wordByWord.pdf.length);
    const boxes = await wordBoxes(merged.pdf);
    expect(boxes.length).toBeGreaterThan(1000);
    expect(boxes).toEqual(await wordBoxes(wordByWord.pdf));
  });
});

/** Every word with its box, as poppler's pdftotext reads it. */
async function wordBoxes(pdf: Buffer): Promise<string[]> {
  const folder = mkdtempSync(join(tmpdir(), 'briefsmith-words-'));
  try {
    writeFileSync(join(folder, 'brief.pdf'), pdf);
    const { stdout } = await run('pdftotext', ['-bbox', join(folder, 'brief.pdf'), '-']);
    return stdout.split('\n').filter((line) => line.includes('<word '));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

describe('SVG sizing', () => {
  const ours = () => {
    const { svgMeasure } = pdfmakeOriginals;
    if (!svgMeasure) throw new Error('speedUpPdfmake did not record SVGMeasure');
    return {
      theirs: svgMeasure,
      ours: Object.create(Object.getPrototypeOf(svgMeasure) as object) as typeof svgMeasure,
    };
  };
  const vegaLike =
    '<svg xmlns="http://www.w3.org/2000/svg" class="marks" width="479" height="217" viewBox="0 0 479 217">' +
    '<rect width="479" height="217" fill="white"/><text x="3" y="9">AML &amp; CLL: 38%–47%</text></svg>';

  test('reads the size pdfmake reads, from the root tag', () => {
    const { theirs, ours: mine } = ours();
    for (const svg of [vegaLike, '<svg width="10.5pt" height="20" viewBox="0 0 10 20"/>']) {
      expect(mine.measureSVG(svg)).toEqual(theirs.measureSVG(svg));
    }
  });

  test('writes the laid-out size as pdfmake does, leaving the rest of the document alone', () => {
    const { theirs, ours: mine } = ours();
    const size = { width: 300.5, height: 136 };
    const written = mine.writeDimensions(vegaLike, size) as string;
    expect(theirs.measureSVG(written)).toEqual(size);
    expect(written.slice(written.indexOf('>') + 1)).toBe(vegaLike.slice(vegaLike.indexOf('>') + 1));
    expect(theirs.measureSVG(theirs.writeDimensions(vegaLike, size))).toEqual(size);
  });

  test('falls back to pdfmake for an SVG without a viewBox or with a prolog', () => {
    const { theirs, ours: mine } = ours();
    for (const svg of [
      '<svg width="40" height="20"><rect width="4" height="2"/></svg>',
      '<?xml version="1.0"?><svg viewBox="0 0 8 4"/>',
    ]) {
      expect(mine.writeDimensions(svg, { width: 8, height: 4 })).toEqual(
        theirs.writeDimensions(svg, { width: 8, height: 4 }),
      );
      expect(mine.measureSVG(svg)).toEqual(theirs.measureSVG(svg));
    }
  });
});
