import { writeFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { heading, row } from './report'
import { FORWARD_PER_JUMP, JUMPS, SCRUBS_PER_JUMP } from './replay-scrubs'
import { api } from './lab-api'
import { withLabInBrowser } from './ui-lab'
import { attempt, clickToVisible, median, openPage, p90, sinceClick } from './ui-page'

/**
 * The replay part alone (`npm run bench -- ui-replay`): a 2,000-node run (random:8, auto-mine
 * every 50 clocks) recorded through the API, `UI_REPLAY_CLOCKS` clocks long (default 200), then
 * opened and scrubbed in headless Chromium as `ui` does.
 */
export async function benchUiReplay(clocks = 200): Promise<void> {
  await withLabInBrowser(async (browser, base) => {
    heading(`Replay: a 2,000-node run (random:8) of ${clocks} clocks, recorded through the API`)
    await api(base, '/api/network', { nodes: 2000, topology: 'random:8', interval: 50 })
    await api(base, '/api/network/start', {})
    const recording = performance.now()
    for (let clock = 0; clock < clocks; clock += 10)
      await api(base, '/api/network/step', { clocks: 10 })
    row('recording it', performance.now() - recording, 'ms')
    await api(base, '/api/network', { nodes: 3, topology: 'mesh' })
    await replayFigures(browser, base)
  })
}

/** What REPLAY_TIMELINE records: the page's main thread, its painting and the GPU process. */
const TIMELINE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'gpu',
  'cc',
  'viz',
  'blink',
  'v8',
]

/** The state at `want` is drawn: the clock shown, and the graph says which clock it draws. */
const SHOWS_CLOCK = `(want) => {
  if (Number(document.querySelector('[data-testid=replay-clock]')?.textContent) !== want) return false
  const gl = document.querySelector('.graph-view')
  if (gl) return gl.getAttribute('data-clock') === String(want)
  const title = document.querySelector('svg.graph g.node title')?.textContent ?? ''
  return title.includes('at clock ' + want + ',')
}`

/**
 * Opening the recorded 2,000-node run in a fresh page, then scrubbing it as a person looking for
 * a moment does: after each of four jumps, five clocks back one at a time and two forward again
 * (28 one-clock scrubs, so that the p90 is not the slowest of five), then an arrow key held down
 * (HOLD_KEYS clocks back at a keyboard's repeat rate). Prints the open, the log and overview
 * loading after it, the jumps, the scrubs' median / p90 / max back, forward and together, each
 * scrub's parts (the lab's answer, its wait, the page's drawing), the held key's last clock,
 * and the bytes of the overview the page got.
 */
