/**
 * A drawing: vector graphics in points, y downwards, which the PDF stage paints straight onto
 * the page (src/pdf/drawings.ts): no SVG text to write, parse and interpret. Either shapes (flow
 * figures, laid out by briefsmith; text on its baseline) or the canvas operations vega drew a
 * chart with (canvas-recording.ts).
 */
import type { CanvasOp } from './canvas-recording.js';

export type Point = readonly [x: number, y: number];

export interface Paint {
  fill?: string;
  stroke?: string;
  lineWidth?: number;
}

export type Shape =
  | ({ kind: 'rect'; x: number; y: number; width: number; height: number; radius?: number } & Paint)
  | ({ kind: 'path'; points: readonly Point[]; closed?: boolean } & Paint)
  | {
      kind: 'text';
      x: number;
      /** The baseline. */
      y: number;
      text: string;
      size: number;
      bold?: boolean;
      color: string;
      anchor: 'start' | 'middle' | 'end';
    };

export interface ShapeDrawing {
  width: number;
  height: number;
  shapes: readonly Shape[];
}

export interface CanvasDrawing {
  width: number;
  height: number;
  canvas: readonly CanvasOp[];
}

export type Drawing = ShapeDrawing | CanvasDrawing;
