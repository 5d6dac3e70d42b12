/**
 * Atomic writes: a file is written to a temporary file in the output folder, flushed, and renamed
 * into place, so a reader never sees a partial file and an earlier PDF survives any failure.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { BriefsmithError } from '../errors/errors.js';

export function writeFileAtomic(path: string, bytes: Uint8Array): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    const fd = openSync(temporary, 'w');
    try {
      writeSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new BriefsmithError('io', `cannot write ${path}: ${(error as Error).message}`, [], {
      cause: error,
    });
  }
}
