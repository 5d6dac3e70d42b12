/** Finding and reading brief files. Errors here are the user's (a wrong path) and say so. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import { BriefsmithError } from '../errors/errors.js';

export const briefExtensions = ['.yaml', '.yml', '.json'];

export interface BriefSource {
  /** Absolute or as-given path. */
  path: string;
  /** Path relative to the working directory, for messages. */
  displayPath: string;
  /** Output name: the file name without its extension. */
  id: string;
  text: string;
}

/** Whether `name` in `folder` is a brief file: a brief extension, and a file (a folder named "x.yaml" is not). */
export function isBriefFile(folder: string, name: string): boolean {
  return briefExtensions.includes(extname(name).toLowerCase()) && statSync(join(folder, name)).isFile();
}

/** Expands folders (not recursively) into their brief files, sorted for a stable order. */
export function findBriefFiles(paths: readonly string[]): string[] {
  return paths.flatMap((path) => {
    if (!existsSync(path)) throw new BriefsmithError('usage', `no such file or folder: ${path}`);
    if (!statSync(path).isDirectory()) return [path];
    return readdirSync(path)
      .filter((name) => isBriefFile(path, name))
      .sort()
      .map((name) => join(path, name));
  });
}

export function readBriefFile(path: string): BriefSource {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new BriefsmithError('io', `cannot read ${path}: ${(error as Error).message}`, [], { cause: error });
  }
  return { path, displayPath: relative(process.cwd(), path) || path, id: briefId(path), text };
}

export function briefId(path: string): string {
  return basename(path, extname(path));
}
