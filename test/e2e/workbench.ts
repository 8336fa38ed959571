/**
 * Driving VS Code's workbench (code-server in headless Chromium) the way a person does: keyboard shortcuts,
 * Quick Open, the Problems panel, the command palette, hovers and webviews. Selectors are VS Code's own
 * (`.monaco-workbench`, `.markers-panel`, `.quick-input-widget`, `.monaco-hover`); see
 * docs/editor-hosts.md for what was measured.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';

export const RESULTS_DIR = join(__dirname, '../../test-results/e2e');

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

export async function waitForWorkbench(page: Page): Promise<void> {
  await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
  // The explorer shows the folder once the remote connection is up.
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 90_000 });
}

/** Quick Open (Ctrl+P), type the workspace-relative path, Enter; resolves when its editor tab is active. */
export async function openFile(page: Page, relativePath: string): Promise<void> {
  const name = relativePath.split('/').pop()!;
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(relativePath);
  // Wait until the first pick is the file, so Enter does not open another match.
  await page.locator('.quick-input-list .monaco-list-row').first().filter({ hasText: name }).waitFor({ timeout: 20_000 });
  await page.keyboard.press('Enter');
  await page.locator(`.tabs-container .tab.active[aria-label*="${name}"]`).waitFor({ timeout: 20_000 });
}

/** Shows the Problems panel and resolves with its text once `accept` holds for it. */
export async function problemsText(page: Page, accept: (text: string) => boolean, timeoutMs = 30_000): Promise<string> {
  if (!(await page.locator('.markers-panel').isVisible())) await page.keyboard.press('Control+Shift+M');
  const panel = page.locator('.markers-panel');
  await panel.waitFor({ state: 'visible' });
  const deadline = Date.now() + timeoutMs;
  let text = '';
  for (;;) {
    text = await panel.innerText();
    if (accept(text)) return text;
    if (Date.now() > deadline) throw new Error(`the Problems panel never showed what was expected; it shows:\n${text}`);
    await page.waitForTimeout(250);
  }
}

/**
 * Types `text` into the Problems panel's filter box (the list is virtualized: only rows in view exist, so a
 * long list must be filtered to see a given problem). Commas separate patterns there, so pass none.
 */
export async function filterProblems(page: Page, text: string): Promise<void> {
  if (!(await page.locator('.markers-panel').isVisible())) await page.keyboard.press('Control+Shift+M');
  const filter = page.locator('.part.panel input[placeholder^="Filter"]').first();
  await filter.waitFor({ state: 'visible' });
  await filter.fill(text);
}

/** Hides the bottom panel (Problems, Output…) when it is showing: Ctrl+J toggles it. */
export async function hidePanel(page: Page): Promise<void> {
  const panel = page.locator('.part.panel');
  if (await panel.isVisible()) {
    await page.keyboard.press('Control+J');
    await panel.waitFor({ state: 'hidden' });
  }
}

/** Opens the command palette (F1), types `query`, and returns the labels of the commands offered. */
export async function commandPalette(page: Page, query: string): Promise<string[]> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${query}`);
  const rows = page.locator('.quick-input-list .monaco-list-row');
  await rows.first().waitFor({ timeout: 20_000 });
  await page.waitForTimeout(300); // the list settles after filtering
  return (await rows.allInnerTexts()).map((text) => text.split('\n')[0]!.trim());
}

/** Hovers the mouse over the first occurrence of `text` in the active editor; resolves with the hover's text. */
export async function hoverText(page: Page, text: string, accept: (hover: string) => boolean = (h) => h.length > 0): Promise<string> {
  const editor = page.locator('.editor-group-container.active .monaco-editor .view-lines');
  const token = editor.locator('span span', { hasText: text }).first();
  await token.waitFor({ timeout: 20_000 });
  const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content, .monaco-resizable-hover .hover-contents');
  const deadline = Date.now() + 30_000;
  for (;;) {
    await token.hover();
    await page.waitForTimeout(300);
    await token.hover({ position: { x: 3, y: 3 } });
    try {
      await hover.first().waitFor({ state: 'visible', timeout: 3000 });
      const shown = (await hover.allInnerTexts()).join('\n');
      if (accept(shown)) return shown;
    } catch {
      // not shown yet: the language server may still be starting
    }
    if (Date.now() > deadline) throw new Error(`no hover accepted over "${text}"`);
    await page.mouse.move(5, 5);
    await page.waitForTimeout(500);
  }
}

/**
 * The frame holding a webview's own document. VS Code nests it: an outer iframe served from
 * `webview/browser/pre/index.html`, and inside it the content frame. Resolves with the first frame under a
 * `pre/` frame whose body text satisfies `accept`.
 */
export async function webviewFrame(
  page: Page,
  accept: (bodyText: string) => boolean,
  timeoutMs = 30_000,
): Promise<{ frame: Frame; text: string }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      const parent = frame.parentFrame();
      if (!parent || !parent.url().includes('webview/browser/pre/')) continue;
      const text = await frame
        .locator('body')
        .innerText({ timeout: 1000 })
        .catch(() => '');
      if (accept(text)) return { frame, text };
    }
    if (Date.now() > deadline) throw new Error(`no webview frame showed the expected content within ${timeoutMs} ms`);
    await page.waitForTimeout(300);
  }
}
