import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../sdk/config/index.ts';
import { prepareWorkbench, type RunningLab, startLab } from '../../sdk/notebook/index.ts';

const root = join(import.meta.dirname, '..', '..');
/** Debian's chromium (apt-get install chromium); the check is skipped where it is missing, outside CI. */
const CHROMIUM = process.env.KOL_CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
/** `KOL_SCREENSHOT=docs` refreshes the committed screenshot; otherwise it goes next to the executed runs. */
const screenshot =
  process.env.KOL_SCREENSHOT === 'docs' ? join(root, 'docs', 'workbench.png') : join(root, '.kol', 'jupyter', 'workbench.png');

let lab: RunningLab | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  if (!haveChromium) return;
  const wb = await prepareWorkbench(resolveConfig({ cwd: root, allowMissingSecrets: true }), root);
  // A copy, so that Lab's autosave never writes outputs into the committed notebook.
  mkdirSync(join(wb.paths.notebooksDir, 'runs'), { recursive: true });
  copyFileSync(join(wb.paths.notebooksDir, '01_explore_world.ipynb'), join(wb.paths.notebooksDir, 'runs', '01_explore_world.ipynb'));
  lab = await startLab(wb.paths, { openBrowser: false });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await lab?.stop();
});

describe.skipIf(!haveChromium && process.env.CI !== 'true')('notebook 01 in Jupyter Lab in headless Chromium', () => {
  it('runs every cell with the tslab kernel and draws the plotly charts', async () => {
    if (!lab || !browser) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (or set KOL_CHROMIUM)`);
    const page = await browser.newPage({ viewport: { width: 1440, height: 1100 } });
    await page.goto(`${lab.url}/lab/tree/runs/01_explore_world.ipynb?token=${lab.token}`);
    await page.locator('.jp-NotebookPanel .jp-Cell').first().waitFor({ timeout: 180_000 });
    // The kernel named in the notebook's metadata starts by itself; wait until it is idle.
    await page.getByText('TypeScript (kol-sdk) | Idle').waitFor({ timeout: 180_000 });
    await page.locator('.lm-MenuBar-itemLabel', { hasText: /^Run$/ }).click();
    await page.locator('.lm-Menu-itemLabel', { hasText: /^Run All Cells$/ }).click();
    // Lab may still ask which kernel to use (its session start races the first run): the project's.
    const dialog = page.locator('.jp-Dialog');
    if (await dialog.isVisible()) {
      await dialog.locator('select').selectOption({ label: 'TypeScript (kol-sdk)' });
      await dialog.getByRole('button', { name: 'Select' }).click();
    }
    // Four figures in the notebook, each drawn by the plotly renderer; every code cell numbered once run.
    // (an expression string: it runs in the page, where the DOM is, not in this test's Node types)
    await page.waitForFunction(
      `document.querySelectorAll('.js-plotly-plot').length >= 4 &&
       [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].every((p) => /\\[\\d+\\]/.test(p.textContent ?? ''))`,
      undefined,
      { timeout: 300_000 },
    );
    const drawn = await page.locator('svg.main-svg').count();
    expect(drawn).toBeGreaterThanOrEqual(4);
    const errors = await page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').count();
    expect(errors).toBe(0);
    await page.locator('.js-plotly-plot').first().scrollIntoViewIfNeeded();
    mkdirSync(join(screenshot, '..'), { recursive: true });
    await page.screenshot({ path: screenshot });
    expect(existsSync(screenshot)).toBe(true);
  }, 600_000);
});
