import { createReadStream, existsSync, statSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'
import { CONTENT_SECURITY_POLICY } from '../../../shared/content-security-policy'
import { routeFor } from '../../../shared/lab-contract'

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
}

/**
 * The page's first question, asked as the page is parsed (a preload the page's own fetch then
 * takes): the overview of a 2,000-node network is 750 KB, and asked by the page's script it was
 * asked only once the script (1.1 MB) was compiled, a few hundred milliseconds in.
 */
const PRELOAD = `<${routeFor('getNetwork', {}).path}>; rel=preload; as=fetch; crossorigin`

/** Serves the built renderer from `root`: the same UI the desktop window shows. */
export function createStaticUi(root: string) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    let pathname: string
    try {
      pathname = decodeURIComponent(url.pathname)
    } catch {
      return false
    }
    const relative = pathname === '/' ? 'index.html' : pathname
    const path = normalize(join(root, relative))
    // Never serve outside the build folder, whatever the path says.
    if (!path.startsWith(root + sep) || !existsSync(path) || !statSync(path).isFile()) return false
    const isIndex = path.endsWith('index.html')
    res.writeHead(200, {
      'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
      'Content-Length': statSync(path).size,
      'Cache-Control': isIndex ? 'no-store' : 'public, max-age=31536000, immutable',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      ...(isIndex ? { Link: PRELOAD } : {}),
    })
    if (req.method === 'HEAD') res.end()
    else createReadStream(path).pipe(res)
    return true
  }
}
