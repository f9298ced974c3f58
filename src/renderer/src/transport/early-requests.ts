/**
 * Requests the page makes as it opens, sent before the rest of its script is run: in a browser,
 * the lab's overview of a 2,000-node network is 750 KB that the lab takes 50-350 ms to answer
 * (more on a loaded machine), and the page asked for it only after React's first render, about
 * 300 ms after its script arrived. Sent first, the answer comes while the script is evaluated.
 * Imported first by main.tsx, and importing nothing, so that it runs before any other module.
 */
const early = new Map<string, Promise<Response>>()

/** GETs `url` now; its response goes to the first to `takeEarly` it. */
export function requestEarly(url: string): void {
  if (!early.has(url)) early.set(url, fetch(url))
}

/** The response of an early GET of `url`, once: whoever asks later fetches anew. */
export function takeEarly(url: string): Promise<Response> | undefined {
  const response = early.get(url)
  early.delete(url)
  return response
}
