import type { Browser } from 'playwright-core'
import { heading, row } from './report'
import { api } from './lab-api'
import { withLabInBrowser } from './ui-lab'
import { largeNetworkFigures } from './ui-large.bench'
import {
  apiStepRate,
  attempt,
  clicksRow,
  clickToVisible,
  idleFps,
  nodeClicks,
  nodeClicksRows,
  openPage,
  play,
  playRow,
  scrollToTop,
  showCharts,
  SPEEDS,
  stepClicks,
} from './ui-page'

/**
 * The live UI in headless Chromium: play speeds, frame rates, click-to-visible times, replay.
 * `threeNodesOnly` (`npm run bench -- ui-3`): the three-node figures alone, a minute or so.
 */
export async function benchUi(threeNodesOnly = false): Promise<void> {
  await withLabInBrowser(async (browser, base) => {
    await threeNodes(browser, base)
    if (threeNodesOnly) return
    await largeNetworkFigures(browser, base, 2000)
    heading('Replay: the 2,000-node run just recorded')
    await api(base, '/api/network', { nodes: 3, topology: 'mesh' })
    await replayFigures(browser, base)
    await largeNetworkFigures(browser, base, 10_000, { clicks: 5 })
  })
}

/**
 * Issue 11's three-node figures: Step and node clicks to visible, then every speed played twice,
 * with the page at its top (the graph, three charts out of view) and with all six charts on
 * screen.
 */
async function threeNodes(browser: Browser, base: string): Promise<void> {
  heading('Live UI: 3 nodes (mesh), auto-mine every 20 clocks, workload 0.5 tx/clock')
  await api(base, '/api/network', { nodes: 3, interval: 20, txRate: 0.5, difficulty: 8 })
  await api(base, '/api/network/start', {})
  row('API step rate, 1 clock a request', await apiStepRate(base, 1), 'clocks/s')
  row('API step rate, 100 clocks a request', await apiStepRate(base, 100), 'clocks/s')
  row('API step rate, 1,000 clocks a request', await apiStepRate(base, 1000), 'clocks/s')
  const page = await openPage(browser, base)
  await page.getByRole('button', { name: 'Step', exact: true }).waitFor()
  await attempt('Step click', async () =>
    clicksRow('Step click to clock shown', await stepClicks(page)),
  )
  await attempt('node click', async () =>
    nodeClicksRows(await nodeClicks(page, ['node2', 'node3'])),
  )
  row('page paused, for comparison', await idleFps(page), 'fps')
  console.log('The page at its top (graph and node; three charts in view):')
  for (const speed of SPEEDS)
    await attempt(`play at ${speed}/s`, async () =>
      playRow(`at ${speed}/s`, await play(page, base, speed), target(speed)),
    )
  const shown = await showCharts(page)
  console.log(`Scrolled to the charts (${shown} of 6 wholly on screen):`)
  row('page paused, charts on screen', await idleFps(page), 'fps')
  for (const speed of SPEEDS)
    await attempt(`play at ${speed}/s`, async () =>
      playRow(`at ${speed}/s`, await play(page, base, speed, { charts: true }), target(speed)),
    )
  await scrollToTop(page)
  // A page left open would draw the next network too, taking the CPU from the one measured.
  await page.close()
}

/** Issue 11's figure for three nodes at a setting: 95 % of it, 1,000/s at the top, 50 fps. */
function target(speed: number): { rate: number; fps: number } {
  return { rate: speed === SPEEDS[SPEEDS.length - 1] ? 1000 : 0.95 * speed, fps: 50 }
}

/** Opening the recorded 2,000-node run in a fresh page, then scrubbing it back a clock at a time. */
export async function replayFigures(browser: Browser, base: string): Promise<void> {
  const runs = (await api(base, '/api/runs')) as { id: number; nodes: number; clocks: number }[]
  const recorded = runs.find((r) => r.nodes === 2000)
  if (!recorded) throw new Error('the 2,000-node run was not recorded')
  row('clocks recorded', recorded.clocks, 'clocks')
  const replay = await openPage(browser, base)
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
