import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** A device descriptor without its browser choice (a describe block cannot switch browsers). */
export function withoutBrowserType<T extends { defaultBrowserType: string }>(
  descriptor: T,
): Omit<T, 'defaultBrowserType'> {
  const copy: Partial<T> = { ...descriptor };
  delete copy.defaultBrowserType;
  return copy as Omit<T, 'defaultBrowserType'>;
}

/** WCAG 2.5.5 (AAA): a pointer target is at least 44 by 44 CSS pixels. */
export const MIN_TARGET_PX = 44;

export interface Offender {
  what: string;
  width: number;
  height: number;
}

/**
 * Controls on screen smaller than 44×44 px. Links inside running text are the criterion's
 * "inline" exception, except footnote marks and their way back, which are tapped on their own.
 * A checkbox inside its label counts as the label (the whole label is the target).
 */
export function smallTapTargets(page: Page): Promise<Offender[]> {
  return page.evaluate((min) => {
    const selector =
      'button, a[href], input:not([type="hidden"]), select, textarea, summary, [role="option"], [tabindex="0"]';
    const offenders: { what: string; width: number; height: number }[] = [];
    for (const element of document.querySelectorAll<HTMLElement>(selector)) {
      if (element.closest('[hidden], .visually-hidden, .skip-link, details:not([open]) > :not(summary)')) continue;
      const style = window.getComputedStyle(element);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      const inProse = element.closest('.document-body') && element.tagName === 'A';
      if (inProse && !element.matches('[data-footnote-ref], [data-footnote-backref]')) continue;
      const target = (element instanceof HTMLInputElement ? element.closest('label') : null) ?? element;
      const rect = target.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) continue; // Not rendered (a closed panel, display: none above).
      if (rect.width < min - 0.5 || rect.height < min - 0.5) {
        const name = (element.getAttribute('aria-label') ?? element.textContent).trim().slice(0, 40);
        offenders.push({ what: `${element.tagName.toLowerCase()} "${name}"`, width: rect.width, height: rect.height });
      }
    }
    return offenders;
  }, MIN_TARGET_PX);
}

/**
 * Sideways overflow: the page itself must not scroll sideways (document.scrollingElement), and
 * no visible element may reach past either edge of the screen (which the app's own scroll boxes
 * would otherwise hide from the first measure).
 */
export function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number; past: string[] }> {
  return page.evaluate(() => {
    const past: string[] = [];
    const width = window.innerWidth;
    for (const element of document.querySelectorAll<HTMLElement>('body *')) {
      // The body of a closed <details> is not shown, though Chromium may keep a stale box for it.
      if (element.closest('[hidden], .visually-hidden, .skip-link, .sr-only, dialog:not([open])')) continue;
      if (element.closest('details:not([open]) > :not(summary)')) continue;
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      // Inside a box that scrolls sideways on purpose (a wide table in a document): not the page.
      const scroller = element.parentElement?.closest<HTMLElement>('.document-body table, .document-body pre');
      if (scroller) continue;
      if (rect.right > width + 1 || rect.left < -1) {
        past.push(
          `${element.tagName.toLowerCase()}.${element.className} [${Math.round(rect.left)}, ${Math.round(rect.right)}]`,
        );
      }
    }
    return { scrollWidth: document.scrollingElement?.scrollWidth ?? 0, innerWidth: width, past: past.slice(0, 10) };
  });
}

/** The ids of the rules of an axe run that belong to its colour category (their answer depends on the palette). */
function colourRulesOf(result: Awaited<ReturnType<AxeBuilder['analyze']>>): string[] {
  const rules = [...result.passes, ...result.violations, ...result.incomplete, ...result.inapplicable];
  return [...new Set(rules.filter((rule) => rule.tags.includes('cat.color')).map((rule) => rule.id))];
}

