/**
 * The publisher's protocol, state by state: versions kept up to `keep`, and the repair of a write
 * interrupted between its steps (the states a kill -9 can leave, built here directly so every one
 * is checked, not only those a timed kill happens to hit).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/io/publish.js';
import { generateBrief } from '../../src/pipeline.js';
import { readManifest, sha256, writeManifest } from '../../src/publish/manifest.js';
import { Publisher, versionFile } from '../../src/publish/publisher.js';
import type { BuiltBrief } from '../../src/publish/publish.js';
import { checkOutputWhole, tempDir, variation } from '../batch/fixtures.js';

const pdfs: Buffer[] = [];

beforeAll(async () => {
  for (const index of [1, 2, 3]) {
    const result = await generateBrief({ file: `v${index}.yaml`, text: variation(index) });
    if (!result.ok) throw new Error('fixture brief did not build');
    pdfs.push(result.pdf);
  }
}, 60_000);

function built(pdf: Buffer, hash: string): BuiltBrief {
  return {
    id: 'x',
    title: 't',
    issued: '2025-12',
    source: 'x.yaml',
    pdf,
    pageCount: 6,
    inputsHash: hash,
    diagnostics: [],
  };
}

describe('Publisher', () => {
  it('numbers versions, keeps `keep` earlier ones and deletes the rest', () => {
    const out = tempDir('publisher');
    const publisher = Publisher.open(out, { keep: 1 });
    try {
      expect(publisher.publish(built(pdfs[0]!, 'h1')).entry.version).toBe(1);
      expect(publisher.publish(built(pdfs[0]!, 'h1b')).changed).toBe(false); // same bytes, same version
      expect(publisher.publish(built(pdfs[1]!, 'h2')).entry.version).toBe(2);
      const third = publisher.publish(built(pdfs[2]!, 'h3')).entry;
      expect(third.version).toBe(3);
      expect(third.history?.map((v) => v.version)).toEqual([2]);
      expect(existsSync(join(out, versionFile('x', 1)))).toBe(false);
      expect(existsSync(join(out, versionFile('x', 2)))).toBe(true);
    } finally {
      publisher.close();
    }
  });

  it('repairs a publish interrupted after the new PDF reached its place', async () => {
    const out = tempDir('publisher');
    const first = Publisher.open(out, { keep: 5 });
    first.publish(built(pdfs[0]!, 'h1'));
    first.close();
    // Steps 1–3 of publishing version 2, then a crash before the commit:
    const manifest = readManifest(out);
    writeManifest(out, { ...manifest, pending: { x: { version: 2, sha256: sha256(pdfs[1]!) } } });
    writeFileAtomic(join(out, versionFile('x', 2)), pdfs[1]!);
    writeFileAtomic(join(out, 'x.pdf'), pdfs[1]!);
    expect((await checkOutputWhole(out)).problems).toEqual([]); // whole and named, even now

    const reopened = Publisher.open(out, { keep: 5 });
    reopened.close();
    const repaired = readManifest(out);
    expect(repaired.pending).toEqual({});
    expect(sha256(readFileSync(join(out, 'x.pdf')))).toBe(sha256(pdfs[0]!)); // the committed version is back
    expect(existsSync(join(out, versionFile('x', 2)))).toBe(false);
    expect((await checkOutputWhole(out)).problems).toEqual([]);
  });

  it('removes a brand-new brief whose first publish never committed', async () => {
    const out = tempDir('publisher');
    writeManifest(out, {
      generator: 'briefsmith',
      briefs: [],
      pending: { x: { version: 1, sha256: sha256(pdfs[0]!) } },
    });
    writeFileAtomic(join(out, 'x.pdf'), pdfs[0]!);
    writeFileAtomic(join(out, `x.pdf.${process.pid}.tmp`), Buffer.from('half a PDF'));
    expect((await checkOutputWhole(out)).problems).toEqual([]);
    Publisher.open(out, { keep: 5 }).close();
    expect(existsSync(join(out, 'x.pdf'))).toBe(false);
    expect(existsSync(join(out, `x.pdf.${process.pid}.tmp`))).toBe(false);
  });

  it('shares one writer within a process and refuses a writer from another live process', () => {
    const out = tempDir('publisher');
    const first = Publisher.open(out, { keep: 5 });
    const second = Publisher.open(out, { keep: 5 });
    expect(second).toBe(first);
    first.close();
    expect(existsSync(join(out, '.briefsmith.lock'))).toBe(true); // still held by `second`
    second.close();
    expect(existsSync(join(out, '.briefsmith.lock'))).toBe(false);
    // A lock held by another live process (this test's parent stands in for it).
    writeFileSync(join(out, '.briefsmith.lock'), `${process.ppid}\n`);
    expect(() => Publisher.open(out, { keep: 5 })).toThrow(/being written by another briefsmith process/);
    // A lock whose process is gone is taken over.
    writeFileSync(join(out, '.briefsmith.lock'), '2147483646\n');
    Publisher.open(out, { keep: 5 }).close();
  });
});
