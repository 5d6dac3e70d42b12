/** briefsmith's version, read from package.json once (it is part of every build's input hash). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const packageJson = JSON.parse(readFileSync(resolve(import.meta.dirname, '../package.json'), 'utf8')) as {
  version: string;
};

export const version: string = packageJson.version;
