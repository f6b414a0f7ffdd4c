/**
 * axe-core in an extension page. Its source goes in through the DevTools protocol (`page.evaluate`), which the
 * extension's content security policy does not apply to (a `<script>` tag would be refused, a URL would need a
 * web-accessible resource). Each check runs in the light and the dark scheme (`prefers-color-scheme`).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Violation {
  rule: string;
  impact: string | null | undefined;
  help: string;
  /** Where, as CSS selectors, with axe's summary of what failed. */
  nodes: Array<{ target: string; summary: string | undefined }>;
}

/** axe's violations on `page` as it is now (WCAG 2.x A and AA, and axe's best practices). */
export async function axeViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    type AxeResult = {
      violations: Array<{
        id: string;
        impact?: string | null;
        help: string;
        nodes: Array<{ target: unknown[]; failureSummary?: string }>;
      }>;
    };
    const { axe } = window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResult> } };
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({ target: node.target.join(' '), summary: node.failureSummary })),
    }));
  });
}

/** No axe violation on `page` in either colour scheme; `state` names what is on screen, for the failure message. */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    // Let the new scheme's styles apply (and any transition settle) before measuring contrast.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    expect(await axeViolations(page), `${state}, ${colorScheme} scheme`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: null });
}
