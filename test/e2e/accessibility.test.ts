/// <reference lib="dom" />
// Callbacks passed to page.evaluate run in the browser.
import type { ChildProcess } from 'node:child_process'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LETTER_COLORS, STATUS_COLORS } from '../../src/renderer/src/charts/palette'
import type { GraphView } from '../../src/renderer/src/network/graph-model'
import { launchChromium } from '../support/browser'
import { graphDrawn } from '../support/graph-view'
import { freeLabPorts, labReady, spawnLab } from '../support/lab-process'
import { tempDir } from '../support/recording'
import { colourCounts, distance, nearest, rgbOf, screenPixels } from '../support/screen-pixels'
import { resolveColor, sheets, themeVariables } from '../support/theme-colors'

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

interface Violation {
  id: string
  impact: string | null
  help: string
  nodes: { target: string[] }[]
}

/** axe-core's serious and critical violations on the page as it stands. */
async function violations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE })
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: () => Promise<{ violations: unknown[] }> } })
      .axe
    return (await axe.run()).violations
  })
  return (found as Violation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

const TABS = ['Live network', 'Runs', 'Experiments', 'API'] as const

describe('the lab for everyone, at 1024×640 (axe-core in headless Chromium)', () => {
  let temp: ReturnType<typeof tempDir>
  let lab: ChildProcess
  let browser: Browser
  let url: string

  beforeAll(async () => {
    temp = tempDir()
    const { labPort, args } = await freeLabPorts()
    const spawned = spawnLab([...args, '--db', join(temp.dir, 'runs.sqlite')])
    lab = spawned.child
    await labReady(spawned, 60_000)
    url = `http://127.0.0.1:${labPort}/`
    browser = await launchChromium()
    // Something on every view: a started network with a fork under way, a saved run.
    const post = (path: string, body: object = {}) =>
      fetch(new URL(path, url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      })
    await post('/api/network/start')
    await post('/api/network/links/cut', { a: 'node1', b: 'node2' })
    await post('/api/network/links/cut', { a: 'node1', b: 'node3' })
    await post('/api/nodes/node1/mine')
    await post('/api/nodes/node2/mine')
    await post('/api/network/step', { clocks: 8 })
  }, 90_000)

  afterAll(async () => {
    await browser?.close()
    lab?.kill('SIGTERM')
    temp?.remove()
  })

  for (const scheme of ['light', 'dark'] as const)
    it(`has no serious or critical violation on any tab, in the ${scheme} theme`, async () => {
      const page = await browser.newPage({
        viewport: { width: 1024, height: 640 },
        bypassCSP: true,
      })
      await page.emulateMedia({ colorScheme: scheme })
      await page.goto(url)
      await page.getByTestId('clock').waitFor()
      const found: Record<string, string[]> = {}
      for (const tab of TABS) {
        await page.getByRole('tab', { name: tab }).click()
        await page.waitForTimeout(300)
        found[tab] = await violations(page)
      }
      await page.getByRole('tab', { name: 'Runs' }).click()
      await page.locator('tr[data-run="1"]').getByRole('button', { name: 'Open' }).click()
      await page.getByLabel('scrub to clock').waitFor()
      await page.waitForTimeout(500)
      found['Replay'] = await violations(page)
      await page.close()
      expect(found).toEqual({ 'Live network': [], Runs: [], Experiments: [], API: [], Replay: [] })
    }, 60_000)

  for (const scheme of ['light', 'dark'] as const)
    it(`draws the links, labels and status letters in the colours measured for AA, in the ${scheme} theme`, async () => {
      // The colours test/renderer/**/*colors.test.ts and status-letters.test.ts hold to AA: here,
      // that they are the ones on the screen (sigma draws in WebGL, out of the DOM's sight).
      const theme = themeVariables(sheets('network/graph-colors.css', 'charts/status-letters.css'))[
        scheme
      ]
      const colour = (css: string) => rgbOf(resolveColor(css, theme))
      const page = await browser.newPage({
        viewport: { width: 1024, height: 640 },
        bypassCSP: true,
      })
      await page.emulateMedia({ colorScheme: scheme })
      await page.goto(url)
      await page.getByTestId('clock').waitFor()
      await graphDrawn(page, 3)
      await page.waitForSelector('.graph-view[data-layout]')
      await page.waitForTimeout(300)
      const graph = page.locator('.graph-view').first()
      const at = (id: string) =>
        graph.evaluate(
          (el, id) =>
            (el as HTMLElement & { graphView?: GraphView }).graphView!.screenPosition(id)!,
          id,
        )
      const [node1, node2, node3] = [await at('node1'), await at('node2'), await at('node3')]
      const along = (a: { x: number; y: number }, b: { x: number; y: number }) =>
        screenPixels(page, { x: (a.x + b.x) / 2 - 4, y: (a.y + b.y) / 2 - 4, width: 9, height: 9 })
      const box = (await graph.boundingBox())!
      const card = colourCounts(
        await screenPixels(page, { x: box.x + 2, y: box.y + 2, width: 12, height: 12 }),
      )[0]!.rgb
      const drawn = {
        background: distance(card, colour('var(--card)')),
        link: nearest(await along(node2, node3), colour('var(--link)')),
        cutLink: nearest(await along(node1, node2), colour('var(--link-cut)')),
        // Text is anti-aliased: its darkest (or lightest) pixels come near its colour.
        label:
          nearest(
            await screenPixels(page, { x: node3.x + 18, y: node3.y - 9, width: 70, height: 18 }),
            colour('var(--fg)'),
          ) < 40,
      }
      // The live charts begin with the page; the recorded run's show its statuses from clock 0.
      await page.getByRole('tab', { name: 'Runs' }).click()
      await page.locator('tr[data-run="1"]').getByRole('button', { name: 'Open' }).click()
      const letter = page.locator('.timeline-letter').first()
      const status = (await letter.getAttribute('data-letter'))!
      await letter.scrollIntoViewIfNeeded()
      const chip = await screenPixels(
        page,
        (await letter.locator('xpath=preceding-sibling::*[1]').boundingBox())!,
      )
      const letters = {
        chip: distance(colourCounts(chip)[0]!.rgb, colour(STATUS_COLORS[status]!)),
        letter: nearest(chip, colour(LETTER_COLORS[status]!)) < 60,
      }
      await page.close()
      expect(drawn).toEqual({ background: 0, link: 0, cutLink: 0, label: true })
      expect(letters).toEqual({ chip: 0, letter: true })
    }, 60_000)

  it("reaches the graph's nodes by keyboard alone, and each chart is one tab stop", async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 640 }, bypassCSP: true })
    await page.goto(url)
    await page.getByTestId('clock').waitFor()
    const nodes = page.getByRole('listbox', { name: /Nodes of the graph/ })
    // Tab from the graph's find box reaches the nodes.
    await page.getByRole('button', { name: 'Find' }).focus()
    await page.keyboard.press('Tab')
    expect(await nodes.evaluate((e) => e === document.activeElement)).toBe(true)
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    const active = await nodes.evaluate(
      (e) => document.getElementById(e.getAttribute('aria-activedescendant') ?? '')?.ariaLabel,
    )
    expect(active).toMatch(/^node3, [a-z ]+, height \d+$/)
    await page.keyboard.press('Enter')
    await page.getByRole('region', { name: 'node3 details' }).waitFor()
    await page.keyboard.press('Shift+F10')
    const menu = page.getByRole('menu', { name: 'Actions on node3' })
    await menu.waitFor()
    expect(await menu.getByRole('menuitem').allTextContents()).toContain('Mine on node3')
    await page.keyboard.press('Escape')

    const stops = await page.evaluate(() => {
      const charts = document.querySelector('.charts')
      const tabbable = Array.from(
        charts?.querySelectorAll<HTMLElement | SVGElement>('[tabindex], a, button, input') ?? [],
      ).filter((e) => e.tabIndex >= 0)
      return {
        figures: charts?.querySelectorAll('figure').length ?? 0,
        tabbable: tabbable.map((e) => e.tagName.toLowerCase()),
      }
    })
    expect(stops.figures).toBe(6)
    expect(stops.tabbable).toEqual(Array(6).fill('figure'))
    // And by Tab itself: from one chart the next stop is the next chart (Chromium stopped on
    // recharts' drawing layers too, which carry no tabindex).
    await page.locator('.charts figure').first().focus()
    const order: string[] = []
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab')
      order.push(await page.evaluate(() => document.activeElement?.tagName.toLowerCase() ?? ''))
    }
    expect(order).toEqual(Array(5).fill('figure'))
    await page.close()
  }, 60_000)

  it("offers a replay's actions in its graph's keyboard menu: details, tip, the node's events, a branch", async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 640 }, bypassCSP: true })
    await page.goto(url)
    await page.getByTestId('clock').waitFor()
    await page.getByRole('tab', { name: 'Runs' }).click()
    await page.locator('tr[data-run="1"]').getByRole('button', { name: 'Open' }).click()
    await page.getByLabel('scrub to clock').waitFor()
    await page.locator('.event-log li').first().waitFor()
    const nodes = page.getByRole('listbox', { name: /Nodes of the graph/ })
    const menuOf = async (node: string) => {
      await nodes.focus()
      await page.keyboard.press('Shift+F10')
      const menu = page.getByRole('menu', { name: `Actions on ${node}` })
      await menu.waitFor()
      return menu.getByRole('menuitem').allTextContents()
    }
    const choose = async (label: RegExp) => {
      const items = await page.getByRole('menuitem').allTextContents()
      const at = items.findIndex((item) => label.test(item))
      expect(at, `${label} in ${items.join(' | ')}`).toBeGreaterThanOrEqual(0)
      for (let i = 0; i < at; i++) await page.keyboard.press('ArrowDown')
      await page.keyboard.press('Enter')
    }

    expect(await menuOf('node1')).toEqual([
      "Show node1's details",
      "Show node1's tip in the network's block tree",
      expect.stringMatching(/^On to node1's next event \(clock \d+\)$/),
      'Branch a new run from clock 0',
    ])
    const next = Number(
      /clock (\d+)/.exec((await page.getByRole('menuitem').nth(2).textContent())!)![1],
    )
    await choose(/^On to node1's next event/)
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="replay-clock"]')?.textContent === String(n),
      next,
    )
    expect(await menuOf('node1')).toContain(`Branch a new run from clock ${next}`)
    await choose(/tip in the network's block tree/)
    // The tip's detail opens, one panel only, with the keyboard on its close button.
    const detail = page.locator('.block-detail[aria-label$="of the network"]')
    await detail.waitFor()
    expect(await page.locator('.block-detail').count()).toBe(1)
    expect(await detail.evaluate((e) => e.contains(document.activeElement))).toBe(true)
    await page.keyboard.press('Enter')
    expect(await page.locator('.block-detail').count()).toBe(0)
    // A block picked in the log opens its one panel too, under the chain history.
    await page
      .locator('.event-log li button', { hasText: /mined block/ })
      .first()
      .click()
    await page.locator('.block-detail').first().waitFor()
    expect(await page.locator('.block-detail').count()).toBe(1)
    await page.close()
  }, 60_000)

  it('keeps the toolbar in view and every table within the page at 1024×640', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 640 }, bypassCSP: true })
    await page.goto(url)
    await page.getByTestId('clock').waitFor()
    await page.mouse.wheel(0, 2_000)
    await page.waitForTimeout(200)
    const toolbar = await page.getByRole('toolbar', { name: 'Clock controls' }).boundingBox()
    expect(toolbar!.y).toBeGreaterThanOrEqual(0)
    expect(toolbar!.y).toBeLessThan(100)
    const overflowing = async () =>
      page.evaluate(() =>
        Array.from(document.querySelectorAll('table'))
          .filter((t) => t.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
          .map((t) => t.className || t.outerHTML.slice(0, 60)),
      )
    for (const tab of TABS) {
      await page.getByRole('tab', { name: tab }).click()
      await page.waitForTimeout(200)
      expect({ tab, overflowing: await overflowing() }).toEqual({ tab, overflowing: [] })
      const wide = await page.evaluate(() =>
        Array.from(document.querySelectorAll('body *'))
          .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
          .slice(0, 3)
          .map((e) => e.className || e.tagName),
      )
      expect({ tab, wide }).toEqual({ tab, wide: [] })
    }
    await page.close()
  }, 60_000)
})
