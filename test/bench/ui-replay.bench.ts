import { writeFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { heading, row } from './report'
import { api } from './lab-api'
import { withLabInBrowser } from './ui-lab'
import { attempt, clickToVisible, median, openPage, p90 } from './ui-page'

/**
 * The replay part alone (`npm run bench -- ui-replay`): a 2,000-node run (random:8, auto-mine
 * every 50 clocks) recorded through the API, `--clocks` clocks long (default 200), then opened
 * and scrubbed in headless Chromium as `ui` does.
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

/**
 * Where the scrubs start: the end (as Open then End leaves it), then jumps back and forth as a
 * click on a chart makes them, each a fraction of the run. After each, SCRUBS_PER_JUMP clocks
 * back one at a time: the first clock back after a jump is the slow case (the jump's rebuild,
 * and after the open the log and the overview, still under way).
 */
const JUMPS = [1, 0.6, 0.3, 0.85]
const SCRUBS_PER_JUMP = 5

/** The state at `want` is drawn: the clock shown, and the graph says which clock it draws. */
const SHOWS_CLOCK = `(want) => {
  if (Number(document.querySelector('[data-testid=replay-clock]')?.textContent) !== want) return false
  const gl = document.querySelector('.graph-view')
  if (gl) return gl.getAttribute('data-clock') === String(want)
  const title = document.querySelector('svg.graph g.node title')?.textContent ?? ''
  return title.includes('at clock ' + want + ',')
}`

/**
 * Opening the recorded 2,000-node run in a fresh page, then scrubbing it: 20 clocks back one at
 * a time, five after each of four jumps, so that the p90 is not the slowest of five. Prints the
 * open, the log and overview loading after it, the jumps, the scrubs' median / p90 / max (and
 * the lab's share of them), and the bytes of the overview the page got.
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
    await markGraphClocks(replay)
    const jumps: number[] = []
    const scrubs: number[] = []
    const scrubbed: number[] = []
    for (const at of JUMPS) {
      const to = Math.round(at * recorded.clocks)
      jumps.push(await clickToVisible(replay, () => scrubTo(replay, to), SHOWS_CLOCK, to))
      for (let i = 1; i <= SCRUBS_PER_JUMP; i++) {
        scrubbed.push(to - i)
        scrubs.push(
          await clickToVisible(
            replay,
            () => replay.keyboard.press('ArrowLeft'),
            SHOWS_CLOCK,
            to - i,
          ),
        )
      }
    }
    if (cdp && profile) {
      const { profile: taken } = await cdp.send('Profiler.stop')
      writeFileSync(profile, JSON.stringify(taken))
      console.log(`  the page's CPU profile over the scrubs: ${profile}`)
    }
    row('jump to a clock, to it shown', median(jumps), 'ms median', `max ${max(jumps)} ms`)
    row(
      'scrub one clock back, to it shown',
      median(scrubs),
      'ms median',
      `p90 ${p90(scrubs).toFixed(0)} ms, max ${max(scrubs)} ms, ${scrubs.length} scrubs`,
    )
    console.log(`  scrubs in order (ms): ${scrubs.map((s) => s.toFixed(0)).join(' ')}`)
    // Where a scrub's time goes: the lab's answer (the state's request, as the page timed it),
    // the rest is the page's.
    const answers = await stateAnswers(replay, scrubbed)
    row(
      '  of which the state answer',
      median(answers),
      'ms median',
      `p90 ${p90(answers).toFixed(0)} ms, max ${max(answers)} ms, ${answers.length} answers`,
    )
    console.log(`  state answers in order (ms): ${answers.map((s) => s.toFixed(0)).join(' ')}`)
    // The lab's own part of each: from the request sent to its first byte (the rest is the
    // browser queueing the request and reading the answer).
    const waits = await stateAnswers(replay, scrubbed, 'wait')
    console.log(`  of which the lab's wait (ms): ${waits.map((s) => s.toFixed(0)).join(' ')}`)
    // The page's part: from the state's answer to the graph saying it drew that clock.
    const drawing = await answerToDrawn(replay, scrubbed)
    console.log(`  answer to graph drawn (ms): ${drawing.map((s) => s.toFixed(0)).join(' ')}`)
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

/** Stamps each clock the graph says it drew (`data-clock`), as the page sees it. */
async function markGraphClocks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const graph = document.querySelector('.graph-view')
    const drawn: Record<string, number> = {}
    ;(window as unknown as { benchDrawn: typeof drawn }).benchDrawn = drawn
    if (!graph) return
    new MutationObserver(() => {
      const clock = graph.getAttribute('data-clock')
      if (clock !== null && !(clock in drawn)) drawn[clock] = performance.now()
    }).observe(graph, { attributes: true, attributeFilter: ['data-clock'] })
  })
}

/** Per scrubbed clock: from its state's answer (its last request's end) to the graph drawing it. */
async function answerToDrawn(page: Page, clocks: readonly number[]): Promise<number[]> {
  return page.evaluate((clocks) => {
    const drawn = (window as unknown as { benchDrawn: Record<string, number> }).benchDrawn
    const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[]
    return clocks.flatMap((clock) => {
      const asked = entries.filter((e) => e.name.includes(`/state?clock=${clock}&`))
      const last = asked[asked.length - 1]
      const at = drawn[String(clock)]
      return last && at !== undefined ? [at - last.responseEnd] : []
    })
  }, clocks)
}

/** How long the lab took to answer each scrubbed clock's state (its last request), in ms. */
async function stateAnswers(
  page: Page,
  clocks: readonly number[],
  part: 'whole' | 'wait' = 'whole',
): Promise<number[]> {
  return page.evaluate(
    ([clocks, part]) => {
      const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[]
      return clocks.flatMap((clock) => {
        const asked = entries.filter((e) => e.name.includes(`/state?clock=${clock}&`))
        const last = asked[asked.length - 1]
        if (!last) return []
        return [
          part === 'wait'
            ? last.responseStart - last.requestStart
            : last.responseEnd - last.startTime,
        ]
      })
    },
    [clocks, part] as const,
  )
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
