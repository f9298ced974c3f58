/// <reference lib="dom" />
// Callbacks passed to page.evaluate run in the browser.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { launchChromium } from '../support/browser'
import { freeLabPorts, labReady, spawnLab } from '../support/lab-process'
import { heading, row } from './report'
import { api } from './lab-api'
import { largeNetworkFigures } from './ui-large.bench'
import {
  apiStepRate,
  attempt,
  clickNode,
  clicksRow,
  clickToVisible,
  CLOCK_ABOVE,
  DETAILS_OF,
  idleFps,
  pageClock,
  PAGE_PROBES,
  play,
  playRow,
  sinceClick,
  WHOLE_DETAILS_OF,
} from './ui-page'

const SPEEDS = [5, 10, 30, 100, 1000]
const CLICKS = 10
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

    await largeNetworkFigures(browser, base, 2000)

    heading('Replay: the 2,000-node run just recorded')
    await api(base, '/api/network', { nodes: 3, topology: 'mesh' })
    await replayFigures(browser, base)
    await largeNetworkFigures(browser, base, 10_000, { clicks: 5 })
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