export async function replayFigures(browser: Browser, base: string): Promise<void> {
  const runs = (await api(base, '/api/runs')) as { id: number; nodes: number; clocks: number }[]
  const recorded = runs.find((r) => r.nodes === 2000)
  if (!recorded) throw new Error('the 2,000-node run was not recorded')
  row('clocks recorded', recorded.clocks, 'clocks')
  const replay = await openPage(browser, base)
  // Every request timed, not the first 250 (the log's pages and each clock's messages are many).
  await replay.evaluate(() => performance.setResourceTimingBufferSize(100_000))
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
  await attempt('log and overview', async () => {
    // A person looks at the opened run first: the jumps start once the page has its log and
    // overview (on a loaded machine, a jump during their loading outlasted the 10 s limit).
    const since = performance.now()
    await replay.waitForFunction(
      () =>
        !!document.querySelector('[data-overview]') &&
        !!document.querySelector('[data-testid=log-count]')?.textContent?.includes('whole run'),
      null,
      { timeout: 120_000, polling: 100 },
    )
    row('  then the log and the overview loaded', performance.now() - since, 'ms')
  })
  await attempt('scrub', async () => {
    // REPLAY_PROFILE=file: the page's CPU profile over the jumps and scrubs, for chasing a scrub.
    const profile = process.env['REPLAY_PROFILE']
    const cdp = profile ? await replay.context().newCDPSession(replay) : null
    if (cdp) {
      await cdp.send('Profiler.enable')
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
      await cdp.send('Profiler.start')
    }
    // REPLAY_TIMELINE=file: the browser's trace (the page's main thread, its painting, the GPU
    // process drawing WebGL in software) from the last jump on: what a profile calls "(program)".
    const timeline = process.env['REPLAY_TIMELINE']
    await markGraphClocks(replay)
    const jumps: number[] = []
    const back: Scrub[] = []
    const forward: Scrub[] = []
    const step = async (key: 'ArrowLeft' | 'ArrowRight', to: number): Promise<Scrub> => {
      const shown = await clickToVisible(replay, () => replay.keyboard.press(key), SHOWS_CLOCK, to)
      return { clock: to, shown, ...(await scrubParts(replay, to)) }
    }
    for (const at of JUMPS) {
      const to = Math.round(at * recorded.clocks)
      if (timeline && at === JUMPS[JUMPS.length - 1])
        await browser.startTracing(replay, { path: timeline, categories: TIMELINE_CATEGORIES })
      jumps.push(await clickToVisible(replay, () => scrubTo(replay, to), SHOWS_CLOCK, to))
      for (let i = 1; i <= SCRUBS_PER_JUMP; i++) back.push(await step('ArrowLeft', to - i))
      // A person looking for a moment steps back past it and forward again.
      for (let i = 1; i <= FORWARD_PER_JUMP; i++)
        forward.push(await step('ArrowRight', to - SCRUBS_PER_JUMP + i))
    }
    const held = await holdKey(replay, 'ArrowLeft')
    if (timeline) {
      await browser.stopTracing()
      console.log(`  the browser's trace from the last jump on: ${timeline}`)
    }
    if (cdp && profile) {
      const { profile: taken } = await cdp.send('Profiler.stop')
      writeFileSync(profile, JSON.stringify(taken))
      console.log(`  the page's CPU profile over the scrubs: ${profile}`)
    }
    row('jump to a clock, to it shown', median(jumps), 'ms median', `max ${max(jumps)} ms`)
    const shown = (scrubs: readonly Scrub[]) => scrubs.map((s) => s.shown)
    const spread = (values: number[], what: string) =>
      `p90 ${p90(values).toFixed(0)} ms, max ${max(values)} ms, ${values.length} ${what}`
    row(
      'scrub one clock back, to it shown',
      median(shown(back)),
      'ms median',
      spread(shown(back), 'scrubs'),
    )
    row(
      'scrub one clock forward, after back',
      median(shown(forward)),
      'ms median',
      spread(shown(forward), 'scrubs'),
    )
    const every = [...back, ...forward]
    row(
      'every one-clock scrub, to it shown',
      median(shown(every)),
      'ms median',
      spread(shown(every), 'scrubs'),
    )
    // Where each scrub's time goes: the lab's answer (the state's request, as the page timed
    // it), of which the lab's wait (request sent to first byte), and the page's part (from the
    // answer to the graph saying it drew that clock).
    for (const [name, scrubs] of [
      ['back', back],
      ['forward', forward],
    ] as const) {
      const list = (pick: (s: Scrub) => number | null) =>
        scrubs.map((s) => (pick(s) === null ? '-' : (pick(s) as number).toFixed(0))).join(' ')
      const line = (label: string, values: string) =>
        console.log(`  ${`${name}, ${label}:`.padEnd(38)}${values}`)
      line('clocks', scrubs.map((s) => s.clock).join(' '))
      for (const [label, pick] of SCRUB_PARTS) line(label, list(pick))
    }
    const answers = every.flatMap((s) => (s.answer === null ? [] : [s.answer]))
    row('  of which the state answer', median(answers), 'ms median', spread(answers, 'answers'))
    row(
      `hold ← (${HOLD_KEYS} keys ${HOLD_GAP_MS} ms apart): last key to its clock`,
      held.settled,
      'ms',
      `${held.drawn} of ${HOLD_KEYS} clocks drawn on the way`,
    )
  })
  const overview = await overviewBytes(replay)
  row('the overview the page got', overview.bytes / 1024, 'KiB', `${overview.answers} answer(s)`)
  await replay.close()
}

/**
 * Moves the scrubber to `clock` as a jump does (one change, not a clock at a time), stamping the
 * moment as a click would, and leaves the keyboard on it for the clocks back.
 */
async function scrubTo(page: Page, clock: number): Promise<void> {
  await page.getByLabel('scrub to clock').focus()
  await page.evaluate((to) => {
    const scrubber = document.querySelector<HTMLInputElement>('[aria-label="scrub to clock"]')
    if (!scrubber) throw new Error('no scrubber')
    window.benchClickAt = performance.now()
    // React's onChange follows the input event, with the value set as a user's move sets it.
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set
    setValue?.call(scrubber, String(to))
    scrubber.dispatchEvent(new Event('input', { bubbles: true }))
  }, clock)
}

