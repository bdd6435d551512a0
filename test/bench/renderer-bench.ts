import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { startHost } from '../host/server.ts';

const RENDERER_DIR = path.resolve(import.meta.dirname, '../../out/renderer');
const LOADS = 9;

/**
 * Runs in the page before any of its scripts: notes the moment (ms since navigation start) the phone
 * field exists and accepts typing. React attaches its event handlers before it first renders, so a
 * field in the document is a field that works.
 */
const MARK_INTERACTIVE = `
  const ready = () => {
    const field = document.getElementById('send-phone');
    return field !== null && !field.disabled && !field.readOnly;
  };
  new MutationObserver((_, observer) => {
    if (!ready()) return;
    globalThis.__tgcodeInteractiveAt = performance.now();
    observer.disconnect();
  }).observe(document, { childList: true, subtree: true, attributes: true });
`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function jsFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.js')).map((entry) => path.join(entry.parentPath, entry.name));
}

/** The built renderer (run `npm run build` first): time to an interactive send form, and its JS weight. */
export async function benchRenderer(): Promise<Record<string, number>> {
  let raw = 0;
  let gzip = 0;
  for (const file of await jsFiles(RENDERER_DIR)) {
    const bytes = await readFile(file);
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }

  const host = await startHost({ env: {} });
  // The first run answered (main keeps it in settings.json), so every load opens on the send form.
  await host.core.handlers['settings:update']({ mode: 'sandbox' });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const samples: number[] = [];
  try {
    const context = await browser.newContext();
    await context.addInitScript({ content: MARK_INTERACTIVE });
    for (let load = 0; load < LOADS; load++) {
      const page = await context.newPage();
      await page.goto(host.url, { waitUntil: 'commit' });
      const mark = await page.waitForFunction(() => (globalThis as { __tgcodeInteractiveAt?: number }).__tgcodeInteractiveAt, undefined, { timeout: 10_000 });
      samples.push((await mark.jsonValue()) as number);
      await page.close();
    }
  } finally {
    await browser.close();
    await host.close();
  }
  const round = (value: number) => Math.round(value * 10) / 10;
  console.log(`renderer interactive (ms, ${LOADS} loads): ${samples.map(round).join(', ')}`);
  return {
    renderer_interactive_ms: round(median(samples)),
    renderer_js_kb: round(raw / 1024),
    renderer_js_gzip_kb: round(gzip / 1024),
  };
}
