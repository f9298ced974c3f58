import type * as SigmaModule from 'sigma'
import type * as SigmaRendering from 'sigma/rendering'

/** Sigma and its rendering programs, loaded together as code-split chunks. */
export type SigmaModules = [typeof SigmaModule, typeof SigmaRendering]

let loaded: SigmaModules | null = null
let loading: Promise<SigmaModules> | null = null

/**
 * Loads sigma once. Asked for as soon as this module is evaluated (below), so that the chunk
 * arrives while the page is still fetching the network: asked for only when the graph's effect
 * ran, it came after the page's first render and its `then` waited behind the charts' first
 * renders (0.5-2.5 s of a 2,000-node page's load, measured in a CPU profile).
 */
export function loadSigma(): Promise<SigmaModules> {
  loading ??= Promise.all([import('sigma'), import('sigma/rendering')]).then((modules) => {
    loaded = modules
    return modules
  })
  return loading
}

/** Sigma if it has already arrived: the graph is then made in the same task as its model. */
export function sigmaIfLoaded(): SigmaModules | null {
  return loaded
}

// Sigma's module itself needs WebGL 2 to load (happy-dom, very old browsers lack it); a failure
// here is reported by the graph that asks for it again.
if (typeof WebGL2RenderingContext !== 'undefined') loadSigma().catch(() => undefined)
