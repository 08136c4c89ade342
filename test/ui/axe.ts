// axe-core on the screens of the Chromium suite: every screen a UI test shows
// is checked against WCAG 2.1 A and AA, and a serious or critical violation
// fails the test that showed it. Moderate and minor ones are kept in the
// report (test-artifacts/axe/<screen>.json) for a human to weigh.
//
// The mail frame: what a message's HTML says (its contrast, its headings, its
// tables, its missing alt texts) is the sender's, not ours, and we show it as
// sent, sanitised but not rewritten. So the frame's *content* is left out of the
// check (it also runs no script: axe could not run in it anyway), while the
// <iframe> element itself — its title, its place in the page — is ours and is
// checked with the rest. The sanitiser's own tests (mail-safety, xss-corpus)
// answer for what reaches the frame.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { AxeResults, Result } from 'axe-core';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { repoRoot } from './renderer-build.ts';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const AXE_REPORTS = join(repoRoot, 'test-artifacts/axe');

const BLOCKING = new Set(['serious', 'critical']);

/** One line per failing element: what rule, how bad, where, and what to do. */
export function describeViolations(violations: Result[]): string[] {
  return violations.flatMap((v) =>
    v.nodes.map(
      (n) =>
        `${v.impact ?? '?'} ${v.id} at ${JSON.stringify(n.target)}: ${v.help} — ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`,
    ),
  );
}

/**
 * Runs axe on the page as it is now (WCAG 2.1 A/AA), in the app's document only.
 *
 * `iframes: false` and AxeBuilder's legacy mode (one axe.run in the page, no
 * axe.runPartial in each frame): the only frames are the senders' (above),
 * which run no script, so axe could never answer from inside one, and the
 * per-frame mode waits for that answer without end. The <iframe> elements are
 * in the app's document and are checked like everything else.
 */
export async function runAxe(page: Page): Promise<AxeResults> {
  return new AxeBuilder({ page })
    .options({ runOnly: { type: 'tag', values: AXE_TAGS }, iframes: false })
    .setLegacyMode(true)
    .analyze();
}

/**
 * Checks the screen with axe and fails on any serious or critical violation,
 * naming each one. Writes the whole list (with the moderate and minor ones) to
 * test-artifacts/axe/<screen>.json. Returns the results for further checks.
 */
export async function expectAccessible(page: Page, screen: string): Promise<AxeResults> {
  const results = await runAxe(page);
  mkdirSync(AXE_REPORTS, { recursive: true });
  const summary = {
    screen,
    url: results.url,
    passes: results.passes.length,
    violations: results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target),
    })),
  };
  writeFileSync(join(AXE_REPORTS, `${screen}.json`), `${JSON.stringify(summary, null, 2)}\n`);
  const blocking = results.violations.filter((v) => BLOCKING.has(v.impact ?? ''));
  expect(describeViolations(blocking), `axe on "${screen}"`).toEqual([]);
  // axe checked something: a page that failed to render would pass every rule vacuously.
  expect(results.passes.length, `axe on "${screen}" found nothing to check`).toBeGreaterThan(0);
  return results;
}
