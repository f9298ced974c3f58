import type { Page } from 'playwright-core'

/**
 * What a long browser test did and what its page said, for a failure to report: a test that
 * times out as a whole says neither which step it was waiting for nor why. Steps are marked by
 * the test; the page's console errors, uncaught errors and failed requests are kept as they come.
 * Each line has its time since the log began (or since `restart`).
 */
export function stepLog(page: Page) {
  let began = performance.now()
  const lines: string[] = []
  const note = (line: string) =>
    lines.push(`${(performance.now() - began).toFixed(0).padStart(6)} ms  ${line}`)
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      note(`console ${message.type()}: ${message.text().slice(0, 300)}`)
  })
  page.on('pageerror', (error) => note(`page error: ${error.message.slice(0, 300)}`))
  page.on('requestfailed', (request) =>
    note(`request failed: ${request.method()} ${request.url()} (${request.failure()?.errorText})`),
  )
  return {
    /** A step the test has done. */
    done(step: string): void {
      note(step)
    },
    /** Forgets what was logged: a new test begins. */
    restart(): void {
      lines.length = 0
      began = performance.now()
    },
    /** Prints what was logged and the page's text as it is now (if it can still be read). */
    async report(title: string): Promise<void> {
      const text = await page
        .locator('body')
        .innerText({ timeout: 2_000 })
        .catch((e: unknown) => `(the page's text could not be read: ${String(e)})`)
      console.error(
        [
          `${title}: what happened (${(performance.now() - began).toFixed(0)} ms since it began)`,
          ...(lines.length > 0 ? lines : ['(nothing logged)']),
          `the page (${page.url()}) shows:`,
          text.slice(0, 4_000),
        ].join('\n'),
      )
    },
  }
}
