/// <reference lib="dom" />
// Callbacks passed to page.evaluate run in the browser.
import type { Browser, Page } from 'playwright-core'
import { api } from './lab-api'
import { withLabInBrowser } from './ui-lab'
import { heading, row } from './report'
import {
  apiStepRate,
  attempt,
  clicksRow,
  graphLoadSplit,
  graphOnScreen,
  median,
  nodeClick,
  play,
  playRow,
  openPage,
} from './ui-page'

/** Milliseconds from navigation until the force layout (computed in a worker) is drawn. */
async function layoutDrawn(page: Page, timeout: number): Promise<number> {
  await page.waitForFunction(() => document.querySelector('.graph-view[data-layout]'), null, {
    timeout,
  })
  return page.evaluate(() => performance.now())
}

/**
 * Nodes spread over the network that a person could click: none other drawn within 2 px of it.
 * At 10,000 nodes in a 430 px graph many are drawn within a pixel of another, and a click, at
 * whole pixels, then means the nearer one (a person zooms or uses Find for those).
 */
async function clickableNodes(page: Page, nodes: number, clicks: number): Promise<string[]> {
  return page.locator('.graph-view').evaluate(
    (el, { nodes, clicks }) => {
      type View = { screenPosition(id: string): { x: number; y: number } }
      const view = (el as HTMLElement & { graphView?: View }).graphView
      if (!view) throw new Error('the graph is not drawn with WebGL')
      const at = Array.from({ length: nodes }, (_, i) => view.screenPosition(`node${i + 1}`))
      const picked: string[] = []
      for (let k = 0; picked.length < clicks && k < nodes; k++) {
        // Spread over the network: the i-th pick starts from the i-th slice of the names.
        const i = (Math.floor(((picked.length + 0.5) * nodes) / clicks) + k) % nodes
        const p = at[i] as { x: number; y: number }
        const crowded = at.some((q, j) => j !== i && Math.hypot(p.x - q.x, p.y - q.y) < 2)
        if (!crowded && !picked.includes(`node${i + 1}`)) {
          picked.push(`node${i + 1}`)
          k = -1
        }
      }
      return picked
    },
    { nodes, clicks },
  )
}

/** Node clicks spread over the network, apart by more than a double click's 300 ms. */
async function nodeClicks(page: Page, nodes: number, clicks: number) {
  const shown: number[] = []
  const whole: number[] = []
  const ids = await clickableNodes(page, nodes, clicks)
  for (const id of ids) {
    const [details, all] = await nodeClick(page, id)
    shown.push(details as number)
    whole.push(all as number)
    await page.waitForTimeout(350)
  }
  return { shown, whole }
}

/**
 * A large network in the live page: created through the API, the page opened on it (time to
 * every node drawn, and to the force layout), node clicks (after the layout: the nodes move when
 * it comes), and playing at 30 and 1,000 clocks a second (clocks reached, frames drawn).
 */
export async function largeNetworkFigures(
  browser: Browser,
  base: string,
  nodes: number,
  { clicks = 10, playMs = 4_000 } = {},
): Promise<void> {
  heading(`Live UI: ${nodes.toLocaleString('en')} nodes (random:8), auto-mine every 50 clocks`)
  const created = performance.now()
  // Workload off, said outright: a new network keeps the current one's, and in `npm run bench -- ui`
  // the three nodes before ran 0.5 tx a clock, which 2,000 nodes relayed at 12 clocks/s, not 130.
  await api(base, '/api/network', { nodes, topology: 'random:8', interval: 50, txRate: null })
  await api(base, '/api/network/start', {})
  row('create + start through the API', performance.now() - created, 'ms')
  row('API step rate, 1 clock a request', await apiStepRate(base, 1, 3_000), 'clocks/s')
  row('API step rate, 20 clocks a request', await apiStepRate(base, 20, 3_000), 'clocks/s')
  const slow = nodes * 30
  // The first frame of several page loads (the figures below are their medians; a single load
  // on a machine others load too is off by a third either way). The last page stays open.
  const loads = nodes <= 2000 ? Number(process.env['UI_LARGE_LOADS'] ?? 5) : 1
  const draws: { nodes: number; links: number; split: Record<string, number> }[] = []
  let page = await openPage(browser, base)
  await attempt('draw', async () => {
    for (let load = 1; ; load++) {
      const shown = await graphOnScreen(page, nodes)
      draws.push({ ...shown, split: await graphLoadSplit(page) })
      if (load >= loads) break
      await page.close()
      page = await openPage(browser, base)
    }
    const n = nodes.toLocaleString('en')
    const of = (figure: (d: (typeof draws)[number]) => number) => draws.map(figure)
    const spread = (values: number[]) =>
      values.length > 1
        ? `${draws.length} loads: ${values.map((v) => v.toFixed(0)).join(', ')}`
        : ''
    const shown = of((d) => d.nodes)
    const links = of((d) => d.links)
    row(`page load to ${n} nodes on screen`, median(shown), 'ms', spread(shown))
    row(`page load to ${n} nodes and their links on screen`, median(links), 'ms', spread(links))
    const at = (what: string, key: string) =>
      row(`  ${what}`, median(of((d) => d.split[key] ?? NaN)), 'ms')
    at("the page's script run (DOMContentLoaded)", 'script')
    at('the overview fetched', 'overview')
    at("sigma's chunk fetched", 'sigma')
    at("the page's first render with it done, the graph begun", 'begun')
    at("the graph's model built", 'built')
    at('sigma made and drawn: on screen from the next frame', 'drawn')
    row('page load to the force layout drawn', await layoutDrawn(page, slow), 'ms')
  })
  await attempt('node click', async () => {
    const times = await nodeClicks(page, nodes, clicks)
    clicksRow('node click to its details shown (paused)', times.shown)
    clicksRow('  ... to its balances, peers and pool shown', times.whole)
  })
  for (const speed of [30, 1000])
    await attempt(`play at ${speed}/s`, async () =>
      playRow(`at ${speed}/s`, await play(page, base, speed, { ms: playMs }), {
        rate: Math.min(speed, 20),
        fps: 30,
      }),
    )
  // A page left open would draw the next network too, taking the CPU from the one measured.
  await page.close()
}

/**
 * The large-network part of `ui` alone (`npm run bench -- ui-large`): 2,000 and 10,000 nodes, or
 * the sizes UI_LARGE_NODES names (`UI_LARGE_NODES=2000`: a minute, not five).
 */
export async function benchUiLarge(): Promise<void> {
  const sizes = (process.env['UI_LARGE_NODES'] ?? '2000,10000').split(',').map(Number)
  await withLabInBrowser(async (browser, base) => {
    for (const nodes of sizes)
      await largeNetworkFigures(browser, base, nodes, nodes > 2000 ? { clicks: 5 } : {})
  })
}
