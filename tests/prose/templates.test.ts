/** Templates: users reword, reorder and drop sections from a folder of overrides. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BriefsmithError } from '../../src/errors/errors.js';
import { generateBrief } from '../../src/pipeline.js';
import { loadTemplates } from '../../src/prose/templates.js';

const text = readFileSync(join(import.meta.dirname, '../../data/cenersen.yaml'), 'utf8');

function overrideFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'briefsmith-templates-'));
  mkdirSync(join(dir, 'partials'));
  for (const [name, source] of Object.entries(files)) writeFileSync(join(dir, name), source);
  return dir;
}

async function markupWith(files: Record<string, string>): Promise<string> {
  const result = await generateBrief({
    file: 'cenersen.yaml',
    text,
    templates: loadTemplates(overrideFolder(files)),
  });
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.markup;
}

describe('template overrides', () => {
  test('a partial in the override folder rewords its section; the rest stay built-in', async () => {
    const markup = await markupWith({ 'partials/summary.hbs': '## In short\n\n{{summary.text}}\n\n' });
    expect(markup).toContain('## In short');
    expect(markup).not.toContain('## Summary and Conclusion');
    expect(markup).toContain('## Mechanism of Action');
  });

  test('brief.hbs reorders and drops sections', async () => {
    const markup = await markupWith({ 'brief.hbs': '{{> title-block}}\n{{> summary}}\n{{> references}}\n' });
    expect(markup.indexOf('## Summary and Conclusion')).toBeLessThan(markup.indexOf('## References'));
    expect(markup).not.toContain('Mechanism of Action');
  });

  test('a syntax error names the template file and line', () => {
    const dir = overrideFolder({
      'partials/summary.hbs': '## {{summary.heading}}\n\n{{#if summary}}\n{{summary.text}}\n',
    });
    const error = (() => {
      try {
        loadTemplates(dir);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(BriefsmithError);
    expect((error as BriefsmithError).message).toMatch(/partials\/summary\.hbs:\d+/);
    expect((error as BriefsmithError).diagnostics[0]?.rule).toBe('template');
  });

  test('a missing partial names the template that asks for it, with its line', async () => {
    const dir = overrideFolder({ 'brief.hbs': '{{> title-block}}\n\n{{> conclusions}}\n' });
    const result = await generateBrief({ file: 'cenersen.yaml', text, templates: loadTemplates(dir) });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.find((d) => d.rule === 'template')).toMatchObject({
      rule: 'template',
      file: expect.stringMatching(/brief\.hbs$/),
      position: { line: 3, column: 1 },
      message: 'The partial conclusions could not be found',
    });
  });

  test('a directive naming no table is a template error, not a crash', async () => {
    const dir = overrideFolder({ 'brief.hbs': '## X\n\n@[table](nope.results)\n' });
    const result = await generateBrief({ file: 'cenersen.yaml', text, templates: loadTemplates(dir) });
    expect(result.ok).toBe(false);
    const problem = result.diagnostics.find((d) => d.severity === 'error');
    expect(problem?.message).toMatch(/names nothing in this brief; known: aml\.results/);
  });
});
