import type { Browser, Page } from 'playwright-core'
import { heading } from './report'
import { api } from './lab-api'
import { withLabInBrowser } from './ui-lab'
import { openPage, setSpeed, showCharts } from './ui-page'

/** How long each speed is profiled, after a short warm-up. */
const PROFILE_MS = 4_000
const TOP = 25

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }
  children?: number[]
}

/**
 * Where the live page's main thread goes while it plays with all six charts on screen
 * (`npm run bench -- ui-profile`): Chromium's sampling profiler (self time per function, and the
 * inclusive time of the page's components; with PROFILE_TURN=1 also what the charts' turns
 * spend, see FramePacer), then a trace's main-thread time by kind of work (script, layout,
 * paint, commit) with the layouts forced from script. The UI is minified: names read best with
 * an unminified build (docs/performance.md says how). It shows where the time goes, not how
 * fast the page is: nothing is compared. PROFILE_SPEEDS=1000 profiles that speed alone;
 * PROFILE_NODES=10000 a large network (random:8) with the page at its top, as ui-large plays it
 * (PROFILE_TX=0.1 with a workload of that many transfers a clock).
 */
export async function benchUiProfile(
  speeds: readonly number[] = (process.env['PROFILE_SPEEDS'] ?? '100,1000').split(',').map(Number),
): Promise<void> {
  const nodes = Number(process.env['PROFILE_NODES'] ?? 3)
  await withLabInBrowser(async (browser, base) => {
    if (nodes > 3) {
      // A large network as ui-large plays it, the page at its top (the graph in view).
      // Workload off, said outright (a new network keeps the current one's, ui-large.bench.ts),
      // unless PROFILE_TX gives its transfers a clock.
      const txRate = process.env['PROFILE_TX'] ? Number(process.env['PROFILE_TX']) : null
      if (Number.isNaN(txRate)) throw new Error('PROFILE_TX: transfers a clock, a number')
      heading(
        `Live UI profile: ${nodes} nodes (random:8), auto-mine every 50 clocks, ${txRate === null ? 'no workload' : `workload ${txRate} tx/clock`}, page top`,
      )
      await api(base, '/api/network', { nodes, topology: 'random:8', interval: 50, txRate })
    } else {
      heading('Live UI profile: 3 nodes, auto-mine every 20 clocks, workload 0.5 tx/clock, charts')
      await api(base, '/api/network', { nodes: 3, interval: 20, txRate: 0.5, difficulty: 8 })
    }
    await api(base, '/api/network/start', {})
    const page = await openPage(browser, base)
    await page.getByRole('button', { name: 'Step', exact: true }).waitFor()
    if (nodes > 3)
      await page.waitForFunction(() => document.querySelector('.graph-view[data-layout]'), null, {
        timeout: 180_000,
      })
    const charts = nodes <= 3
    for (const speed of speeds) await profileAt(page, speed, charts)
    for (const speed of speeds) await traceAt(browser, page, speed, charts)
    await page.close()
  })
}

async function profileAt(page: Page, speed: number, charts: boolean): Promise<void> {
  await setSpeed(page, speed)
  await page.getByRole('button', { name: 'Play', exact: true }).click()
  if (charts) await showCharts(page)
  await page.waitForTimeout(1_500)
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
  await cdp.send('Profiler.start')
  await page.waitForTimeout(PROFILE_MS)
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
    profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }
  }
  await cdp.detach()
  await page.getByRole('button', { name: 'Pause', exact: true }).click()
  const self = new Map<number, number>()
  profile.samples.forEach((id, i) =>
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
  )
  const byName = new Map<string, number>()
  let total = 0
  for (const node of profile.nodes) {
    const us = self.get(node.id) ?? 0
    total += us
    const { functionName, url, lineNumber, columnNumber } = node.callFrame
    const file = url.split('/').pop() ?? ''
    const name = `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}:${columnNumber + 1}`
    byName.set(name, (byName.get(name) ?? 0) + us)
  }
  const idle = [...byName].filter(([n]) => n.startsWith('(idle)')).reduce((a, [, v]) => a + v, 0)
  console.log(
    `\nat ${speed}/s: ${(total / 1000).toFixed(0)} ms sampled, ${((100 * (total - idle)) / total).toFixed(0)} % not idle`,
  )
  for (const [name, us] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, TOP))
    console.log(`${((100 * us) / total).toFixed(1).padStart(6)} %  ${name}`)
  // Inclusive time of the functions that samples pass through, each sample counted once a name.
  const parent = new Map<number, number>()
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id)
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const inclusive = new Map<string, number>()
  const inTurn = new Map<string, number>()
  profile.samples.forEach((id, i) => {
    const names = new Set<string>()
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = byId.get(at)?.callFrame.functionName
      if (name) names.add(name)
    }
    for (const name of names)
      inclusive.set(name, (inclusive.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0))
    if (names.has('turn'))
      for (const name of names)
        inTurn.set(name, (inTurn.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0))
  })
  if (process.env['PROFILE_TURN']) {
    console.log("inclusive, within the charts' turns:")
    for (const [name, us] of [...inTurn].sort((a, b) => b[1] - a[1]).slice(0, 70))
      console.log(`${((100 * us) / total).toFixed(1).padStart(6)} %  ${name}`)
  }
  console.log('inclusive, components and own functions (capitalised or named below):')
  const own =
    /^([A-Z]|use[A-Z]|window$|flatten$|turn$|flush$|apply$|statusSpans$|valuesAt$|totalsOver$|filterLog$|ledgerOf$|fetch$|resize$)/
  for (const [name, us] of [...inclusive]
    .filter(([n]) => own.test(n))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 40))
    console.log(`${((100 * us) / total).toFixed(1).padStart(6)} %  ${name}`)
}

