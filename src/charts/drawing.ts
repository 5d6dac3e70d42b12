/**
 * A drawing: vector shapes in points, y downwards, text on its baseline. Figures that are not
 * Vega charts (the flow figures) are laid out as drawings, which the PDF stage paints straight
 * onto the page (src/pdf/drawings.ts): no SVG text to write, parse and interpret.
 */
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

export interface Drawing {
  width: number;
  height: number;
  shapes: readonly Shape[];
}
