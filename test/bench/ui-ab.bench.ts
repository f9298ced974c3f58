import { execFileSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { extname, join, normalize, resolve, sep } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { CONTENT_SECURITY_POLICY } from '../../src/shared/content-security-policy'
import { heading, row } from './report'
import { api } from './lab-api'
import { withLabInBrowser } from './ui-lab'
import { graphOnScreen, openPage, play } from './ui-page'

const ROOT = resolve(import.meta.dirname, '../..')
const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
}

/**
 * Two builds of the UI against one lab, in turn (`UI_AB=before,after npm run bench -- ui-ab`):
 * each is a commit (exported with `git archive`) or `.` for the worktree's sources as they are.
 * Each round opens a page of A, then of B (then B, then A: the order flips every round, so that
 * neither build always plays the lab's later clocks), plays every speed with the six charts on
 * screen, and closes it. On a machine others load, figures of two builds a minute apart are
 * noise; taken in turn, their ratios hold. UI_AB_ROUNDS (2), UI_AB_SPEEDS (100,1000),
 * UI_AB_MINIFY=0 for unminified builds, UI_AB_NODES=10000 for a large network (random:8)
 * played with the page at its top. UI_AB_LOADS=5 first times that many page loads per build and
 * round to the large graph's first frame (its nodes and links on screen, see graphOnScreen);
 * UI_AB_SPEEDS= (empty) then plays nothing. The lab's own headers come with each page (its
 * preload of the overview too), so the two builds differ only in their files.
 */
export async function benchUiAb(): Promise<void> {
  const [a, b] = (process.env['UI_AB'] ?? 'HEAD,.').split(',')
  if (!a || !b) throw new Error('UI_AB=revA,revB (a commit, or . for the worktree)')
  const rounds = Number(process.env['UI_AB_ROUNDS'] ?? 2)
  const speeds = (process.env['UI_AB_SPEEDS'] ?? '100,1000').split(',').filter(Boolean).map(Number)
  // Page loads per build and round timed to the graph's first frame (a large network's).
  const loads = Number(process.env['UI_AB_LOADS'] ?? 0)
  const minify = process.env['UI_AB_MINIFY'] !== '0'
  // A large network (random:8) is played with the page at its top, the graph in view.
  const nodes = Number(process.env['UI_AB_NODES'] ?? 3)
  const charts = nodes <= 3
  const work = mkdtempSync(join(tmpdir(), 'chain-lab-ui-ab-'))
  try {
    const builds = [
      { name: a, dir: buildOf(a, work, 'a', minify) },
      { name: b, dir: buildOf(b, work, 'b', minify) },
    ]
    await withLabInBrowser(async (browser, base) => {
      heading(
        `Live UI, two builds in turn: A = ${a}, B = ${b}; ` +
          (charts ? '3 nodes, six charts on screen' : `${nodes} nodes (random:8), page top`),
      )
      await api(
        base,
        '/api/network',
        charts
          ? { nodes: 3, interval: 20, txRate: 0.5, difficulty: 8 }
          : { nodes, topology: 'random:8', interval: 50 },
      )
      await api(base, '/api/network/start', {})
      const figures = new Map<string, Awaited<ReturnType<typeof play>>[]>()
      const drawn = new Map<string, number[]>()
      for (let round = 0; round < rounds; round++) {
        const order = round % 2 === 0 ? builds : [...builds].reverse()
        for (const build of order) {
          const which = build.name === a ? 'A' : 'B'
          for (let load = 0; load < loads; load++) {
            const page = await openPage(browser, 'about:blank')
            await serveFrom(page, base, build.dir)
            await page.goto(base)
            const shown = await graphOnScreen(page, nodes)
            await page.close()
            drawn.set(which, [...(drawn.get(which) ?? []), shown.links])
            console.log(
              `round ${round + 1} ${which} load ${load + 1}: ${nodes} nodes and links on screen ` +
                `${shown.links.toFixed(0)} ms (nodes ${shown.nodes.toFixed(0)})  load ${loadAverage()}`,
            )
          }
          if (speeds.length === 0) continue
          const page = await pageOf(browser, base, build.dir, charts)
          for (const speed of speeds) {
            const r = await play(page, base, speed, { charts })
            const key = `${build.name === a ? 'A' : 'B'} ${speed}`
            figures.set(key, [...(figures.get(key) ?? []), r])
            console.log(
              `round ${round + 1} ${key.padEnd(7)} ${r.rate.toFixed(0).padStart(5)} clocks/s ` +
                `${r.fps.toFixed(1).padStart(5)} fps  busy ${(100 * r.busy).toFixed(0)} %  ` +
                `${((1000 * r.busy) / r.fps).toFixed(1)} ms CPU a frame  ` +
                `longest frame ${r.longest.toFixed(0)} ms  ` +
                (charts ? `charts on screen ${r.charts}  ` : '') +
                `load ${loadAverage()}`,
            )
          }
          await page.close()
        }
      }
      console.log('Medians over the rounds:')
      for (const which of loads > 0 ? ['A', 'B'] : []) {
        const times = drawn.get(which) ?? []
        row(
          `  ${which}: page load to ${nodes} nodes and links on screen`,
          median(times),
          'ms',
          `${times.length} loads, ${Math.min(...times).toFixed(0)}-${Math.max(...times).toFixed(0)}`,
        )
      }
      for (const speed of speeds)
        for (const which of ['A', 'B']) {
          const rs = figures.get(`${which} ${speed}`) ?? []
          row(
            `  ${which} at ${speed}/s`,
            median(rs.map((r) => r.fps)),
            'fps',
            `${median(rs.map((r) => r.rate)).toFixed(0)} clocks/s, main thread ` +
              `${(100 * median(rs.map((r) => r.busy))).toFixed(0)} % busy; ` +
              `fps per round ${rs.map((r) => r.fps.toFixed(0)).join(' / ')}`,
          )
        }
    })
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

/** The middle value, or the mean of the middle two (of two rounds, their mean). */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 2).join(' ')
}

