// bench:ui — the first render of the History view with 10,000 runs, measured in Chromium through
// the harness against the real services: from the click on "History" in the sidebar to the first
// frame painted with real rows (the request for the first page included). Five cold mounts; the
// median is the figure. Last line: `history-render: <ms> ms for 10000 runs` (goal ≤ 200 ms).
// First it prints the size of the window's JavaScript: `renderer-bundle: <kB> kB (<kB> kB gzip)`
// (goal: under 300 kB, under 100 kB gzip; scripts/renderer-bundle-size.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from '../test/e2e/support/browser';
import { ensureRendererBuilt } from '../test/e2e/support/built-renderer';
import { defaultRendererDir, startHarness } from '../test/support/harness/server';
import { seedConnectedDataDir } from '../test/support/harness/seed-history';
import { hasBinary } from '../test/support/requires';
import { formatBundleLine, rendererBundleSize } from './renderer-bundle-size';

const runs = 10_000;
const rounds = 5;

/**
 * Runs in the page: click History, resolve after the first painted frame that shows real rows.
 * Kept as text: tsx would add helpers to a compiled function that do not exist in the page.
 */
const measureInPage = `new Promise((resolve, reject) => {
  const start = performance.now();
  const ready = () => document.querySelector('.history-scroll [role=row] .row-toggle');
  const observer = new MutationObserver(() => {
    if (!ready()) return;
    observer.disconnect();
    // Wait for the frame that paints the rows, not just the DOM change.
    requestAnimationFrame(() => setTimeout(() => {
      const total = performance.now() - start;
      // The first history.list request after the click: how long the app took to answer it.
      const request = performance.getEntriesByType('resource').find((e) => e.name.includes('/api/history.list') && e.startTime >= start);
      resolve({ total, answer: request ? request.responseEnd - request.startTime : NaN });
    }, 0));
  });
  observer.observe(document.body, { childList: true, subtree: true });
  setTimeout(() => reject(new Error('the History rows did not appear within 10 s')), 10000);
  const history = [...document.querySelectorAll('.sidebar-item')].find((b) => b.textContent.includes('History'));
  if (!history) return reject(new Error('no History item in the sidebar'));
  history.click();
})`;

async function main(): Promise<void> {
  ensureRendererBuilt();
  console.log(formatBundleLine(rendererBundleSize(defaultRendererDir)));
  if (!hasBinary('/usr/bin/chromium')) throw new Error('bench:ui needs Chromium at /usr/bin/chromium (apt install chromium).');
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-ui-'));
  await seedConnectedDataDir(dataDir, runs);
  const harness = await startHarness({ dataDir, port: 0, env: {}, schedule: false, log: () => undefined });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const timings: number[] = [];
    const answers: number[] = [];
    for (let round = 0; round < rounds; round++) {
      await page.goto('about:blank');
      await page.goto(`${harness.url}#/status`);
      await page.getByRole('heading', { name: 'Status', level: 1 }).waitFor();
      const { total, answer } = (await page.evaluate(measureInPage)) as { total: number; answer: number };
      const shown = await page.locator('.history-scroll [role=row]').count();
      console.log(`round ${round + 1}: ${total.toFixed(1)} ms, of which ${answer.toFixed(1)} ms waiting for history.list (${shown} rows in the page of ${runs})`);
      timings.push(total);
      answers.push(answer);
    }
    timings.sort((a, b) => a - b);
    const median = timings[Math.floor(timings.length / 2)];
    answers.sort((a, b) => a - b);
    const answerMedian = answers[Math.floor(answers.length / 2)];
    console.log(`min ${timings[0].toFixed(1)} ms · max ${timings[timings.length - 1].toFixed(1)} ms · goal ≤ 200 ms`);
    console.log(`median wait for the first page from the services: ${answerMedian.toFixed(1)} ms; the window's own work: ${(median - answerMedian).toFixed(1)} ms`);
    console.log(`history-render: ${Math.round(median)} ms for ${runs} runs`);
  } finally {
    await browser.close();
    await harness.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
