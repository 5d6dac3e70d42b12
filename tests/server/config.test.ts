/**
 * `serve` and `build` agree: with the same config (here: the data-notes appendix on), a PDF that
 * `build` published is current for the server, which serves it as is instead of republishing.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/load.js';
import { integrityFromConfig } from '../../src/integrity/config.js';
import { sha256 } from '../../src/publish/manifest.js';
import { makeWorkspace, repoRoot, startServer, type Workspace } from './helpers.js';

const run = promisify(execFile);

describe('serve with the config build used', () => {
  let workspace: Workspace | undefined;
  afterAll(() => workspace?.remove());

  it('treats the PDF build published as current and does not republish it', async () => {
    workspace = makeWorkspace({ hostile: false, invalid: false });
    writeFileSync(
      join(workspace.root, 'briefsmith.config.json'),
      JSON.stringify({ out: 'output', dataNotes: true }),
    );
    await run(process.execPath, [join(repoRoot, 'bin/briefsmith.js'), 'build'], { cwd: workspace.root });
    const built = readFileSync(join(workspace.outDir, 'cenersen.pdf'));

    const config = await resolveConfig({ cwd: workspace.root });
    const integrity = integrityFromConfig(config);
    const server = await startServer(workspace, {
      dataNotes: config.dataNotes,
      keep: config.keep,
      ...(integrity ? { integrity } : {}),
      logger: false,
    });
    try {
      const catalog = (await (await fetch(`${server.url}/v1/briefs`)).json()) as {
        briefs: { id: string; pdf: { current: boolean; version: number } }[];
      };
      expect(catalog.briefs.find((b) => b.id === 'cenersen')?.pdf).toMatchObject({
        current: true,
        version: 1,
      });
      const pdf = Buffer.from(await (await fetch(`${server.url}/v1/briefs/cenersen.pdf`)).arrayBuffer());
      expect(sha256(pdf)).toBe(sha256(built));
      const manifest = JSON.parse(readFileSync(join(workspace.outDir, 'manifest.json'), 'utf8'));
      expect(manifest.briefs[0].version).toBe(1);
    } finally {
      await server.close();
    }
  }, 120_000);
});
