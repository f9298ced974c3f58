import { buildRenderer, isRendererStale } from '../src/main/headless/renderer-build'

/**
 * The lab's UI, built once before any test file runs when it is missing or older than its
 * sources (a fresh clone). Otherwise every browser test's lab built it at its start, several at
 * once, and the builds' load on two cores made the live view's end-to-end tests miss their time.
 */
export default async function setup(): Promise<void> {
  if (isRendererStale()) await buildRenderer()
}
