/**
 * Hot spots of pdfmake 0.3, replaced by equivalents that produce the same layout.
 *
 * 1. Style lookup. pdfmake resolves about twenty style properties for every word, and each
 *    lookup pushes the word's styles on the style stack, allocates a closure and a Set, walks the
 *    stack and pops again. `lookUpStyleProperty` walks the same entries in the same order
 *    without touching the stack and without allocating: same answers, a fraction of the time.
 * 2. Text output. pdfmake writes each word with its own pdfkit text call (`BT … ET`, font, colour,
 *    link annotation). `mergeTouchingInlines` joins the words of a line that touch and share
 *    every text property into one call; the glyphs land where they did, because pdfkit lays a
 *    string out word by word (split after spaces) exactly as pdfmake measured it. (pdfmake marks this as a TODO:
 *    "lines without differently styled inlines should be written to pdf as one stream".)
 *
 * Both reach into pdfmake's internal modules, so package.json pins pdfmake's exact version and
 * tests/pdf/pdfmake-speedups.test.ts compares them with pdfmake's own code.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

type StyleName = string;
type StyleOverride = Record<string, unknown>;
type StyleDictionary = Record<StyleName, StyleOverride | undefined>;

export interface StyleStack {
  styleDictionary: StyleDictionary;
  defaultStyle?: StyleOverride;
  styleOverrides: (StyleName | StyleOverride)[];
  getProperty(property: string): unknown;
  push(entry: StyleName | StyleOverride): void;
  pop(howMany?: number): void;
}

interface StyleContextStackClass {
  new (styleDictionary: StyleDictionary, defaultStyle?: StyleOverride): StyleStack;
  prototype: StyleStack;
  getStyleProperty(
    item: unknown,
    stack: StyleStack | undefined,
    property: string,
    fallback: unknown,
  ): unknown;
}

const isValue = (value: unknown): boolean => value !== undefined && value !== null;
const isString = (value: unknown): value is string => typeof value === 'string' || value instanceof String;

/** A named style's property, following `extends` (parents last first) like pdfmake, cycles cut. */
function namedStyleProperty(
  stack: StyleStack,
  name: StyleName,
  property: string,
  visited?: Set<StyleName>,
): unknown {
  if (visited?.has(name)) return undefined;
  const style = stack.styleDictionary[name];
  if (!style) return undefined;
  if (isValue(style[property])) return style[property];
  if (!style.extends) return undefined;
  const seen = (visited ?? new Set<StyleName>()).add(name);
  const parents = (Array.isArray(style.extends) ? style.extends : [style.extends]) as StyleName[];
  for (let i = parents.length - 1; i >= 0; i--) {
    const value = namedStyleProperty(stack, parents[i]!, property, seen);
    if (isValue(value)) return value;
  }
  return undefined;
}

function overrideProperty(stack: StyleStack, entry: StyleName | StyleOverride, property: string): unknown {
  return isString(entry) ? namedStyleProperty(stack, String(entry), property) : entry[property];
}

/**
 * What pdfmake's `getStyleProperty(item, stack, property, fallback)` returns: the item's own
 * value, else what `stack.auto(item, () => stack.getProperty(property))` finds, i.e. the item's
 * named styles (last first), then the stack from the top, then the default style.
 */
export function lookUpStyleProperty(
  item: unknown,
  stack: StyleStack | undefined,
  property: string,
  fallback: unknown,
): unknown {
  const own = item as StyleOverride;
  if (isValue(own[property])) return own[property];
  if (!stack) return fallback;
  const value = itemStyleProperty(stack, item, property) ?? stackProperty(stack, property);
  return isValue(value) ? value : fallback;
}

function itemStyleProperty(stack: StyleStack, item: unknown, property: string): unknown {
  if (isString(item) || (item as StyleOverride).section !== undefined) return undefined;
  const style = (item as StyleOverride).style as StyleName | (StyleName | StyleOverride)[] | undefined;
  if (!style) return undefined;
  if (!Array.isArray(style)) return overrideProperty(stack, style, property) ?? undefined;
  for (let i = style.length - 1; i >= 0; i--) {
    const value = overrideProperty(stack, style[i]!, property);
    if (isValue(value)) return value;
  }
  return undefined;
}

