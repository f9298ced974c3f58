/// <reference lib="dom" />
/// <reference types="vite/client" />
// Callbacks passed to page.evaluate run in the browser.
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'

/**
 * The README's screenshots are taken by `npm run screenshots` (vitest's mode `screenshots`); a
 * plain `npm test` takes them too, but keeps them in memory, so the tree stays as it was.
 */
const SCREENSHOTS = import.meta.env.MODE === 'screenshots' ? 'docs/screenshots' : null

export async function screenshot(page: Page, name: string): Promise<void> {
  // Charts and live panels held while off screen (they do not redraw there) are brought into
  // view to catch up: a full-page screenshot does not scroll, and would show them as they were.
  await page.evaluate(async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve))
    for (let held; (held = document.querySelector('[data-stale]'));) {
      held.scrollIntoView({ block: 'center' })
      while (held.hasAttribute('data-stale')) await frame()
    }
  })
  await page.evaluate(() => window.scrollTo(0, 0))
  const png = await page.screenshot({
    fullPage: true,
    ...(SCREENSHOTS ? { path: join(SCREENSHOTS, name) } : {}),
  })
  expect(png.subarray(1, 4).toString()).toBe('PNG')
}
