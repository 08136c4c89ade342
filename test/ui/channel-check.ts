// "Did the page ask for X?" needs a point after which anything the page did has reached the bridge.
import type { Page } from 'playwright-core';
import type { Bridge } from './bridge.ts';

/**
 * Lets the page render a frame and run what was queued, then makes one bridge call from it and waits
 * for the answer: page-to-bridge calls arrive in order, so every call the page made before is in
 * bridge.calls by then. Throws if that call itself never showed up (the check would prove nothing).
 */
export async function channelCheck(page: Page, bridge: Bridge): Promise<void> {
  const since = bridge.calls.length;
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))');
  await page.evaluate(() =>
    (
      globalThis as unknown as { unitMailbox: { accounts: { list(i: object): Promise<unknown> } } }
    ).unitMailbox.accounts.list({}),
  );
  if (!bridge.calls.slice(since).some((c) => c.channel === 'accounts.list'))
    throw new Error('channelCheck: the control call never reached the bridge');
}
