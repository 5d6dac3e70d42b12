/**
 * The server's HTML pages: a catalog of briefs and a page per brief with its diagnostics. Plain
 * HTML and a little CSS, no JavaScript, so they work in any browser and under a strict CSP.
 *
 * Every interpolated value goes through the `html` tag, which escapes it unless it is already
 * `SafeHtml` built by the same tag; data from brief files (titles, messages, paths) can
 * therefore never become markup.
 */
import type { Diagnostic } from '../errors/diagnostic.js';
import type { CatalogItem } from './catalog.js';

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (c) => escapes[c]!);
}

type Interpolation = SafeHtml | string | number | null | undefined | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value === null || value === undefined) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  return new SafeHtml(
    strings.reduce((out, part, i) => out + part + (i < values.length ? render(values[i]) : ''), ''),
  );
}

/** The CSP sent with every page: no scripts, no external anything. */
export const pageSecurityPolicy =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

const style = `
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1b1b1b}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #ddd;vertical-align:top}
th{background:#f4f4f4}.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}.nowrap{white-space:nowrap}
.valid{color:#1a7f37}.warnings{color:#9a6700}.invalid{color:#cf222e}code{font-size:.9em}
.error{color:#cf222e}.warning{color:#9a6700}.info{color:#57606a}`;

function layout(title: string, body: SafeHtml): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        <style>
          ${new SafeHtml(style)}
        </style>
      </head>
      <body>
        ${body}
      </body>
    </html> `.value;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function statusLabel(item: CatalogItem): SafeHtml {
  const { status, errors, warnings } = item.validation;
  const text =
    status === 'invalid'
      ? `invalid (${errors} error${errors === 1 ? '' : 's'})`
      : status === 'warnings'
        ? `valid, ${warnings} warning${warnings === 1 ? '' : 's'}`
        : 'valid';
  return html`<span class="${status}">${text}</span>`;
}

function briefHref(item: CatalogItem): string {
  return `/briefs/${encodeURIComponent(item.id)}`;
}

function pdfHref(item: CatalogItem): string {
  return `/v1/briefs/${encodeURIComponent(item.id)}.pdf`;
}

function catalogRow(item: CatalogItem): SafeHtml {
  const download =
    item.validation.status === 'invalid'
      ? html`<span class="invalid">not available</span>`
      : html`<a href="${pdfHref(item)}" download>Download PDF</a>`;
  return html`<tr>
    <td><a href="${briefHref(item)}">${item.title ?? item.id}</a><br /><code>${item.source}</code></td>
    <td class="nowrap">${item.issued ?? '—'}</td>
    <td class="num">${item.pdf ? String(item.pdf.pages) : '—'}</td>
    <td class="num">
      ${item.pdf ? formatSize(item.pdf.bytes) : '—'}${item.pdf && !item.pdf.current ? ' (rebuilds on download)' : ''}
    </td>
    <td>${statusLabel(item)}</td>
    <td>${download}</td>
  </tr>`;
}

export function catalogPage(items: readonly CatalogItem[]): string {
  const rows =
    items.length === 0
      ? html`<tr>
          <td colspan="6">No briefs in the data folder.</td>
        </tr>`
      : items.map(catalogRow);
  return layout(
    'Briefs',
    html`<h1>Briefs</h1>
      <p>
        ${items.length} brief${items.length === 1 ? '' : 's'}. A PDF is built on first download and rebuilt
        when its data or templates change. Machine-readable: <a href="/v1/briefs">/v1/briefs</a>,
        <a href="/openapi.json">/openapi.json</a>.
      </p>
      <table>
        <thead>
          <tr>
            <th>Title</th>
            <th>Issued</th>
            <th class="num">Pages</th>
            <th class="num">Size</th>
            <th>Validation</th>
            <th>PDF</th>
          </tr>
        </thead>
        <tbody>
          ${rows}
        </tbody>
      </table>`,
  );
}

function diagnosticRow(d: Diagnostic): SafeHtml {
  const where = d.position ? `${d.file}:${d.position.line}:${d.position.column}` : d.file;
  return html`<tr>
    <td class="${d.severity}">${d.severity}</td>
    <td><code>${d.rule}</code></td>
    <td><code>${where}</code><br /><code>${d.path}</code></td>
    <td>${d.message}${d.hint ? html`<br /><small>hint: ${d.hint}</small>` : ''}</td>
  </tr>`;
}

export function briefPage(item: CatalogItem, diagnostics: readonly Diagnostic[]): string {
  const pdf = item.pdf
    ? html`<p>
        Published PDF: ${String(item.pdf.pages)} pages, ${formatSize(item.pdf.bytes)}, version
        ${String(item.pdf.version)}, built
        ${item.pdf.builtAt}${item.pdf.current ? '' : ' (out of date: rebuilds on download)'}.
        <code>sha256 ${item.pdf.sha256}</code>
      </p>`
    : item.validation.status === 'invalid'
      ? html``
      : html`<p>Not built yet: the first download builds it.</p>`;
  const download =
    item.validation.status === 'invalid'
      ? html`<p class="invalid">This brief has errors and cannot be built until they are fixed.</p>`
      : html`<p><a href="${pdfHref(item)}" download>Download PDF</a></p>`;
  const table =
    diagnostics.length === 0
      ? html`<p>No diagnostics.</p>`
      : html`<table>
          <thead>
            <tr>
              <th>Severity</th>
              <th>Rule</th>
              <th>Where</th>
              <th>Message</th>
            </tr>
          </thead>
          <tbody>
            ${diagnostics.map(diagnosticRow)}
          </tbody>
        </table>`;
  return layout(
    item.title ?? item.id,
    html`<p><a href="/">← All briefs</a></p>
      <h1>${item.title ?? item.id}</h1>
      <p>
        Source <code>${item.source}</code>, issued ${item.issued ?? '—'}, validation ${statusLabel(item)}.
      </p>
      ${pdf} ${download}
      <h2>Diagnostics</h2>
      ${table}`,
  );
}

export function errorPage(status: number, message: string): string {
  return layout(
    `${status}`,
    html`<p><a href="/">← All briefs</a></p>
      <h1>${String(status)}</h1>
      <p>${message}</p>`,
  );
}
