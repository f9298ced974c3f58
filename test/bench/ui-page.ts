/// <reference lib="dom" />
// The live page as the UI benches drive it (ui.bench.ts, ui-large.bench.ts): frames counted and
// clicks stamped as the page sees them, click-to-visible times, playing at a speed.
// Callbacks passed to page.evaluate run in the browser.
import type { Browser, CDPSession, Page } from 'playwright-core'
import { percentile, row } from './report'
import { api } from './lab-api'

/** How long each speed plays while measured, after a short warm-up. */
export const PLAY_MS = 3_000
/** Long enough for the speed control's own figure (over its last two seconds) to settle. */
const WARM_MS = 1_500
export const SPEEDS = [5, 10, 30, 100, 1000, 2000]
/** Clicks per figure: twenty, so that the p90 is not the slowest click of ten. */
const CLICKS = 20

declare global {
  interface Window {
    /** Frames the page drew (requestAnimationFrame callbacks) and the longest gap between two. */
    benchFrames: { count: number; longest: number; last: number }
    /** When the latest click reached the page. */
    benchClickAt: number
    /** What clickToVisibleAll's watcher saw: milliseconds from the click to each check. */
    benchWatch: Promise<number[]>
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

/** A page of the lab at `base`, 1,400 × 1,000, that counts its frames and stamps clicks. */
export async function openPage(browser: Browser, base: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } })
  // tsx keeps function names with a helper the page lacks: give the page the same helper.
  await page.addInitScript('window.__name = (f) => f')
  await page.addInitScript(PAGE_PROBES)
  await page.goto(base)
  return page
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
  const [shown] = await clickToVisibleAll(page, click, [[check, arg]])
  return shown as number
}

/**
 * Milliseconds from a click (as the page saw it) to the first frame at which each check holds.
 * The page watches every frame from before the click: a check made after the click, from the
 * bench, also counted the bench's own round trip to the browser (5–15 ms on this machine, more
 * under load), and a result already on screen when it arrived was dated by its arrival.
 */
export async function clickToVisibleAll(
  page: Page,
  click: () => Promise<void>,
  checks: readonly (readonly [check: string, arg: unknown])[],
): Promise<number[]> {
  await page.evaluate((checks) => {
    window.benchClickAt = 0
    const holds = checks.map(([check, arg]) => {
      const test = new Function('arg', `return (${check})(arg)`) as (a: unknown) => boolean
      return () => test(arg)
    })
    const times = checks.map(() => -1)
    const deadline = performance.now() + 20_000
    window.benchWatch = new Promise<number[]>((resolve, reject) => {
      const frame = () => {
        if (window.benchClickAt > 0)
          holds.forEach((test, i) => {
            if (times[i] === -1 && test()) times[i] = performance.now() - window.benchClickAt
          })
        if (times.every((t) => t >= 0)) resolve(times)
        else if (performance.now() > deadline)
          reject(new Error(`never visible: ${checks.map(([c]) => c).join(', ')}`))
        else requestAnimationFrame(frame)
      }
      requestAnimationFrame(frame)
    })
  }, checks)
  await click()
  return page.evaluate(() => window.benchWatch)
}

/**
 * Milliseconds from the latest click (as the page saw it) until `check` holds in a drawn frame,
 * checked from now on: for a result that comes long after the click (a replay settling).
 */
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

/**
 * When a large graph was first on screen, in milliseconds from navigation: its nodes, and its
 * nodes and links (a large network's links may come a frame after its nodes, see addLinks).
 * "On screen" is the start of the frame after the one the graph was drawn for: the graph's
 * element says `data-drawn` (`data-links-drawn`) in the task that drew it, the next animation
 * frame begins the frame that shows it (which in headless Chromium, drawing WebGL in software,
 * waits for the canvas to be drawn and read back), and the frame after that begins once that
 * one is done.
 */
