import type { Brief } from '../data/schema.js';
/** Every string in a brief's data with its path, for rules that read text (R9, R15, R16). */
interface ProseString {
  path: (string | number)[];
  text: string;
}

export function proseStrings(value: unknown, path: (string | number)[] = []): ProseString[] {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((item, index) => proseStrings(item, [...path, index]));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) =>
      key === 'integrity' ? [] : proseStrings(item, [...path, key]),
    );
  }
  return [];
}

const proseByBrief = new WeakMap<Brief, readonly ProseString[]>();

/** Every prose string of a brief; R9 and R16 both read them, so they are collected once per brief. */
export function briefProse(brief: Brief): readonly ProseString[] {
  let strings = proseByBrief.get(brief);
  if (!strings) proseByBrief.set(brief, (strings = proseStrings(brief)));
  return strings;
}
