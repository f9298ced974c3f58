/// <reference lib="dom" />
// Callbacks passed to page.evaluate run in the browser.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { launchChromium } from '../support/browser'
import { freeLabPorts, labReady, spawnLab } from '../support/lab-process'
import { heading, percentile, row } from './report'
import { api } from './lab-api'

/** How long each speed plays while measured, after a short warm-up. */
const PLAY_MS = 3_000
const WARM_MS = 600
const SPEEDS = [5, 10, 30, 100, 1000]
const CLICKS = 10

declare global {
  interface Window {
    /** Frames the page drew (requestAnimationFrame callbacks) and the longest gap between two. */
    benchFrames: { count: number; longest: number; last: number }
    /** When the latest click reached the page. */
    benchClickAt: number
  }
}

/** Counts frames and stamps clicks as the page sees them, from the first script on. */
const PAGE_PROBES = () => {
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
async function apiStepRate(base: string, batch: number, ms = 1_500): Promise<number> {
  const started = performance.now()
  let clocks = 0
  while (performance.now() - started < ms) {
    await api(base, '/api/network/step', { clocks: batch })
    clocks += batch
  }
  return (clocks * 1000) / (performance.now() - started)
}

async function pageClock(page: Page): Promise<number> {
  return Number(await page.getByTestId('clock').textContent())
}

/** Milliseconds from the click (as the page saw it) until `check` holds in a drawn frame. */
async function clickToVisible(
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
async function sinceClick(page: Page, check: string, arg: unknown): Promise<number> {
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

const CLOCK_ABOVE = `(b) => Number(document.querySelector('[data-testid=clock]')?.textContent) > b`
const DETAILS_OF = `(id) => !!document.querySelector('[data-testid=status-' + id + ']')`
/** The node's own answer shown too: its balances, peers and pool (not only the overview's facts). */
const WHOLE_DETAILS_OF = `(id) => {
  const details = document.querySelector('[aria-label="' + id + ' details"]')
  return !!details && !details.querySelector('[role=status]')
}`
const PLAY_SHOWN = `() => [...document.querySelectorAll('button')].some((b) => b.textContent === 'Play')`

/**
 * Clicks a node as a person would: on its circle in the SVG graph, or at its position on the
 * WebGL graph's canvas (which tells where it drew a node).
 */
async function clickNode(page: Page, id: string): Promise<void> {
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

async function graphDrawn(page: Page, nodes: number): Promise<number> {
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
async function idleFps(page: Page, ms = 2_000): Promise<number> {
  const start = await page.evaluate(() => ({ t: performance.now(), n: window.benchFrames.count }))
  await page.waitForTimeout(ms)
  const end = await page.evaluate(() => ({ t: performance.now(), n: window.benchFrames.count }))
  return ((end.n - start.n) * 1000) / (end.t - start.t)
}

async function setSpeed(page: Page, speed: number): Promise<void> {
  await page.getByLabel('clocks per second').selectOption(String(speed))
}

/** Plays at `speed` and reports the achieved clocks/s, frames/s and the longest frame. */
async function play(page: Page, speed: number, ms = PLAY_MS) {
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
async function attempt(what: string, measure: () => Promise<void>): Promise<void> {
  try {
    await measure()
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error)
    console.log(`${what.padEnd(58)} did not finish: ${message}`)
  }
}

function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  )
}
function p90(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    90,
  )
}

async function stepClicks(page: Page): Promise<number[]> {
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

async function nodeClicks(
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
    shown.push(await clickToVisible(page, () => clickNode(page, id), DETAILS_OF, id))
    whole.push(await sinceClick(page, WHOLE_DETAILS_OF, id))
    // Apart by more than a double click's 300 ms, as a person's clicks on two nodes are.
    await page.waitForTimeout(350)
  }
  return { shown, whole }
}

function nodeClicksRows(times: { shown: number[]; whole: number[] }): void {
  clicksRow('node click to its details shown (paused)', times.shown)
  clicksRow('  ... to its balances, peers and pool shown', times.whole)
}

function clicksRow(what: string, times: number[]): void {
  row(what, median(times), 'ms median', `p90 ${p90(times).toFixed(0)} ms, ${times.length} clicks`)
}

function playRow(setting: string, r: Awaited<ReturnType<typeof play>>): void {
  row(
    `  play ${setting}`,
    r.rate,
    'clocks/s',
    `${r.fps.toFixed(0)} fps, longest frame ${r.longest.toFixed(0)} ms, Pause shows in ${r.pause.toFixed(0)} ms`,
  )
}

/** The live UI in headless Chromium: play speeds, frame rates, click-to-visible times, replay. */
export async function benchUi(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'chain-lab-ui-bench-'))
  const { labPort, args } = await freeLabPorts()
  const lab = spawnLab([...args, '--db', join(dir, 'runs.sqlite')])
  const browser = await launchChromium()
  try {
    await labReady(lab, 120_000)
    const base = `http://127.0.0.1:${labPort}`
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } })
    // tsx keeps function names with a helper the page lacks: give the page the same helper.
    await page.addInitScript('window.__name = (f) => f')
    await page.addInitScript(PAGE_PROBES)

    heading('Live UI: 3 nodes (mesh), auto-mine every 20 clocks, workload 0.5 tx/clock')
    await api(base, '/api/network', { nodes: 3, interval: 20, txRate: 0.5, difficulty: 8 })
    await api(base, '/api/network/start', {})
    row('API step rate, 1 clock a request', await apiStepRate(base, 1), 'clocks/s')
    row('API step rate, 100 clocks a request', await apiStepRate(base, 100), 'clocks/s')
    await page.goto(base)
    await page.getByRole('button', { name: 'Step', exact: true }).waitFor()
    await attempt('Step click', async () =>
      clicksRow('Step click to clock shown', await stepClicks(page)),
    )
    await attempt('node click', async () =>
      nodeClicksRows(await nodeClicks(page, ['node2', 'node3'])),
    )
    row('page paused, for comparison', await idleFps(page), 'fps')
    for (const speed of SPEEDS)
      await attempt(`play at ${speed}/s`, async () =>
        playRow(`at ${speed}/s`, await play(page, speed)),
      )

    // A page left open would draw the next network too, taking the CPU from the one measured.
    await page.close()

    heading('Live UI: 2,000 nodes (random:8), auto-mine every 50 clocks')
    const created = performance.now()
    await api(base, '/api/network', { nodes: 2000, topology: 'random:8', interval: 50 })
    await api(base, '/api/network/start', {})
    row('create + start through the API', performance.now() - created, 'ms')
    row('API step rate, 1 clock a request', await apiStepRate(base, 1, 3_000), 'clocks/s')
    row('API step rate, 20 clocks a request', await apiStepRate(base, 20, 3_000), 'clocks/s')
    const fresh = await browser.newPage({ viewport: { width: 1400, height: 1000 } })
    await fresh.addInitScript('window.__name = (f) => f')
    await fresh.addInitScript(PAGE_PROBES)
    await fresh.goto(base)
    row('page load to 2,000 nodes drawn', await graphDrawn(fresh, 2000), 'ms')
    await attempt('node click', async () =>
      nodeClicksRows(await nodeClicks(fresh, ['node7', 'node1500'])),
    )
    await attempt('Step click', async () =>
      clicksRow('Step click to clock shown', await stepClicks(fresh)),
    )
    for (const speed of [30, 1000])
      await attempt(`play at ${speed}/s`, async () =>
        playRow(`at ${speed}/s`, await play(fresh, speed, 4_000)),
      )
    await fresh.close()

    heading('Replay: the 2,000-node run just recorded')
    await api(base, '/api/network', { nodes: 3, topology: 'mesh' })
    await replayFigures(browser, base)
  } finally {
    await browser.close()
    lab.child.kill('SIGTERM')
    await lab.exited
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Opening the recorded 2,000-node run in a fresh page, then scrubbing it back a clock at a time. */
export async function replayFigures(browser: Browser, base: string): Promise<void> {
  const runs = (await api(base, '/api/runs')) as { id: number; nodes: number; clocks: number }[]
  const recorded = runs.find((r) => r.nodes === 2000)
  if (!recorded) throw new Error('the 2,000-node run was not recorded')
  row('clocks recorded', recorded.clocks, 'clocks')
  const replay = await browser.newPage({ viewport: { width: 1400, height: 1000 } })
  await replay.addInitScript('window.__name = (f) => f')
  await replay.addInitScript(PAGE_PROBES)
  await replay.goto(base)
  await replay.getByRole('tab', { name: 'Runs' }).click()
  const open = replay.locator(`tr[data-run="${recorded.id}"]`)
  await attempt('Open', async () => {
    const opened = await clickToVisible(
      replay,
      () => open.getByRole('button', { name: 'Open' }).click(),
      `() => !!document.querySelector('[aria-label="scrub to clock"]') &&
          (document.querySelectorAll('svg.graph g.node').length >= 2000 ||
           Number(document.querySelector('.graph-view')?.getAttribute('data-drawn') ?? 0) >= 2000)`,
      null,
    )
    row('Open click to the run drawn', opened, 'ms')
  })
  await attempt('scrub', async () => {
    const scrubber = replay.getByLabel('scrub to clock')
    await scrubber.focus()
    await replay.keyboard.press('End')
    await replay.waitForTimeout(2_000)
    const scrubs: number[] = []
    // Fewer than the clicks above: a scrub of a large run can take seconds.
    for (let i = 0; i < 5; i++) {
      const before = await replay.evaluate(() => ({
        clock: Number(document.querySelector('[data-testid=replay-clock]')?.textContent),
      }))
      scrubs.push(
        await clickToVisible(
          replay,
          () => replay.keyboard.press('ArrowLeft'),
          // The state at the scrubbed clock is drawn: the graph says which clock it shows.
          `(b) => {
              const want = b.clock - 1
              if (Number(document.querySelector('[data-testid=replay-clock]')?.textContent) !== want) return false
              const gl = document.querySelector('.graph-view')
              if (gl) return gl.getAttribute('data-clock') === String(want)
              const title = document.querySelector('svg.graph g.node title')?.textContent ?? ''
              return title.includes('at clock ' + want + ',')
            }`,
          before,
        ),
      )
    }
    clicksRow('scrub one clock to it shown', scrubs)
  })
}
