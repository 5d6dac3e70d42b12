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

/** Expands folders (not recursively) into their brief files, sorted for a stable order. */
export function findBriefFiles(paths: readonly string[]): string[] {
  return paths.flatMap((path) => {
    if (!existsSync(path)) throw new BriefsmithError('usage', `no such file or folder: ${path}`);
    if (!statSync(path).isDirectory()) return [path];
    return readdirSync(path)
      .filter((name) => briefExtensions.includes(extname(name).toLowerCase()))
      .sort()
      .map((name) => join(path, name))
      .filter((file) => statSync(file).isFile()); // a folder named "x.yaml" is not a brief
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
