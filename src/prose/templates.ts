/**
 * Handlebars stage: templates/ → Markdown text (the intermediate markup).
 *
 * `brief.hbs` is the entry; every `partials/<name>.hbs` is registered as the partial `<name>`.
 * A user folder given with --templates overrides the built-in files by name. Errors name the
 * template file and line.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import Handlebars from 'handlebars';
import { BriefsmithError } from '../errors/errors.js';
import type { Diagnostic } from '../errors/diagnostic.js';
import { registerHelpers } from './helpers.js';

export const builtinTemplatesDir = resolve(import.meta.dirname, '../../templates');

export interface TemplateFile {
  name: string;
  path: string;
  source: string;
}

export interface TemplateSet {
  /** Every file used, so callers can hash them for incremental builds. */
  files: TemplateFile[];
  render(context: object): string;
  /** Renders and names every template the render invoked (entry and partials), for incremental builds. */
  renderRecording(context: object): { markup: string; used: string[] };
}

/** Built-in templates overlaid by the files of `overrideDir`, if given. */
export function loadTemplates(overrideDir?: string): TemplateSet {
  const files = new Map<string, TemplateFile>();
  for (const dir of [builtinTemplatesDir, overrideDir].filter((d): d is string => d !== undefined)) {
    if (!existsSync(dir)) {
      throw new BriefsmithError('usage', `templates folder not found: ${dir}`);
    }
    for (const file of listTemplateFiles(dir)) files.set(file.name, file);
  }
  return compileTemplateSet([...files.values()]);
}

function listTemplateFiles(dir: string): TemplateFile[] {
  const entry = join(dir, 'brief.hbs');
  const partialsDir = join(dir, 'partials');
  const paths = [
    ...(existsSync(entry) ? [entry] : []),
    ...(existsSync(partialsDir)
      ? readdirSync(partialsDir)
          .filter((f) => f.endsWith('.hbs'))
          .sort()
          .map((f) => join(partialsDir, f))
      : []),
  ];
  return paths.map((path) => ({
    name: path === entry ? 'brief' : basename(path, '.hbs'),
    path,
    source: readFileSync(path, 'utf8'),
  }));
}

/** Compiles already-read template files: batch workers get the sources with each job, so they render exactly what was hashed. */
export function compileTemplateSet(files: TemplateFile[]): TemplateSet {
  const handlebars = Handlebars.create();
  registerHelpers(handlebars);
  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  // Rendering is synchronous, so one recorder per set cannot see two renders interleave.
  let recorder: Set<string> | undefined;
  for (const file of files) {
    const template = compileOne(handlebars, file, (name) => recorder?.add(name));
    compiled.set(file.name, template);
    if (file.name !== 'brief') handlebars.registerPartial(file.name, template);
  }
  const entry = compiled.get('brief');
  if (!entry) throw new BriefsmithError('template', 'no brief.hbs template found in the templates folder');
  const renderRecording = (context: object) => {
    recorder = new Set();
    try {
      const markup = entry(context);
      return { markup, used: [...recorder].sort() };
    } finally {
      recorder = undefined;
    }
  };
  return { files, render: (context) => entry(context), renderRecording };
}

/** Parses eagerly (syntax errors surface at load) and wraps the template so runtime errors name it. */
function compileOne(
  handlebars: typeof Handlebars,
  file: TemplateFile,
  onUse: (name: string) => void,
): Handlebars.TemplateDelegate {
  try {
    handlebars.parse(file.source);
  } catch (error) {
    throw templateError(file, error);
  }
  const template = handlebars.compile(file.source, { noEscape: true, preventIndent: true });
  return (context, options) => {
    onUse(file.name);
    try {
      return template(context, options);
    } catch (error) {
      if (error instanceof BriefsmithError) throw error;
      throw templateError(file, error);
    }
  };
}

function templateError(file: TemplateFile, error: unknown): BriefsmithError {
  const message = error instanceof Error ? error.message : String(error);
  const line = lineOf(file, error, message);
  const summary = (message.split('\n')[0] ?? message).replace(/ - \d+:\d+$/, '');
  const where = relative(process.cwd(), file.path) || file.path;
  const diagnostic: Diagnostic = {
    file: where,
    path: `template ${file.name}`,
    severity: 'error',
    rule: 'template',
    message: summary,
    hint: templateHint(summary),
    ...(line ? { position: { line, column: 1 } } : {}),
  };
  return new BriefsmithError('template', `template error in ${where}${line ? `:${line}` : ''}: ${summary}`, [
    diagnostic,
  ]);
}

/** Handlebars gives a line for parse errors only; for missing partials and helpers, find the name. */
function lineOf(file: TemplateFile, error: unknown, message: string): number | undefined {
  const known = (error as { lineNumber?: number }).lineNumber;
  if (typeof known === 'number') return known;
  const parseLine = /Parse error on line (\d+)/.exec(message)?.[1];
  if (parseLine) return Number(parseLine);
  const name = /partial (\S+) could not be found|Missing helper: "([^"]+)"/.exec(message);
  const needle = name?.[1] ?? name?.[2];
  if (!needle) return undefined;
  const index = file.source.split('\n').findIndex((l) => l.includes(needle));
  return index >= 0 ? index + 1 : undefined;
}

function templateHint(message: string): string {
  if (message.includes('could not be found')) return 'create partials/<name>.hbs or correct the partial name';
  if (message.startsWith('Missing helper')) return 'helpers are: cite, percent, fraction, date, join, lower';
  return 'check that every {{#block}} has a matching {{/block}} and that braces are balanced';
}
