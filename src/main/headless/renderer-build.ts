import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '../../..')
export const RENDERER_OUT = join(ROOT, 'out/renderer')
const SOURCES = ['src/renderer', 'src/shared', 'src/core', 'docs'].map((dir) => join(ROOT, dir))

function newestMtime(dir: string): number {
  return listFiles(dir).reduce((newest, file) => Math.max(newest, statSync(file).mtimeMs), 0)
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
 *
 * Built in a folder of its own, then published into out/renderer file by file (`publish`): two
 * labs started at once (the browser tests do) may both find the UI stale and build it together,
 * and a file written in place can be read half-written by the other lab's page, which then never
 * renders. A rename is whole or not at all.
 */
export async function buildRenderer(): Promise<void> {
  const [{ build }, config] = await Promise.all([
    import('vite'),
    import('../../../electron.vite.config'),
  ])
  const renderer = (config.default as { renderer: Record<string, unknown> }).renderer
  // Beside out/renderer, so that its files move with a rename (the same file system).
  mkdirSync(dirname(RENDERER_OUT), { recursive: true })
  const staging = mkdtempSync(join(dirname(RENDERER_OUT), '.renderer-'))
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
      build: { ...(renderer['build'] as object), outDir: staging, emptyOutDir: true },
    })
    publish(staging, RENDERER_OUT)
  } finally {
    if (nodeEnv === undefined) delete process.env['NODE_ENV']
    else process.env['NODE_ENV'] = nodeEnv
    rmSync(staging, { recursive: true, force: true })
  }
}

/**
 * Moves every file of a build into `to`, each by a rename (a reader finds the old file or the
 * new one, never part of one), index.html last: it names the others, and its time says the
 * build is current (isRendererStale). Builds of the same sources make the same hashed files, so
 * a build published over another leaves what a page already loaded as it was.
 */
export function publish(from: string, to: string): void {
  const files = listFiles(from).map((file) => relative(from, file))
  const page = 'index.html'
  for (const file of [...files.filter((f) => f !== page), ...files.filter((f) => f === page)]) {
    const target = join(to, file)
    mkdirSync(dirname(target), { recursive: true })
    try {
      renameSync(join(from, file), target)
    } catch {
      // Where a file open elsewhere cannot be replaced by a rename (Windows), it is copied over.
      copyFileSync(join(from, file), target)
    }
  }
}

/** Every file under `dir`, at any depth. */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  )
}
