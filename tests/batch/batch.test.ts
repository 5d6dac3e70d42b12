/**
 * A real batch through the real CLI: 54 generated briefs (3 invalid), 2 worker threads. Checks the
 * summary and exit code, that a second run skips everything, that touching one template rebuilds
 * exactly the briefs that use it, and versions + rollback.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/publish/manifest.js';
import {
  checkOutputWhole,
  hasWorkflow,
  readManifestFile,
  runCli,
  tempDir,
  variation,
  writeBatch,
  writeTemplates,
  type GeneratedBatch,
} from './fixtures.js';

const count = 51;

describe('briefsmith build on a batch of generated briefs', () => {
  const dir = tempDir('batch');
  const out = join(dir, 'out');
  let batch: GeneratedBatch;
  let templates: string;
  const build = (...extra: string[]) =>
    runCli(['build', batch.dataDir, '--out', out, '--templates', templates, '--jobs', '2', ...extra], {
      cwd: dir,
    });

  beforeAll(() => {
    batch = writeBatch(dir, count);
    templates = writeTemplates(dir);
  });

  it('builds every valid brief, reports each invalid one with its reason, and exits 1', async () => {
    const result = await build();
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`${count} built, 0 unchanged, 3 failed`);
    for (const id of batch.invalid)
      expect(result.stdout).toMatch(new RegExp(`failed data/${id}\\.yaml: data/${id}\\.yaml`));
    expect(result.stdout).toMatch(
      /failed data\/bad-syntax\.yaml: data\/bad-syntax\.yaml:\d+:\d+ error syntax/,
    );
    // Without a terminal: one plain line per brief.
    expect(result.stdout.split('\n').filter((l) => l.startsWith('✓ '))).toHaveLength(count);
    const manifest = readManifestFile(out);
    expect(manifest.briefs.map((b) => b.id).sort()).toEqual(batch.valid);
    expect(manifest.briefs.every((b) => b.version === 1 && b.pages > 0)).toBe(true);
    const workflowUsers = manifest.briefs.filter((b) => b.templates?.includes('workflow')).map((b) => b.id);
    expect(workflowUsers).toEqual(batch.valid.filter((_, i) => hasWorkflow(i)));
    const whole = await checkOutputWhole(out);
    expect(whole.problems).toEqual([]);
    expect(whole.pdfs).toBe(2 * count); // <id>.pdf and versions/<id>/1.pdf
  }, 300_000);

  it('skips every unchanged brief on a second run', async () => {
    const before = readFileSync(join(out, 'manifest.json'), 'utf8');
    const result = await build();
    expect(result.code).toBe(1); // the invalid briefs still fail
    expect(result.stdout).toContain(`0 built, ${count} unchanged, 3 failed`);
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(before);
  }, 120_000);

  it('rebuilds exactly the briefs that use a touched template', async () => {
    appendFileSync(join(templates, 'partials/workflow.hbs'), '\n{{!-- reviewed --}}\n');
    const result = await build();
    const users = batch.valid.filter((_, i) => hasWorkflow(i));
    expect(result.stdout).toContain(`${users.length} built, ${count - users.length} unchanged, 3 failed`);
    const rebuilt = [...result.stdout.matchAll(/^✓ \S+\/(brief-\d+)\.pdf .*\(inputs changed\)$/gm)].map(
      (m) => m[1],
    );
    expect(rebuilt.sort()).toEqual(users);
  }, 300_000);

  it('rebuilds a PDF that was altered on disk, and --force rebuilds an unchanged one', async () => {
    writeFileSync(join(out, 'brief-001.pdf'), 'not a pdf');
    const repaired = await build();
    expect(repaired.stdout).toContain(`1 built, ${count - 1} unchanged, 3 failed`);
    expect(repaired.stdout).toContain('(published PDF missing or altered)');
    const one = join(batch.dataDir, 'brief-003.yaml');
    const forced = await runCli(['build', one, '--out', out, '--templates', templates, '--force'], {
      cwd: dir,
    });
    expect(forced.stdout).toContain('1 built, 0 unchanged, 0 failed');
    expect(forced.stdout).toContain('same bytes (forced)');
    // Same inputs, same bytes: a forced rebuild keeps the version.
    expect(readManifestFile(out).briefs.every((b) => b.version === 1)).toBe(true);
  }, 300_000);

  it('keeps earlier versions and rolls back atomically', async () => {
    const file = join(batch.dataDir, 'brief-002.yaml');
    for (const edit of [' (revised)', ' (revised again)']) {
      writeFileSync(file, variation(2, edit));
      const result = await runCli(['build', file, '--out', out, '--templates', templates, '--keep', '1'], {
        cwd: dir,
      });
      expect(result.code).toBe(0);
    }
    let entry = readManifestFile(out).briefs.find((b) => b.id === 'brief-002');
    expect(entry?.version).toBe(3);
    expect(entry?.history?.map((v) => v.version)).toEqual([2]); // keep 1: version 1 pruned
    expect(existsSync(join(out, 'versions/brief-002/1.pdf'))).toBe(false);
    const v2 = entry?.history?.[0];

    const rollback = await runCli(['rollback', 'brief-002', '--out', out], { cwd: dir });
    expect(rollback.code).toBe(0);
    expect(rollback.stdout).toContain('version 3 → 2');
    entry = readManifestFile(out).briefs.find((b) => b.id === 'brief-002');
    expect(entry?.version).toBe(2);
    expect(entry?.rolledBack?.from).toBe(3);
    expect(sha256(readFileSync(join(out, 'brief-002.pdf')))).toBe(v2?.sha256);
    expect(readFileSync(join(out, 'rollbacks.jsonl'), 'utf8')).toContain('"from":3');

    // The inputs that made version 3 are unchanged: a build holds the rollback until they change.
    const held = await runCli(['build', file, '--out', out, '--templates', templates], { cwd: dir });
    expect(held.stdout).toContain('rolled back from version 3');
    expect((await checkOutputWhole(out)).problems).toEqual([]);

    const missing = await runCli(['rollback', 'brief-002', '--to', '1', '--out', out], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('kept versions: 3');
  }, 300_000);
});
