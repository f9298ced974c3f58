// Builds the renderer of the sources in the current directory (a commit exported by ui-ab, or the
// worktree) into a folder, minified or not: `tsx test/bench/ui-build.ts OUT_DIR [--no-minify]`.
// The lab's own build (src/main/headless/renderer-build.ts) always writes out/renderer, minified.
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const [outDir, flag] = process.argv.slice(2)
if (!outDir) throw new Error('usage: ui-build.ts OUT_DIR [--no-minify]')
const { build } = await import('vite')
const config = (await import(pathToFileURL(resolve('electron.vite.config.ts')).href)) as {
  default: { renderer: Record<string, unknown> }
}
const renderer = config.default.renderer
process.env['NODE_ENV'] = 'production'
await build({
  ...renderer,
  configFile: false,
  mode: 'production',
  base: './',
  logLevel: 'error',
  build: {
    ...(renderer['build'] as object),
    outDir: resolve(outDir),
    emptyOutDir: true,
    minify: flag !== '--no-minify',
  },
})