/** Stamps each time the graph says it drew a clock (`data-clock`), as the page sees it. */
async function markGraphClocks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const graph = document.querySelector('.graph-view')
    const drawn: Record<string, number[]> = {}
    ;(window as unknown as { benchDrawn: typeof drawn }).benchDrawn = drawn
    if (!graph) return
    new MutationObserver(() => {
      const clock = graph.getAttribute('data-clock')
      if (clock !== null) (drawn[clock] ??= []).push(performance.now())
    }).observe(graph, { attributes: true, attributeFilter: ['data-clock'] })
  })
}

/** One scrub of a clock: to it shown, and its parts (null where the page has no timing). */
interface Scrub {
  readonly clock: number
  readonly shown: number
  /** From the key to the state's request sent: the page's work before it asks. */
  readonly asked: number | null
  /** The state's request, from sent to read, as the page timed it. */
  readonly answer: number | null
  /** Of it, the lab's wait: from the request sent to its first byte. */
  readonly wait: number | null
  /** From the answer to the graph saying it drew the clock. */
  readonly drawn: number | null
}

/** A scrub's figures as printed, in order. */
const SCRUB_PARTS: readonly (readonly [string, (s: Scrub) => number | null])[] = [
  ['to shown (ms)', (s) => s.shown],
  ['key to state asked (ms)', (s) => s.asked],
  ['state answer (ms)', (s) => s.answer],
  ["of which the lab's wait", (s) => s.wait],
  ['answer to graph drawn (ms)', (s) => s.drawn],
]

/** The parts of the scrub just shown: its clock's last state request since the key went down. */
async function scrubParts(page: Page, clock: number): Promise<Omit<Scrub, 'clock' | 'shown'>> {
  return page.evaluate((clock) => {
    const since = window.benchClickAt
    const asked = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(
      (e) => e.name.includes(`/state?clock=${clock}&`) && e.startTime >= since,
    )
    const last = asked[asked.length - 1]
    if (!last) return { asked: null, answer: null, wait: null, drawn: null }
    const drawn = (window as unknown as { benchDrawn: Record<string, number[]> }).benchDrawn
    const at = drawn[String(clock)]?.find((t) => t >= last.responseEnd)
    return {
      asked: last.startTime - since,
      answer: last.responseEnd - last.startTime,
      wait: last.responseStart - last.requestStart,
      drawn: at === undefined ? null : at - last.responseEnd,
    }
  }, clock)
}

/** Keys a held arrow key repeats, and how far apart (a keyboard's repeat rate, about 30/s). */
const HOLD_KEYS = 15
const HOLD_GAP_MS = 33

/**
 * Holds an arrow key as a keyboard repeats it (HOLD_KEYS presses HOLD_GAP_MS apart, whether or
 * not the page keeps up): how long from the last key to its clock shown, and how many of the
 * clocks passed the graph drew on the way.
 */
async function holdKey(page: Page, key: 'ArrowLeft'): Promise<{ settled: number; drawn: number }> {
  const from = Number(await page.getByTestId('replay-clock').textContent())
  const to = from - HOLD_KEYS
  const started = await page.evaluate(() => performance.now())
  for (let i = 0; i < HOLD_KEYS; i++) {
    const pressed = performance.now()
    await page.keyboard.press(key)
    const left = HOLD_GAP_MS - (performance.now() - pressed)
    if (i < HOLD_KEYS - 1 && left > 0) await new Promise((resolve) => setTimeout(resolve, left))
  }
  const settled = await sinceClick(page, SHOWS_CLOCK, to)
  const drawn = await page.evaluate(
    ({ from, to, started }) => {
      const marks = (window as unknown as { benchDrawn: Record<string, number[]> }).benchDrawn
      let count = 0
      for (let clock = to; clock < from; clock++)
        if (marks[String(clock)]?.some((t) => t >= started)) count++
      return count
    },
    { from, to, started },
  )
  return { settled, drawn }
}

/** The whole-run overview's answers (GET …/series, no from/to) and their bodies' bytes. */
async function overviewBytes(page: Page): Promise<{ bytes: number; answers: number }> {
  return page.evaluate(() => {
    const answers = performance
      .getEntriesByType('resource')
      .filter(
        (e) => /\/series\?/.test(e.name) && !/from=/.test(e.name),
      ) as PerformanceResourceTiming[]
    return {
      bytes: answers.reduce((sum, e) => sum + e.decodedBodySize, 0),
      answers: answers.length,
    }
  })
}

function max(values: readonly number[]): string {
  return Math.max(...values).toFixed(0)
}
