import type { Page } from 'playwright-core'

/**
 * The steps a long browser test has done, each with its time since the log began, for a failure
 * to report with what the page showed: a test that times out as a whole says neither which step
 * it was waiting for nor why.
 */
export function stepLog(page: Page) {
  const began = performance.now()
  const done: string[] = []
  return {
    done(step: string): void {
      done.push(`${(performance.now() - began).toFixed(0).padStart(6)} ms  ${step}`)
    },
    /** Prints the steps done and the page's text as it is now (the page may be gone: then none). */
    async report(): Promise<void> {
      const text = await page
        .locator('body')
        .innerText({ timeout: 2_000 })
        .catch((e: unknown) => `(the page's text could not be read: ${String(e)})`)
      console.error(
        [
          `steps done (${(performance.now() - began).toFixed(0)} ms since the first):`,
          ...(done.length > 0 ? done : ['(none)']),
          "the page's text now:",
          text.slice(0, 4_000),
        ].join('\n'),
      )
    },
  }
}
