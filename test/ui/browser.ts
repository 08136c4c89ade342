// Headless Debian Chromium for the UI tests (no Playwright browser download).
import { chromium, type Browser } from 'playwright-core';
import { clockShifted, realClockEnv } from '../support/real-clock-env.ts';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * Playwright's launch() gives every browser a fresh temporary profile.
 *
 * When the tests run with a shifted wall clock (scripts/test-shifted.sh: libfaketime in LD_PRELOAD),
 * Chromium itself cannot run under libfaketime (its zygote fails), so it is started on the real
 * clock and every context it opens gets Playwright's clock set to this process's (shifted) now:
 * the renderer and the services then agree on the date, as they do in the app.
 */
export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, env: realClockEnv() });
  if (clockShifted()) {
    const newContext = browser.newContext.bind(browser);
    browser.newContext = async (options) => {
      const context = await newContext(options);
      await context.clock.install({ time: Date.now() });
      return context;
    };
  }
  return browser;
}

/** What a Vietnamese unit's desktop looks like: 1280×800, vi-VN, Indochina time. */
export const CONTEXT_OPTIONS = {
  viewport: { width: 1280, height: 800 },
  locale: 'vi-VN',
  timezoneId: 'Asia/Ho_Chi_Minh',
} as const;