/**
 * What each stack resolves a property to, until the stack changes: every word of a text node is
 * measured against the same stack, so its ~20 properties are walked once per node, not per word.
 * `push` and `pop` (the only ways pdfmake changes a stack) forget a stack's answers.
 */
const resolvedKey = Symbol('briefsmith resolved styles');
type Resolved = Record<string, unknown>;
const unresolved = Symbol('unresolved');

/** The memo lives on the stack itself (a symbol key): a WeakMap lookup per call cost more. */
function resolvedOf(stack: StyleStack): Resolved {
  const holder = stack as unknown as Record<symbol, Resolved | undefined>;
  return (holder[resolvedKey] ??= Object.create(null) as Resolved);
}

function forgetResolved(stack: StyleStack): void {
  (stack as unknown as Record<symbol, Resolved | undefined>)[resolvedKey] = undefined;
}

function stackProperty(stack: StyleStack, property: string): unknown {
  const resolved = resolvedOf(stack);
  const known = property in resolved ? resolved[property] : unresolved;
  if (known !== unresolved) return known;
  const value = walkStack(stack, property);
  resolved[property] = value;
  return value;
}

function walkStack(stack: StyleStack, property: string): unknown {
  const entries = stack.styleOverrides;
  for (let i = entries.length - 1; i >= 0; i--) {
    const value = overrideProperty(stack, entries[i]!, property);
    if (isValue(value)) return value;
  }
  return stack.defaultStyle?.[property];
}

export interface Inline {
  text: string;
  x: number;
  width: number;
  font: unknown;
  [property: string]: unknown;
}

/** Every property that changes how pdfmake draws an inline; two inlines merge only if all are equal. */
const drawingProperties = [
  'font',
  'fontSize',
  'fontFeatures',
  'characterSpacing',
  'color',
  'opacity',
  'link',
  'linkToDestination',
  'decoration',
  'decorationColor',
  'decorationStyle',
  'decorationThickness',
  'sup',
  'sub',
  'height',
] as const;

/** Properties with which an inline is never merged: backgrounds, page links and page references. */
const standaloneProperties = ['background', 'linkToPage', '_pageNodeRef', 'justifyShift'] as const;

const touching = (left: Inline, right: Inline): boolean => Math.abs(left.x + left.width - right.x) < 1e-6;

/**
 * pdfkit shapes a string word by word, splitting after spaces and tabs, as pdfmake measured it.
 * Words broken elsewhere (after a hyphen or slash in a URL) would be shaped together, kerned
 * across the break and land slightly off, so they are not joined.
 */
function endsWord(inline: Inline): boolean {
  const last = inline.text.charAt(inline.text.length - 1);
  return last === ' ' || last === '\t';
}

function mergeable(left: Inline, right: Inline): boolean {
  if (!endsWord(left) || !touching(left, right)) return false;
  // pdfkit spaces after every character, a word's last included, where pdfmake measured a word
  // as (length − 1) spacings: joined, each later word would drift right by one spacing.
  if (left.characterSpacing || right.characterSpacing) return false;
  for (const key of standaloneProperties) if (isValue(left[key]) || isValue(right[key])) return false;
  for (const key of drawingProperties) if (left[key] !== right[key]) return false;
  return true;
}

/**
 * A line's inlines with touching, identically styled neighbours joined into one. (Called for
 * every line of every document, hence plain loops and one new object per joined run.)
 */
export function mergeTouchingInlines(inlines: readonly Inline[]): Inline[] {
  const merged: Inline[] = [];
  let start = 0;
  while (start < inlines.length) {
    const first = inlines[start]!;
    let end = start + 1;
    let text = first.text;
    let width = first.width;
    while (end < inlines.length && mergeable(inlines[end - 1]!, inlines[end]!)) {
      text += inlines[end]!.text;
      width += inlines[end]!.width;
      end++;
    }
    merged.push(end - start === 1 ? first : { ...first, text, width });
    start = end;
  }
  return merged;
}

interface SvgMeasure {
  measureSVG(svg: unknown): { width?: number; height?: number };
  writeDimensions(svg: unknown, dimensions: { width: number; height: number }): unknown;
}

interface SvgMeasureClass {
  prototype: SvgMeasure;
}

const svgRootTag = /^<svg\b[^>]*>/;

