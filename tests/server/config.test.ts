/**
 * `serve` and `build` agree: with the same config (here: the data-notes appendix on), a PDF that
 * `build` published is current for the server, which serves it as is instead of republishing.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/load.js';
import { integrityFromConfig } from '../../src/integrity/config.js';
import { sha256 } from '../../src/publish/manifest.js';
import { makeWorkspace, postBrief, repoRoot, startServer, type Workspace } from './helpers.js';
import { parsePdf } from '../helpers/pdf.js';

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

  it('keeps a rollback as build does: the rolled-back PDF is current and served, not rebuilt', async () => {
    const rolled = makeWorkspace({ hostile: false, invalid: false });
    try {
      const cli = (...args: string[]) =>
        run(process.execPath, [join(repoRoot, 'bin/briefsmith.js'), ...args, '--out', rolled.outDir], {
          cwd: rolled.root,
        });
      const brief = join(rolled.dataDir, 'cenersen.yaml');
      await cli('build', rolled.dataDir);
      const first = readFileSync(join(rolled.outDir, 'cenersen.pdf'));
      writeFileSync(
        brief,
        readFileSync(brief, 'utf8').replace("title: 'The Efficacy", "title: 'Revised: The Efficacy"),
      );
      await cli('build', rolled.dataDir);
      await cli('rollback', 'cenersen');

      const server = await startServer(rolled, { logger: false });
      try {
        const catalog = (await (await fetch(`${server.url}/v1/briefs`)).json()) as {
          briefs: { id: string; pdf: { current: boolean; version: number } }[];
        };
        expect(catalog.briefs.find((b) => b.id === 'cenersen')?.pdf).toMatchObject({
          current: true,
          version: 1,
        });
        const pdf = Buffer.from(await (await fetch(`${server.url}/v1/briefs/cenersen.pdf`)).arrayBuffer());
        expect(sha256(pdf)).toBe(sha256(first));
        const manifest = JSON.parse(readFileSync(join(rolled.outDir, 'manifest.json'), 'utf8'));
        expect(manifest.briefs[0]).toMatchObject({ version: 1, rolledBack: { from: 2 } });
      } finally {
        await server.close();
      }
    } finally {
      rolled.remove();
    }
  }, 120_000);

  it('renders with the templates it read at start-up, as its hashes do, not files edited since', async () => {
    const edited = makeWorkspace({ hostile: false, invalid: false });
    try {
      const templatesDir = join(edited.root, 'templates');
      mkdirSync(templatesDir);
      const entry = join(templatesDir, 'brief.hbs');
      writeFileSync(entry, readFileSync(join(repoRoot, 'templates/brief.hbs'), 'utf8'));
      const server = await startServer(edited, { templatesDir, logger: false });
      try {
        writeFileSync(entry, `Edited after start-up.\n\n${readFileSync(entry, 'utf8')}`);
        const response = await postBrief(
          server.url,
          readFileSync(join(edited.dataDir, 'cenersen.yaml'), 'utf8'),
        );
        expect(response.status).toBe(200);
        const pdf = await parsePdf(new Uint8Array(await response.arrayBuffer()));
        expect(pdf.text).not.toContain('Edited after start-up');
        expect(pdf.text).toContain('Mechanism of Action');
      } finally {
        await server.close();
      }
    } finally {
      edited.remove();
    }
  }, 120_000);

  it('answers 503 with Retry-After while another process holds the output folder, then publishes', async () => {
    const busy = makeWorkspace({ hostile: false, invalid: false });
    const holder = spawn('sleep', ['60']); // a live process that "owns" the folder
    try {
      const { mkdirSync } = await import('node:fs');
      mkdirSync(busy.outDir, { recursive: true });
      writeFileSync(join(busy.outDir, '.briefsmith.lock'), `${holder.pid}\n`);
      const server = await startServer(busy, { logger: false });
      try {
        const blocked = await fetch(`${server.url}/v1/briefs/cenersen.pdf`);
        expect(blocked.status).toBe(503);
        expect(blocked.headers.get('retry-after')).toBe('10');
        expect(((await blocked.json()) as { error: string }).error).toBe('output-busy');
        holder.kill('SIGKILL');
        await new Promise((resolve) => holder.once('exit', resolve));
        const served = await fetch(`${server.url}/v1/briefs/cenersen.pdf`);
        expect(served.status).toBe(200); // the lock of a dead process is taken over
      } finally {
        await server.close();
      }
    } finally {
      holder.kill('SIGKILL');
      busy.remove();
    }
  }, 120_000);
});
