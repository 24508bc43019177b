/**
 * Real headless Chromium for the dashboard's browser tests: Debian's `chromium` driven by `playwright-core` (its own
 * browser download cannot reach the internet here), a fresh profile per launch, and launch flags that keep it from
 * calling Google. Without Chromium the browser tests skip, saying so once, loudly.
 */
import { existsSync } from 'node:fs';
import { type BrowserContext, chromium } from 'playwright-core';

/** HALLWAY_CHROMIUM points at another Chromium binary; Debian's package installs /usr/bin/chromium. */
export const CHROMIUM_PATH = process.env.HALLWAY_CHROMIUM ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM_PATH);

/** The one line a run without Chromium prints, so that skipped browser tests are never silent. */
export function warnWithoutChromium(): void {
  if (HAS_CHROMIUM) return;
  console.warn(
    `\n*** BROWSER TESTS SKIPPED: no Chromium at ${CHROMIUM_PATH}. Install it (sudo apt-get install -y chromium, as .ci/run does) or set HALLWAY_CHROMIUM to a Chromium binary, then run: npx vitest run test/browser ***\n`,
  );
}

/** The host name of the pretend chat client's page: another site than the dashboard's 127.0.0.1. */
export const CHAT_HOST = 'chat.test';

export const DESKTOP = { width: 1280, height: 900 } as const;
export const PHONE = { width: 390, height: 844 } as const;

export interface Browser {
  /** A new window with its own cookies, like another browser or another person. */
  context(viewport?: { width: number; height: number }): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  // `launch` gives Chromium a fresh user-data dir of its own (a new temporary profile, removed on close).
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // The chat client's page lives on another site, as Slack's and Discord's do.
      `--host-resolver-rules=MAP ${CHAT_HOST} 127.0.0.1`,
    ],
  });
  return {
    context: (viewport = DESKTOP) => browser.newContext({ viewport, acceptDownloads: true }),
    close: () => browser.close(),
  };
}
