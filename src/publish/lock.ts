/**
 * One writer per output folder. The manifest is rewritten whole on every publish, so two
 * processes publishing into one folder (a schedule and a manual build) would lose each other's
 * entries. A lock file holding the owner's pid prevents that; a lock left by a killed process
 * (kill -9, power cut) is detected by its dead pid and taken over.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { BriefsmithError } from '../errors/errors.js';

export const lockFileName = '.briefsmith.lock';

/** Another live process holds the folder: a caller may wait and try again. */
export class OutputBusyError extends BriefsmithError {}

export interface OutputLock {
  release(): void;
}

export function lockOutput(outDir: string): OutputLock {
  ensureOutputFolder(outDir);
  const path = join(outDir, lockFileName);
  for (let attempt = 0; attempt < 2; attempt++) {
    if (tryCreate(path)) return { release: () => rmSync(path, { force: true }) };
    const owner = lockOwner(path);
    if (owner !== undefined && isAlive(owner)) {
      throw new OutputBusyError(
        'usage',
        `${outDir} is being written by another briefsmith process (pid ${owner}); wait for it to finish, or delete ${path} if no briefsmith is running`,
      );
    }
    rmSync(path, { force: true });
  }
  throw new BriefsmithError('io', `cannot lock ${outDir}: ${path} keeps reappearing`);
}

function tryCreate(path: string): boolean {
  try {
    const fd = openSync(path, 'wx');
    writeSync(fd, `${process.pid}\n`);
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new BriefsmithError('io', `cannot create ${path}: ${(error as Error).message}`, [], {
      cause: error,
    });
  }
}

function lockOwner(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Creates the output folder; a path that is a file (or unwritable) is the user's to fix. */
export function ensureOutputFolder(outDir: string): void {
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'EEXIST' || code === 'ENOTDIR' ? 'is a file, not a folder' : `cannot be created (${code})`;
    throw new BriefsmithError(
      'io',
      `output folder ${outDir} ${why}: choose another with --out or "out" in the config`,
    );
  }
}