export async function graphOnScreen(
  page: Page,
  nodes: number,
): Promise<{ nodes: number; links: number }> {
  return page.evaluate(
    (nodes) =>
      new Promise<{ nodes: number; links: number }>((resolve) => {
        const at = { nodes: NaN, links: NaN }
        let seen = { nodes: false, links: false }
        const poll = () => {
          const now = performance.now()
          // A frame after the one it was first seen in: that frame is done.
          if (seen.nodes && Number.isNaN(at.nodes)) at.nodes = now
          if (seen.links && Number.isNaN(at.links)) at.links = now
          if (!Number.isNaN(at.links) && !Number.isNaN(at.nodes)) return resolve(at)
          const view = document.querySelector('.graph-view')
          const svg = document.querySelectorAll('svg.graph g.node').length >= nodes
          seen = {
            nodes: svg || Number(view?.getAttribute('data-drawn') ?? 0) >= nodes,
            links: svg || view?.hasAttribute('data-links-drawn') === true,
          }
          requestAnimationFrame(poll)
        }
        poll()
      }),
    nodes,
  )
}

/**
 * Where the time to a large graph's first frame went, in milliseconds from navigation: the
 * page's script run (DOMContentLoaded), the overview and sigma's chunk fetched (resource timing),
 * and the graph's own marks (NetworkGraph: the page's first render with the network done and
 * the graph begun, its model built, sigma made and drawn).
 */
export async function graphLoadSplit(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
    const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[]
    const fetched = (test: (name: string) => boolean) =>
      resources.find((r) => test(new URL(r.name).pathname))?.responseEnd ?? NaN
    const mark = (name: string) => performance.getEntriesByName(name, 'mark')[0]?.startTime ?? NaN
    return {
      script: nav.domContentLoadedEventEnd,
      overview: fetched((path) => path === '/api/network'),
      sigma: fetched((path) => /\/sigma\.esm-[^/]*\.js$/.test(path)),
      begun: mark('network-graph:begun'),
      built: mark('network-graph:built'),
      drawn: mark('network-graph:drawn'),
    }
  })
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

/**
 * CPU seconds the page's main thread has used (Chromium's own count): how busy the page is,
 * a figure that holds better than frames on a machine others load too.
 */
async function threadTime(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics')
  return metrics.find((m) => m.name === 'ThreadTime')?.value ?? NaN
}

/** The lab's own clock, from the lab API: what the network actually reached. */
async function labClock(base: string): Promise<number> {
  return ((await api(base, '/api/network')) as { clock: number }).clock
}

/**
 * Plays at `speed` and reports the clocks/s the lab advanced (its own clock, read through its
 * API) and the page showed, what the speed control said it reached, frames/s and the longest
 * frame, and how soon Pause shows.
 */
export async function play(
  page: Page,
  base: string,
  speed: number,
  { ms = PLAY_MS, charts = false }: { ms?: number; charts?: boolean } = {},
) {
  await setSpeed(page, speed)
  await page.getByRole('button', { name: 'Play', exact: true }).click()
  // Clicking scrolls the page back to the control: bring the charts back afterwards, and again
  // after the warm-up (what is above them may have grown meanwhile and pushed some down).
  if (charts) await showCharts(page)
  await page.waitForTimeout(WARM_MS)
  const onScreen = charts ? await showCharts(page) : null
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  const thread0 = await threadTime(cdp)
  const lab0 = await labClock(base)
  const t0 = performance.now()
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
    control: document.querySelector('[data-testid=achieved]')?.textContent ?? '',
  }))
  const thread1 = await threadTime(cdp)
  await cdp.detach()
  const lab1 = await labClock(base)
  const t1 = performance.now()
  const pause = await clickToVisible(
    page,
    () => page.getByRole('button', { name: 'Pause', exact: true }).click({ timeout: 20_000 }),
    PLAY_SHOWN,
    null,
  )
  const seconds = (end.t - start.t) / 1000
  return {
    speed,
    rate: ((lab1 - lab0) * 1000) / (t1 - t0),
    shown: (end.clock - start.clock) / seconds,
    control: end.control,
    fps: (end.frames - start.frames) / seconds,
    longest: end.longest,
    pause,
    charts: onScreen,
    busy: (thread1 - thread0) / seconds,
  }
}

