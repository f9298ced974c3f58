/// <reference lib="dom" />
// The live page as the UI benches drive it (ui.bench.ts, ui-large.bench.ts): frames counted and
// clicks stamped as the page sees them, click-to-visible times, playing at a speed.
// Callbacks passed to page.evaluate run in the browser.
import type { Browser, Page } from 'playwright-core'
import { percentile, row } from './report'
import { api } from './lab-api'

/** How long each speed plays while measured, after a short warm-up. */
export const PLAY_MS = 3_000
const WARM_MS = 600

declare global {
  interface Window {
    /** Frames the page drew (requestAnimationFrame callbacks) and the longest gap between two. */
    benchFrames: { count: number; longest: number; last: number }
    /** When the latest click reached the page. */
    benchClickAt: number
  }
}

/** Counts frames and stamps clicks as the page sees them, from the first script on. */
export const PAGE_PROBES = () => {
  window.benchFrames = { count: 0, longest: 0, last: performance.now() }
  const frame = (now: number) => {
    const f = window.benchFrames
    f.count++
    f.longest = Math.max(f.longest, now - f.last)
    f.last = now
    requestAnimationFrame(frame)
  }
  requestAnimationFrame(frame)
  // pointerdown, not click: the WebGL graph takes the press itself, and no click reaches the page.
  document.addEventListener('pointerdown', () => (window.benchClickAt = performance.now()), true)
  document.addEventListener('keydown', () => (window.benchClickAt = performance.now()), true)
}

/** The API's own step rate: one clock per request for `ms`, and `batch` clocks per request. */
export async function apiStepRate(base: string, batch: number, ms = 1_500): Promise<number> {
  const started = performance.now()
  let clocks = 0
  while (performance.now() - started < ms) {
    await api(base, '/api/network/step', { clocks: batch })
    clocks += batch
  }
  return (clocks * 1000) / (performance.now() - started)
}

export async function pageClock(page: Page): Promise<number> {
  return Number(await page.getByTestId('clock').textContent())
}

/** Milliseconds from the click (as the page saw it) until `check` holds in a drawn frame. */
export async function clickToVisible(
  page: Page,
  click: () => Promise<void>,
  check: string,
  arg: unknown,
): Promise<number> {
  await page.evaluate(() => (window.benchClickAt = 0))
  await click()
  return sinceClick(page, check, arg)
}

/** Milliseconds from the latest click (as the page saw it) until `check` holds in a drawn frame. */
export async function sinceClick(page: Page, check: string, arg: unknown): Promise<number> {
  return page.evaluate(
    ({ check, arg }) =>
      new Promise<number>((resolve, reject) => {
        const holds = new Function('arg', `return (${check})(arg)`) as (a: unknown) => boolean
        const deadline = performance.now() + 10_000
        const poll = () => {
          if (holds(arg) && window.benchClickAt > 0)
            resolve(performance.now() - window.benchClickAt)
          else if (performance.now() > deadline) reject(new Error(`never visible: ${check}`))
          else requestAnimationFrame(poll)
        }
        poll()
      }),
    { check, arg },
  )
}

export const CLOCK_ABOVE = `(b) => Number(document.querySelector('[data-testid=clock]')?.textContent) > b`
export const DETAILS_OF = `(id) => !!document.querySelector('[data-testid=status-' + id + ']')`
/** The node's own answer shown too: its balances, peers and pool (not only the overview's facts). */
export const WHOLE_DETAILS_OF = `(id) => {
  const details = document.querySelector('[aria-label="' + id + ' details"]')
  return !!details && !details.querySelector('[role=status]')
}`
export const PLAY_SHOWN = `() => [...document.querySelectorAll('button')].some((b) => b.textContent === 'Play')`

/**
 * Clicks a node as a person would: on its circle in the SVG graph, or at its position on the
 * WebGL graph's canvas (which tells where it drew a node).
 */
