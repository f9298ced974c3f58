/// <reference lib="dom" />
import type { Page } from 'playwright-core'
import type { GraphView } from '../../src/renderer/src/network/graph-model'

type GraphElement = HTMLElement & { graphView?: GraphView }

/**
 * The network graph is drawn with WebGL, which the DOM cannot see into: the graph element tells
 * where it drew each node and in what status (see GraphView), and clicks land on the canvas.
 */
export async function clickNode(page: Page, id: string): Promise<void> {
  const graph = page.locator('.graph-view').first()
  await graph.waitFor()
  const at = await graph.evaluate(
    (el, id) => (el as GraphElement).graphView?.screenPosition(id) ?? null,
    id,
  )
  if (!at) throw new Error(`${id} is not drawn`)
  await page.mouse.click(at.x, at.y)
}

/** The statuses of `ids` as drawn, space-separated. */
export async function drawnStatuses(page: Page, ids: readonly string[]): Promise<string> {
  return page
    .locator('.graph-view')
    .first()
    .evaluate(
      (el, ids) =>
        ids.map((id) => (el as GraphElement).graphView?.statusOf(id) ?? 'none').join(' '),
      ids,
    )
}

/** Resolves once the graph has drawn `nodes` nodes. */
export async function graphDrawn(page: Page, nodes: number, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    (n) => Number(document.querySelector('.graph-view')?.getAttribute('data-drawn') ?? 0) >= n,
    nodes,
    { timeout },
  )
}

/** Clicks a link as a person would: on the middle of its line between the two nodes drawn. */
export async function clickLink(page: Page, a: string, b: string): Promise<void> {
  const graph = page.locator('.graph-view').first()
  await graph.waitFor()
  const at = await graph.evaluate(
    (el, [a, b]) => {
      const view = (el as GraphElement).graphView
      const from = view?.screenPosition(a)
      const to = view?.screenPosition(b)
      return from && to ? { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 } : null
    },
    [a, b] as const,
  )
  if (!at) throw new Error(`the link ${a} — ${b} is not drawn`)
  await page.mouse.click(at.x, at.y)
}