interface TraceEvent {
  name: string
  ph: string
  dur?: number
  tid: number
  pid: number
  args?: { name?: string; data?: { frame?: string } }
}

/**
 * The main thread's time by kind of work (script, style, layout, paint…) from a Chromium trace:
 * what the JavaScript profile counts as "(program)". Events nested in others count once, in the
 * outermost; forced layouts (inside script) are counted apart as well.
 */
async function traceAt(
  browser: Browser,
  page: Page,
  speed: number,
  charts: boolean,
): Promise<void> {
  await setSpeed(page, speed)
  await page.getByRole('button', { name: 'Play', exact: true }).click()
  if (charts) await showCharts(page)
  await page.waitForTimeout(1_500)
  await browser.startTracing(page, {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'],
  })
  await page.waitForTimeout(PROFILE_MS)
  const buffer = await browser.stopTracing()
  await page.getByRole('button', { name: 'Pause', exact: true }).click()
  const events = (JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] }).traceEvents
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
  const onMain = events
    .filter((e) => main && e.tid === main.tid && e.pid === main.pid && e.ph === 'X' && e.dur)
    .sort((a, b) => (a as unknown as { ts: number }).ts - (b as unknown as { ts: number }).ts)
  // Self time per kind of event: an event's time less that of the events inside it.
  const self = new Map<string, number>()
  const forced = new Map<string, number>()
  const stack: { name: string; end: number }[] = []
  for (const e of onMain) {
    const ts = (e as unknown as { ts: number }).ts
    const dur = e.dur ?? 0
    while (stack.length > 0 && ts >= (stack[stack.length - 1] as { end: number }).end) stack.pop()
    const parent = stack[stack.length - 1]
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - dur)
    self.set(e.name, (self.get(e.name) ?? 0) + dur)
    if (
      ['Layout', 'UpdateLayoutTree'].includes(e.name) &&
      stack.some(
        (s) =>
          s.name === 'FunctionCall' || s.name === 'FireAnimationFrame' || s.name === 'V8.Execute',
      )
    ) {
      const frames =
        (
          e.args as
            | {
                beginData?: {
                  stackTrace?: { functionName: string; url: string; lineNumber: number }[]
                }
              }
            | undefined
        )?.beginData?.stackTrace ?? []
      const at = frames
        .slice(0, 3)
        .map((f) => `${f.functionName}:${f.lineNumber}`)
        .join(' < ')
      forced.set(`${e.name} ${at}`, (forced.get(`${e.name} ${at}`) ?? 0) + dur)
    }
    stack.push({ name: e.name, end: ts + dur })
  }
  console.log(`\nat ${speed}/s, main thread's self time by event over ${PROFILE_MS} ms:`)
  for (const [name, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 16))
    console.log(
      `${((100 * us) / (PROFILE_MS * 1000)).toFixed(1).padStart(6)} % of the time  ${name}`,
    )
  for (const [name, us] of [...forced].sort((a, b) => b[1] - a[1]).slice(0, 8))
    console.log(
      `${((100 * us) / (PROFILE_MS * 1000)).toFixed(1).padStart(6)} % of the time  forced ${name} inside script`,
    )
}