/** The root `<svg>` tag's attributes, if it states a numeric width and height and a viewBox. */
function sizedSvgRoot(svg: unknown): { tag: string; width: number; height: number } | undefined {
  if (typeof svg !== 'string') return undefined;
  const tag = svgRootTag.exec(svg)?.[0];
  if (!tag) return undefined;
  const attribute = (name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  const [width, height] = [parseFloat(attribute('width') ?? ''), parseFloat(attribute('height') ?? '')];
  if (Number.isNaN(width) || Number.isNaN(height) || attribute('viewBox') === undefined) return undefined;
  return { tag, width, height };
}

/**
 * 3. SVG sizing. To read an SVG's width and height and then write the laid-out size back,
 *    pdfmake parses the whole document twice with xmldoc and serialises it once more. When the
 *    root tag states width, height and viewBox (vega's SVG and our drawings' placeholders do),
 *    only that tag is read and rewritten; anything else goes through pdfmake's own code.
 */
function measureSvgByRootTag(svgMeasure: SvgMeasureClass): void {
  const { measureSVG, writeDimensions } = svgMeasure.prototype;
  pdfmakeOriginals.svgMeasure = Object.assign(Object.create(svgMeasure.prototype) as SvgMeasure, {
    measureSVG,
    writeDimensions,
  });
  svgMeasure.prototype.measureSVG = function measureSized(svg) {
    const root = sizedSvgRoot(svg);
    return root ? { width: root.width, height: root.height } : measureSVG.call(this, svg);
  };
  svgMeasure.prototype.writeDimensions = function writeSized(svg, dimensions) {
    const root = sizedSvgRoot(svg);
    if (!root) return writeDimensions.call(this, svg, dimensions);
    const tag = root.tag
      .replace(/\swidth="[^"]*"/, ` width="${dimensions.width}"`)
      .replace(/\sheight="[^"]*"/, ` height="${dimensions.height}"`);
    return tag + (svg as string).slice(root.tag.length);
  };
}

interface RendererClass {
  prototype: { renderLine(line: { inlines: Inline[] }, x: number, y: number): void };
}

let applied = false;

/** pdfmake's own functions, as they were before `speedUpPdfmake` (the tests compare against them). */
export const pdfmakeOriginals: {
  getStyleProperty?: StyleContextStackClass['getStyleProperty'];
  getProperty?: StyleStack['getProperty'];
  stackClass?: StyleContextStackClass;
  renderer?: RendererClass;
  renderLine?: RendererClass['prototype']['renderLine'];
  /** An SVGMeasure whose own methods are pdfmake's. */
  svgMeasure?: SvgMeasure;
} = {};

function forgetResolvedOnChange(prototype: StyleStack): void {
  const { push, pop } = prototype;
  prototype.push = function forgettingPush(this: StyleStack, entry) {
    forgetResolved(this);
    push.call(this, entry);
  };
  prototype.pop = function forgettingPop(this: StyleStack, howMany) {
    forgetResolved(this);
    pop.call(this, howMany);
  };
}

/** Installs the replacements; call before the first document is made. */
export function speedUpPdfmake(): void {
  if (applied) return;
  applied = true;
  const stackClass = (require('pdfmake/js/StyleContextStack.js') as { default: StyleContextStackClass })
    .default;
  Object.assign(pdfmakeOriginals, {
    stackClass,
    getStyleProperty: stackClass.getStyleProperty,
    getProperty: stackClass.prototype.getProperty,
  });
  stackClass.getStyleProperty = lookUpStyleProperty;
  stackClass.prototype.getProperty = function getProperty(this: StyleStack, property: string) {
    return stackProperty(this, property);
  };
  forgetResolvedOnChange(stackClass.prototype);
  measureSvgByRootTag((require('pdfmake/js/SVGMeasure.js') as { default: SvgMeasureClass }).default);
  const renderer = (require('pdfmake/js/Renderer.js') as { default: RendererClass }).default;
  const renderLine = renderer.prototype.renderLine;
  Object.assign(pdfmakeOriginals, { renderer, renderLine });
  renderer.prototype.renderLine = function renderMergedLine(line, x, y) {
    const merged = Object.create(line) as typeof line;
    merged.inlines = mergeTouchingInlines(line.inlines);
    renderLine.call(this, merged, x, y);
  };
}