/**
 * axe-core on the page as it is, in the light theme and in the dark one (restoring the choice
 * after). The dark theme only swaps the palette's CSS custom properties (styles.css) on the same
 * DOM, set here by the check itself, so the dark pass runs only the colour rules the light pass
 * ran (colour contrast, links told apart in text): every other rule reads the same elements,
 * names and roles and answers the same. In legacy mode axe runs inside the page instead of
 * finishing in a blank page it opens for cross-origin frames, which the app has none of. Both
 * halve the time the checks spent in axe (2 full runs took 5.7 s a view, these 2.9 s), with the
 * same rules and the same answers.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const found: string[] = [];
  let colourRules: string[] | null = null;
  for (const theme of ['light', 'dark'] as const) {
    const previous = await page.evaluate((next) => {
      const root = document.documentElement;
      const before = root.dataset.theme ?? null;
      root.dataset.theme = next;
      return before;
    }, theme);
    const builder = new AxeBuilder({ page }).setLegacyMode(true);
    const result = await (colourRules === null ? builder : builder.withRules(colourRules)).analyze();
    if (colourRules === null) {
      colourRules = colourRulesOf(result);
      expect(colourRules, 'axe names its colour-contrast rule in the colour category').toContain('color-contrast');
    }
    for (const violation of result.violations) {
      found.push(
        `[${theme}] ${violation.id} (${violation.impact ?? '?'}): ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`,
      );
    }
    await page.evaluate((before) => {
      if (before === null) delete document.documentElement.dataset.theme;
      else document.documentElement.dataset.theme = before;
    }, previous);
  }
  return found;
}

export interface ViewReport {
  view: string;
  width: number;
  overflow: number;
  smallTargets: number;
  axe: number;
}

/** Every check of one view at the current size; the report line goes to the test's output. */
export async function checkView(page: Page, view: string): Promise<ViewReport> {
  const overflow = await horizontalOverflow(page);
  expect.soft(overflow.past, `${view}: elements past the screen's edge`).toEqual([]);
  expect.soft(overflow.scrollWidth, `${view}: the page scrolls sideways`).toBeLessThanOrEqual(overflow.innerWidth);
  const small = await smallTapTargets(page);
  expect.soft(small, `${view}: tap targets under 44 px`).toEqual([]);
  const violations = await axeViolations(page);
  expect.soft(violations, `${view}: axe violations`).toEqual([]);
  const report = {
    view,
    width: overflow.innerWidth,
    overflow: overflow.past.length,
    smallTargets: small.length,
    axe: violations.length,
  };
  console.log(
    `view ${view} @${report.width}px: overflow ${report.overflow}, small targets ${report.smallTargets}, axe ${report.axe}`,
  );
  return report;
}

/** The widths issue 19 names: a small phone, two common ones, a tablet held upright. */
export const CHECKED_WIDTHS = [320, 360, 390, 768] as const;

/** Two animation frames: the layout (and the virtualised list's measures) settled after a resize. */
async function settled(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        requestAnimationFrame(() => {
          requestAnimationFrame(() => {
            resolve();
          });
        });
      }),
  );
}

/**
 * The view as it is, resized in turn to each of CHECKED_WIDTHS (the same page: no new server or
 * page per width): no sideways overflow and no tap target under 44 px at any of them. axe runs in
 * checkView at the device's own width; the page is given its own size back at the end.
 */
export async function checkWidths(page: Page, view: string): Promise<void> {
  const original = page.viewportSize();
  const height = original?.height ?? 844;
  for (const width of CHECKED_WIDTHS) {
    await page.setViewportSize({ width, height });
    await settled(page);
    const overflow = await horizontalOverflow(page);
    expect.soft(overflow.innerWidth, `${view}: the page did not take the width ${width}`).toBe(width);
    expect.soft(overflow.past, `${view} @${width}px: elements past the screen's edge`).toEqual([]);
    expect.soft(overflow.scrollWidth, `${view} @${width}px: the page scrolls sideways`).toBeLessThanOrEqual(width);
    const small = await smallTapTargets(page);
    expect.soft(small, `${view} @${width}px: tap targets under 44 px`).toEqual([]);
    console.log(`view ${view} @${width}px: overflow ${overflow.past.length}, small targets ${small.length}`);
  }
  if (original) {
    await page.setViewportSize(original);
    await settled(page);
  }
}