export async function clickNode(page: Page, id: string): Promise<void> {
  const svg = page.locator(`svg.graph g[data-node="${id}"]`)
  if ((await svg.count()) > 0) {
    await svg.dispatchEvent('click')
    return
  }
  const at = await page.locator('.graph-view').evaluate(
    (el, id) =>
      (
        el as HTMLElement & {
          graphView?: { screenPosition(id: string): { x: number; y: number } }
        }
      ).graphView?.screenPosition(id),
    id,
  )
  if (!at) throw new Error(`node ${id} is not drawn`)
  await page.mouse.click(at.x, at.y)
}

export async function graphDrawn(page: Page, nodes: number): Promise<number> {
  return page.evaluate(
    (nodes) =>
      new Promise<number>((resolve) => {
        const poll = () => {
          const svg = document.querySelectorAll('svg.graph g.node').length
          const gl = Number(document.querySelector('.graph-view')?.getAttribute('data-drawn') ?? 0)
          if (svg >= nodes || gl >= nodes) resolve(performance.now())
          else requestAnimationFrame(poll)
        }
        poll()
      }),
    nodes,
  )
}

/** Frames a second of the page doing nothing: the ceiling the figures while playing compare to. */
export async function idleFps(page: Page, ms = 2_000): Promise<number> {
  const start = await page.evaluate(() => ({ t: performance.now(), n: window.benchFrames.count }))
  await page.waitForTimeout(ms)
  const end = await page.evaluate(() => ({ t: performance.now(), n: window.benchFrames.count }))
  return ((end.n - start.n) * 1000) / (end.t - start.t)
}

export async function setSpeed(page: Page, speed: number): Promise<void> {
  await page.getByLabel('clocks per second').selectOption(String(speed))
}

/** Plays at `speed` and reports the achieved clocks/s, frames/s and the longest frame. */
export async function play(page: Page, speed: number, ms = PLAY_MS) {
  await setSpeed(page, speed)
  await page.getByRole('button', { name: 'Play', exact: true }).click()
  await page.waitForTimeout(WARM_MS)
  const start = await page.evaluate(() => ({
    t: performance.now(),
    frames: window.benchFrames.count,
    clock: Number(document.querySelector('[data-testid=clock]')?.textContent),
    longest: (window.benchFrames.longest = 0),
  }))
  await page.waitForTimeout(ms)
  const end = await page.evaluate(() => ({
    t: performance.now(),
    frames: window.benchFrames.count,
    clock: Number(document.querySelector('[data-testid=clock]')?.textContent),
    longest: window.benchFrames.longest,
  }))
  const pause = await clickToVisible(
    page,
    () => page.getByRole('button', { name: 'Pause', exact: true }).click({ timeout: 20_000 }),
    PLAY_SHOWN,
    null,
  )
  const seconds = (end.t - start.t) / 1000
  return {
    rate: (end.clock - start.clock) / seconds,
    fps: (end.frames - start.frames) / seconds,
    longest: end.longest,
    pause,
  }
}

/** Runs one measurement; one that fails or times out is printed as such, and the bench goes on. */
export async function attempt(what: string, measure: () => Promise<void>): Promise<void> {
  try {
    await measure()
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error)
    console.log(`${what.padEnd(58)} did not finish: ${message}`)
  }
}

export function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  )
}
export function p90(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    90,
  )
}

export function clicksRow(what: string, times: number[]): void {
  row(what, median(times), 'ms median', `p90 ${p90(times).toFixed(0)} ms, ${times.length} clicks`)
}

export function playRow(setting: string, r: Awaited<ReturnType<typeof play>>): void {
  row(
    `  play ${setting}`,
    r.rate,
    'clocks/s',
    `${r.fps.toFixed(0)} fps, longest frame ${r.longest.toFixed(0)} ms, Pause shows in ${r.pause.toFixed(0)} ms`,
  )
}

/** The live UI in headless Chromium: play speeds, frame rates, click-to-visible times, replay. */

/** A page of the lab that counts its frames and stamps clicks from its first script on. */
export async function probedPage(browser: Browser, base: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } })
  // tsx keeps function names with a helper the page lacks: give the page the same helper.
  await page.addInitScript('window.__name = (f) => f')
  await page.addInitScript(PAGE_PROBES)
  await page.goto(base)
  return page
}