/**
 * Scrolls the charts into view and says how many of the six are wholly on screen (the sticky
 * toolbar stays at the top): charts out of view do not redraw, so a figure with the page at its
 * top leaves most of them out.
 */
export async function showCharts(page: Page): Promise<number> {
  await page.locator('.charts').evaluate((el) => el.scrollIntoView({ block: 'start' }))
  await page.waitForTimeout(300)
  return page.evaluate(() => {
    const bar = document.querySelector('.controls')?.getBoundingClientRect().bottom ?? 0
    return Array.from(document.querySelectorAll('figure.chart')).filter((figure) => {
      const box = figure.getBoundingClientRect()
      return box.top >= bar && box.bottom <= window.innerHeight
    }).length
  })
}

export async function scrollToTop(page: Page): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0))
  await page.waitForTimeout(300)
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

export async function stepClicks(page: Page): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < CLICKS; i++) {
    const before = await pageClock(page)
    times.push(
      await clickToVisible(
        page,
        () => page.getByRole('button', { name: 'Step', exact: true }).click(),
        CLOCK_ABOVE,
        before,
      ),
    )
  }
  return times
}

/** A node clicked: milliseconds to its details, and to its balances, peers and pool. */
export function nodeClick(page: Page, id: string): Promise<number[]> {
  return clickToVisibleAll(page, () => clickNode(page, id), [
    [DETAILS_OF, id],
    [WHOLE_DETAILS_OF, id],
  ])
}

export async function nodeClicks(
  page: Page,
  ids: readonly string[],
): Promise<{ shown: number[]; whole: number[] }> {
  // The WebGL graph moves its nodes once the layout (computed off the main thread) arrives.
  await page.waitForFunction(
    () =>
      document.querySelectorAll('svg.graph').length > 0 || document.querySelector('[data-layout]'),
    null,
    { timeout: 60_000 },
  )
  const shown: number[] = []
  const whole: number[] = []
  for (let i = 0; i < CLICKS; i++) {
    const id = ids[i % ids.length] as string
    const [details, all] = await nodeClick(page, id)
    shown.push(details as number)
    whole.push(all as number)
    // Apart by more than a double click's 300 ms, as a person's clicks on two nodes are.
    await page.waitForTimeout(350)
  }
  return { shown, whole }
}

export function nodeClicksRows(times: { shown: number[]; whole: number[] }): void {
  clicksRow('node click to its details shown (paused)', times.shown)
  clicksRow('  ... to its balances, peers and pool shown', times.whole)
}

export function clicksRow(what: string, times: number[]): void {
  row(what, median(times), 'ms median', `p90 ${p90(times).toFixed(0)} ms, ${times.length} clicks`)
}

/** A speed's figures, and whether they meet `target` (printed, never asserted). */
export function playRow(
  setting: string,
  r: Awaited<ReturnType<typeof play>>,
  target: { rate: number; fps: number },
): void {
  const met = r.rate >= target.rate && r.fps >= target.fps
  const wanted = `${Math.round(target.rate).toLocaleString('en')}/s at ${target.fps} fps`
  row(
    `  play ${setting}`,
    r.rate,
    'clocks/s',
    `${((100 * r.rate) / r.speed).toFixed(0)} % of it at ${r.fps.toFixed(0)} fps: ${met ? 'meets' : 'misses'} ${wanted}`,
  )
  row(
    '    the page showed; its speed control said',
    r.shown,
    'clocks/s',
    `"${r.control}"; longest frame ${r.longest.toFixed(0)} ms, Pause shows in ${r.pause.toFixed(0)} ms`,
  )
  row(
    "    the page's main thread busy",
    100 * r.busy,
    '% of a core',
    r.charts !== null && r.charts < 6 ? `(only ${r.charts} charts on screen)` : '',
  )
}
