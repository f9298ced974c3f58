/// <reference lib="dom" />
import type { Page } from 'playwright-core'

export interface Pixels {
  readonly width: number
  readonly height: number
  /** RGBA, row by row. */
  readonly data: readonly number[]
}
export type Rgb = readonly [number, number, number]

/**
 * What the screen shows in a box of the page, pixel by pixel: a screenshot decoded by the page
 * itself, so WebGL's drawing (which the DOM cannot read back) is seen as a person sees it.
 */
export async function screenPixels(
  page: Page,
  box: { x: number; y: number; width: number; height: number },
): Promise<Pixels> {
  const clip = {
    x: Math.round(box.x),
    y: Math.round(box.y),
    width: Math.max(1, Math.round(box.width)),
    height: Math.max(1, Math.round(box.height)),
  }
  const png = (await page.screenshot({ clip, animations: 'disabled' })).toString('base64')
  return page.evaluate(async (png) => {
    const blob = await (await fetch(`data:image/png;base64,${png}`)).blob()
    const bitmap = await createImageBitmap(blob)
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height)
    const context = canvas.getContext('2d')!
    context.drawImage(bitmap, 0, 0)
    const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height)
    return { width: bitmap.width, height: bitmap.height, data: Array.from(data) }
  }, png)
}

export function rgbOf(hex: string): Rgb {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex)
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`)
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)]
}

/** The largest difference of one channel between two colours. */
export function distance(a: Rgb, b: Rgb): number {
  return Math.max(Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]), Math.abs(a[2] - b[2]))
}

/** The colours of a box, most frequent first. */
export function colourCounts(pixels: Pixels): { rgb: Rgb; count: number }[] {
  const counts = new Map<string, number>()
  for (let i = 0; i < pixels.data.length; i += 4) {
    const key = `${pixels.data[i]},${pixels.data[i + 1]},${pixels.data[i + 2]}`
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return [...counts]
    .map(([key, count]) => ({ rgb: key.split(',').map(Number) as unknown as Rgb, count }))
    .sort((a, b) => b.count - a.count)
}

/** How close the box's nearest pixel comes to `colour` (0: drawn exactly). */
export function nearest(pixels: Pixels, colour: Rgb): number {
  return Math.min(...colourCounts(pixels).map((c) => distance(c.rgb, colour)))
}
