/**
 * A 2D-canvas context that records what vega draws instead of rasterising it. vega renders a
 * scene onto any "external context" (`view.toCanvas(scale, { externalContext })`) with its own
 * canvas mark code; recording those calls gives the chart as vector operations that the PDF
 * stage replays onto the page (src/pdf/canvas-replay.ts): vega's drawing, the document's fonts,
 * and no SVG text written and parsed in between.
 *
 * Only what vega's canvas marks use is implemented; anything else fails loudly at render time.
 */

/** A recorded call (`['lineTo', x, y]`) or property assignment (`['fillStyle=', '#fff']`). */
export type CanvasOp = readonly [name: string, ...args: unknown[]];

const recordedProperties = [
  'fillStyle',
  'strokeStyle',
  'globalAlpha',
  'globalCompositeOperation',
  'lineWidth',
  'lineCap',
  'lineJoin',
  'miterLimit',
  'lineDashOffset',
  'font',
  'textAlign',
  'textBaseline',
] as const;

const recordedMethods = [
  'save',
  'restore',
  'translate',
  'rotate',
  'scale',
  'beginPath',
  'closePath',
  'moveTo',
  'lineTo',
  'bezierCurveTo',
  'quadraticCurveTo',
  'arc',
  'rect',
  'fill',
  'stroke',
  'clip',
  'fillRect',
  'fillText',
  'setLineDash',
] as const;

export class RecordingContext {
  readonly ops: CanvasOp[] = [];
  /** Read back by vega's clip code on partial redraws; a recording is always a full draw. */
  readonly pixelRatio = 1;

  constructor() {
    for (const method of recordedMethods) {
      Object.defineProperty(this, method, {
        value: (...args: unknown[]) => {
          this.ops.push([method, ...args.map(copyArrays)]);
        },
      });
    }
    for (const property of recordedProperties) {
      let value: unknown;
      Object.defineProperty(this, property, {
        get: () => value,
        set: (next: unknown) => {
          value = next;
          this.ops.push([`${property}=`, next]);
        },
      });
    }
  }
}

/** setLineDash([]) hands over an array vega may reuse. */
function copyArrays(value: unknown): unknown {
  return Array.isArray(value) ? [...(value as unknown[])] : value;
}
