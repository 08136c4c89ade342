// What a sighted keyboard user sees of the focus: the element that has it,
// its accessible name, and the focus indicator drawn for it — the outline's
// style, width and colour, and that colour's contrast with what it is drawn
// over (WCAG 2.4.7, and 1.4.11's 3:1 for a focus ring). A list with
// aria-activedescendant shows the ring on the active row, not on the list box,
// so the row is what is measured then.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export interface FocusIndicator {
  /** The element holding the focus (tag#id[data-testid]), or null when it is on <body>. */
  element: string | null;
  testId: string | null;
  role: string | null;
  /** Its name as the page gives it (aria-label, labelled text, or text content). */
  name: string;
  /** The element the ring is drawn on: the focused one, or its active descendant. */
  ringOn: string;
  outlineStyle: string;
  outlineWidth: number;
  outlineColor: string;
  boxShadow: string;
  /** What the ring is drawn over: the background outside (offset ≥ 0) or inside (offset < 0) the element. */
  background: string;
  /** Contrast of the outline's colour with that background (1 when there is no outline). */
  contrast: number;
  /** The ring's element is inside the viewport (at least partly). */
  inView: boolean;
}

/** Runs in the page: this project compiles without the DOM lib, hence the loose types. */
function measure(): FocusIndicator | null {
  /* eslint-disable @typescript-eslint/no-explicit-any */
  const w = globalThis as any;
  const doc = w.document;
  const active = doc.activeElement;
  if (!active || active === doc.body || active === doc.documentElement) return null;
  const describe = (el: any) =>
    `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.dataset?.testid ? `[data-testid=${el.dataset.testid}]` : ''}`;
  const descendantId = active.getAttribute('aria-activedescendant');
  const ring = (descendantId && doc.getElementById(descendantId)) || active;
  const style = w.getComputedStyle(ring);
  const parse = (c: string): number[] | null => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const parts = (m[1] as string)
      .split(/[\s,/]+/)
      .filter(Boolean)
      .map(Number);
    return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
  };
  const backgroundOf = (start: any): string => {
    for (let el = start; el; el = el.parentElement) {
      const bg = w.getComputedStyle(el).backgroundColor;
      const rgba = parse(bg);
      if (rgba && (rgba[3] ?? 0) > 0.5) return bg;
    }
    return w.getComputedStyle(doc.documentElement).backgroundColor || 'rgb(255, 255, 255)';
  };
  const luminance = (rgb: number[]) => {
    const [r, g, b] = rgb.slice(0, 3).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const offset = parseFloat(style.outlineOffset) || 0;
  const background = backgroundOf(offset < 0 ? ring : ring.parentElement);
  const outline = parse(style.outlineColor);
  const bg = parse(background) ?? [255, 255, 255, 1];
  const hasOutline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 && outline !== null;
  let contrast = 1;
  if (hasOutline && outline) {
    const [l1, l2] = [luminance(outline), luminance(bg)].sort((a, b) => b - a) as [number, number];
    contrast = Math.round(((l1 + 0.05) / (l2 + 0.05)) * 100) / 100;
  }
  const labelledBy = active.getAttribute('aria-labelledby');
  const name =
    active.getAttribute('aria-label') ??
    (labelledBy ? (doc.getElementById(labelledBy)?.textContent ?? '') : null) ??
    (active.labels?.[0]?.textContent || active.getAttribute('title') || active.textContent || '');
  const box = ring.getBoundingClientRect();
  return {
    element: describe(active),
    testId: active.dataset?.testid ?? null,
    role: active.getAttribute('role'),
    name: String(name).replace(/\s+/g, ' ').trim(),
    ringOn: describe(ring),
    outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth) || 0,
    outlineColor: style.outlineColor,
    boxShadow: style.boxShadow,
    background,
    contrast,
    inView: box.bottom > 0 && box.right > 0 && box.top < w.innerHeight && box.left < w.innerWidth,
  };
  /* eslint-enable @typescript-eslint/no-explicit-any */
}

export const focusIndicator = (page: Page): Promise<FocusIndicator | null> => page.evaluate(measure);

/**
 * The focus is somewhere (not on <body>), on screen, and drawn with an outline
 * (which forced-colors mode keeps, unlike a box-shadow) at least 2 px wide and
 * of at least 3:1 contrast with what it is drawn over.
 */
export async function expectVisibleFocus(page: Page, step: string): Promise<FocusIndicator> {
  const focus = await focusIndicator(page);
  expect(focus, `${step}: the focus is on the page's body`).not.toBeNull();
  const f = focus as FocusIndicator;
  const seen = `${step}: ${JSON.stringify(f)}`;
  expect(f.outlineStyle, seen).not.toBe('none');
  expect(f.outlineWidth, seen).toBeGreaterThanOrEqual(2);
  expect(f.contrast, seen).toBeGreaterThanOrEqual(3);
  expect(f.inView, seen).toBe(true);
  return f;
}

/**
 * Presses Tab (Shift+Tab with `back`) until `done` holds for the focused
 * element, failing after `max` presses. With `check`, every stop on the way
 * must show its focus (expectVisibleFocus).
 */
export async function tabUntil(
  page: Page,
  done: (focus: FocusIndicator) => boolean,
  {
    max = 60,
    back = false,
    step = 'tab',
    check = false,
  }: { max?: number; back?: boolean; step?: string; check?: boolean } = {},
): Promise<FocusIndicator> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const focus = check
      ? await expectVisibleFocus(page, `${step}, stop ${i + 1} after ${seen.join(' → ') || 'the start'}`)
      : await focusIndicator(page);
    if (focus && done(focus)) return focus;
    seen.push(focus ? `${focus.element} "${focus.name}"` : 'body');
  }
  throw new Error(`${step}: not reached in ${max} presses of Tab; went through ${seen.join(' → ')}`);
}
