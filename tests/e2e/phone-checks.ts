import { createRequire } from 'node:module';
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

/**
 * The script that puts axe-core into a page: the axe-core that @axe-core/playwright itself
 * depends on (resolved from that package, so the rules are the version its builder ran).
 */
const axeSource = ((): string => {
  const axeCore: unknown = createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright'))('axe-core');
  if (typeof axeCore === 'object' && axeCore !== null && 'source' in axeCore && typeof axeCore.source === 'string')
    return axeCore.source;
  throw new Error('axe-core has no source script');
})();

/** One violation of an axe run, as the check reports it. */
export interface AxeViolation {
  id: string;
  impact: string;
  /** Each node's selector path, joined. */
  targets: string[];
}

/**
 * Puts axe-core into every frame of the page that does not hold it yet, configured as
 * @axe-core/playwright's legacy mode configures it. A page keeps it until it loads another
 * document, so the checks of several views (the app changes view without loading a page) and
 * both themes pay for the 570 kB script once, not twice per run as the builder did.
 */
async function injectAxe(page: Page): Promise<void> {
  for (const frame of page.frames()) {
    if (await frame.evaluate('typeof window.axe === "object"')) continue;
    await frame.evaluate(axeSource);
    await frame.evaluate(
      `axe.configure({ allowedOrigins: ['<same_origin>'], branding: { application: 'playwright' } })`,
    );
  }
}

/**
 * axe-core run inside the page (what @axe-core/playwright's legacy mode does: the app has no
 * cross-origin frames) on the whole document or `include`, with every rule or only `rules`.
 * `resultTypes: ['violations']` has axe describe one node per passed or inapplicable rule
 * instead of all of them (building each node's selector is most of a run's time on a long
 * page); every rule is still run and listed, and violations keep all their nodes. Only what the
 * checks read comes back from the page: the violations and the ids of the colour rules.
 */
export async function runAxe(
  page: Page,
  { include, rules }: { include?: string; rules?: string[] } = {},
): Promise<{ violations: AxeViolation[]; colourRules: string[] }> {
  await injectAxe(page);
  return page.evaluate(
    async ({ include, rules }) => {
      interface Rule {
        id: string;
        impact?: string | null;
        tags: string[];
        nodes: { target: unknown[] }[];
      }
      interface Results {
        violations: Rule[];
        passes: Rule[];
        incomplete: Rule[];
        inapplicable: Rule[];
      }
      const { axe } = window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<Results> } };
      const result = await axe.run(include ?? document, {
        resultTypes: ['violations'],
        ...(rules ? { runOnly: { type: 'rule', values: rules } } : {}),
      });
      const all = [...result.passes, ...result.violations, ...result.incomplete, ...result.inapplicable];
      return {
        violations: result.violations.map((rule) => ({
          id: rule.id,
          impact: rule.impact ?? '?',
          targets: rule.nodes.map((node) => node.target.join(' ')),
        })),
        colourRules: [...new Set(all.filter((rule) => rule.tags.includes('cat.color')).map((rule) => rule.id))],
      };
    },
    { include, rules },
  );
}

/**
 * axe-core on the page as it is, in the light theme and in the dark one (restoring the choice
 * after). The dark theme only swaps the palette's CSS custom properties (styles.css) on the same
 * DOM, set here by the check itself, so the dark pass runs only the colour rules the light pass
 * ran (colour contrast, links told apart in text): every other rule reads the same elements,
 * names and roles and answers the same. axe runs inside the page (runAxe), put there once per
 * page load.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const found: string[] = [];
  let colourRules: string[] | undefined;
  for (const theme of ['light', 'dark'] as const) {
    const previous = await page.evaluate((next) => {
      const root = document.documentElement;
      const before = root.dataset.theme ?? null;
      root.dataset.theme = next;
      return before;
    }, theme);
    const result = await runAxe(page, { rules: colourRules });
    if (colourRules === undefined) {
      colourRules = result.colourRules;
      expect(colourRules, 'axe names its colour-contrast rule in the colour category').toContain('color-contrast');
    }
    for (const violation of result.violations)
      found.push(`[${theme}] ${violation.id} (${violation.impact}): ${violation.targets.join(' | ')}`);
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
