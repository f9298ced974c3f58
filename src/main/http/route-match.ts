import { LabError } from '../../shared/errors'

/** Matches a path against a pattern with `:name` segments; returns the parameters or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/')
  const got = path.split('/')
  if (want.length !== got.length) return null
  const params: Record<string, string> = {}
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string
    const g = got[i] as string
    if (w.startsWith(':')) {
      if (g === '') return null
      params[w.slice(1)] = decodeSegment(g)
    } else if (w !== g) return null
  }
  return params
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    throw new LabError('invalid-parameter', `"${segment}" is not a valid URL path segment`)
  }
}

/** Finds the route for a method and path; `allowed` lists the methods the path does answer. */
export function findRoute<R extends { method: string; paths: readonly string[] }>(
  routes: readonly R[],
  method: string,
  path: string,
): { route: R; params: Record<string, string> } | { allowed: string[] } {
  const allowed: string[] = []
  for (const route of routes) {
    for (const pattern of route.paths) {
      const params = matchPath(pattern, path)
      if (!params) continue
      // HEAD is not GET here: the node API's GET routes (mine, clock/N, reset) change state.
      if (route.method === method) return { route, params }
      allowed.push(route.method)
    }
  }
  return { allowed: [...new Set(allowed)] }
}
