// Debian's Chromium, driven by playwright-core: never a downloaded browser.

import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath() {
  return process.env.CHROMIUM_BIN || '/usr/bin/chromium';
}

/**
 * Launches a fresh browser: playwright-core gives every launch its own new, temporary
 * user-data-dir (deleted on close), so no profile, cookie or cache survives a journey.
 */
export async function launchBrowser() {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(
      `no Chromium at ${executablePath}: install Debian's (apt-get install -y chromium) ` +
        'or set CHROMIUM_BIN',
    );
  }
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}
