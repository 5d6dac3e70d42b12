/**
 * Atomic writes: a file is written to a temporary file in the output folder, flushed, and renamed
 * into place, so a reader never sees a partial file and an earlier PDF survives any failure.
 * The folder is flushed after the rename too, so the new name survives a power cut, not only a
 * killed process.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { BriefsmithError } from '../errors/errors.js';

/** Temporary files end with this; a writer that finds one left by a dead process may delete it. */
export const temporarySuffix = '.tmp';

export function writeFileAtomic(path: string, bytes: Uint8Array): void {
  const temporary = `${path}.${process.pid}${temporarySuffix}`;
  try {
    const fd = openSync(temporary, 'w');
    try {
      writeFully(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
    fsyncDirectory(dirname(path));
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new BriefsmithError('io', `cannot write ${path}: ${(error as Error).message}`, [], {
      cause: error,
    });
  }
}

/** `writeSync` may write less than asked (large buffers, some file systems): loop until done. */
function writeFully(fd: number, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}

/** Makes a rename durable. Some platforms cannot open a folder for fsync; the rename still stands. */
export function fsyncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Windows and some network file systems refuse; atomicity does not depend on this flush.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
