/**
 * Handlebars helpers available to every template. They emit the intermediate markup
 * (e.g. `[@id]` for citations), never PDF-specific structures.
 */
import type Handlebars from 'handlebars';

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "2025-12" → "December 2025"; "2025-12-03" → "3 December 2025". */
export function formatIssueDate(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number);
  const monthName = monthNames[(month ?? 1) - 1] ?? '';
  return day ? `${day} ${monthName} ${year}` : `${monthName} ${year}`;
}

/** `["a", "b"]` → `[@a; @b]`; nothing for an empty or missing list. */
export function citationMarkup(ids: unknown): string {
  if (!Array.isArray(ids) || ids.length === 0) return '';
  return `[${ids.map((id) => `@${String(id)}`).join('; ')}]`;
}

/** 19 → "19%"; "35.2" → "35.2%"; keeps the digits as written. */
export function formatPercent(value: unknown): string {
  return `${String(value)}%`;
}

export function formatFraction(n: unknown, total: unknown): string {
  return `${String(n)}/${String(total)}`;
}

export function registerHelpers(handlebars: typeof Handlebars): void {
  handlebars.registerHelper('cite', (ids: unknown) => citationMarkup(ids));
  handlebars.registerHelper('percent', (value: unknown) => formatPercent(value));
  handlebars.registerHelper('fraction', (n: unknown, total: unknown) => formatFraction(n, total));
  handlebars.registerHelper('date', (iso: unknown) => formatIssueDate(String(iso)));
  handlebars.registerHelper('join', (items: unknown, separator: unknown) =>
    Array.isArray(items) ? items.join(typeof separator === 'string' ? separator : ', ') : '',
  );
  handlebars.registerHelper('lower', (text: unknown) => String(text).toLowerCase());
}
