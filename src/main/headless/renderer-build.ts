import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '../../..')
export const RENDERER_OUT = join(ROOT, 'out/renderer')
const SOURCES = ['src/renderer', 'src/shared', 'src/core', 'docs'].map((dir) => join(ROOT, dir))

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

/** Is out/renderer missing, or older than any source it is built from? */
export function isRendererStale(): boolean {
  const index = join(RENDERER_OUT, 'index.html')
  if (!existsSync(index)) return true
  const built = statSync(index).mtimeMs
  return SOURCES.some((dir) => existsSync(dir) && newestMtime(dir) > built)
}

/**
 * Builds the renderer for the browser with the same Vite config the desktop app uses, so
 * `npm run lab` needs no separate build step. Takes a second or two, and only when stale.
 */
export async function buildRenderer(): Promise<void> {
  const [{ build }, config] = await Promise.all([
    import('vite'),
    import('../../../electron.vite.config'),
  ])
  const renderer = (config.default as { renderer: Record<string, unknown> }).renderer
  // Always a production build, whoever starts the lab: Vite honours NODE_ENV over the mode, and a
  // lab started by the tests (NODE_ENV=test) would otherwise leave a slow development build
  // behind for the next `npm run lab` to serve.
  const nodeEnv = process.env['NODE_ENV']
  process.env['NODE_ENV'] = 'production'
  try {
    await build({
      ...renderer,
      configFile: false,
      mode: 'production',
      base: './',
      logLevel: 'warn',
      build: {
        ...(renderer['build'] as object),
        outDir: RENDERER_OUT,
        // Two labs started at once (the browser tests do) may both find the UI stale and build
        // it together: emptying the folder would delete the chunks the other's page is about to
        // load. Builds of the same sources write the same hashed files, so they can share it.
        emptyOutDir: false,
      },
    })
  } finally {
    if (nodeEnv === undefined) delete process.env['NODE_ENV']
    else process.env['NODE_ENV'] = nodeEnv
  }
}
