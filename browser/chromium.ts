/**
 * The browser suites' plumbing (not a test file): the system Chromium driven by playwright-core
 * (which never downloads a browser), started headless with a fresh profile and without any
 * background networking, and a page watcher that collects console errors, uncaught exceptions and
 * every request the page makes.
 *
 * - `PLACEMENT_CHROMIUM`: the browser binary (default `/usr/bin/chromium`, Debian's `chromium`).
 *   Without it the suites report their tests as skipped, with the command that installs it.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Where the browser is looked for. */
export const chromiumPath = process.env['PLACEMENT_CHROMIUM'] ?? '/usr/bin/chromium';

/** Is there a browser to run the suites in? */
export const hasChromium = existsSync(chromiumPath);

/** Printed once by a suite that skips its tests. */
export const skipNotice = `browser tests skipped: no Chromium at ${chromiumPath} (install it with: apt-get install -y chromium; or set PLACEMENT_CHROMIUM)`;

/** Headless, no sandbox (CI runs as root), no GPU, and nothing that reaches the network on its own. */
const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A running browser with a fresh profile; `close` also deletes the profile. */
export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Starts the system Chromium with a new, empty user-data-dir. */
export async function startChromium(viewport = { width: 1280, height: 800 }): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'placement-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, headless: true, args: flags, viewport });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** What a page did that a test checks: console errors, uncaught exceptions, requested URLs. */
export interface PageWatch {
  readonly errors: string[];
  readonly requests: string[];
}

/** Records the page's console errors, page errors and requests from now on. */
export function watch(page: Page): PageWatch {
  const result: PageWatch = { errors: [], requests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') result.errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => result.errors.push(`uncaught: ${error.message}`));
  page.on('request', (request) => result.requests.push(request.url()));
  return result;
}
