/**
 * The catalog page in a real browser: Debian's chromium (installed by .ci/run from
 * .ci/apt-packages.txt; never downloaded by playwright) opens /, sees every brief, follows a
 * download link and gets a valid PDF. The page has no JavaScript; the browser proves it works.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hostileTitle,
  makeWorkspace,
  pdfPageCount,
  referenceTitle,
  startServer,
  startsWithPdfHeader,
  type RunningServer,
  type Workspace,
} from './helpers.js';

const chromiumPath = '/usr/bin/chromium';

describe('catalog page in chromium', () => {
  let workspace: Workspace;
  let running: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    workspace = makeWorkspace();
    running = await startServer(workspace);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await running?.close();
    workspace?.remove();
  });

  it('lists every brief and downloads a valid PDF from its link', { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ acceptDownloads: true, javaScriptEnabled: false });
    const page = await context.newPage();
    const response = await page.goto(`${running.url}/`);
    expect(response?.status()).toBe(200);
    expect(await page.title()).toBe('Briefs');

    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBe(3);
    const tableText = await page.locator('tbody').innerText();
    for (const title of [referenceTitle, hostileTitle, 'broken']) expect(tableText).toContain(title);
    expect(await page.locator('script').count()).toBe(0);

    const row = rows.filter({ hasText: referenceTitle });
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      row.getByRole('link', { name: 'Download PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(
      'The Efficacy of Cenersen in Hematological Malignancies A Comparative Analysis.pdf',
    );
    const saved = join(workspace.root, 'downloaded.pdf');
    await download.saveAs(saved);
    const bytes = readFileSync(saved);
    expect(startsWithPdfHeader(bytes)).toBe(true);
    expect(await pdfPageCount(bytes)).toBeGreaterThan(1);

    await page.goto(`${running.url}/`);
    expect(await rows.filter({ hasText: referenceTitle }).innerText()).toMatch(/\d+\.\d KB/);
    await page.getByRole('link', { name: 'broken' }).click();
    expect(await page.locator('h2').innerText()).toBe('Diagnostics');
    expect(await page.locator('tbody tr').count()).toBeGreaterThan(0);
    await context.close();
  });
});