/** The renderer of `rev` (or of the worktree, `.`) built into a folder of `work`. */
function buildOf(rev: string, work: string, name: string, minify: boolean): string {
  const out = join(work, name)
  let sources = ROOT
  if (rev !== '.') {
    sources = join(work, `${name}-src`)
    mkdirSync(sources)
    execFileSync('sh', ['-c', `git archive "$0" | tar -x -C "$1"`, rev, sources], { cwd: ROOT })
    symlinkSync(join(ROOT, 'node_modules'), join(sources, 'node_modules'))
  }
  const args = ['--import', 'tsx', join(ROOT, 'test/bench/ui-build.ts'), out]
  execFileSync(process.execPath, minify ? args : [...args, '--no-minify'], {
    cwd: sources,
    stdio: 'inherit',
  })
  if (!existsSync(join(out, 'index.html'))) throw new Error(`no build of ${rev}`)
  return out
}

/** A page of the lab whose UI files come from `dir` (the API is the lab's). */
async function pageOf(browser: Browser, base: string, dir: string, charts: boolean): Promise<Page> {
  const page = await openPage(browser, 'about:blank')
  await serveFrom(page, base, dir)
  await page.goto(base)
  await page.getByRole('button', { name: 'Step', exact: true }).waitFor()
  await page.waitForFunction(() => document.querySelectorAll('figure.chart').length === 6)
  // A large network's graph once its layout (from its worker) is drawn.
  if (!charts)
    await page.waitForFunction(() => document.querySelector('.graph-view[data-layout]'), null, {
      timeout: 180_000,
    })
  // The page settles (the graph's layout, the first charts) before it is measured.
  await page.waitForTimeout(1_000)
  return page
}

/**
 * The page's UI files from `dir`, the API the lab's: `index.html` with the lab's own headers (its
 * policy and its preload of the overview), so that two builds differ only in their files.
 */
async function serveFrom(page: Page, base: string, dir: string): Promise<void> {
  await page.route(`${base}/**`, async (route) => {
    const { pathname } = new URL(route.request().url())
    const path = normalize(join(dir, pathname === '/' ? 'index.html' : pathname))
    if (
      !path.startsWith(dir + sep) ||
      !existsSync(path) ||
      !statSync(path).isFile() ||
      route.request().method() !== 'GET'
    )
      return route.continue()
    // The page itself with the lab's headers; its scripts and sheets with their type.
    const lab = pathname === '/' ? (await route.fetch()).headers() : {}
    delete lab['content-length']
    await route.fulfill({
      body: readFileSync(path),
      headers: {
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        ...lab,
        'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
      },
    })
  })
}
