import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'

// electron-vite reads Electron's version from the installed package to pick build targets. Where
// the binary could not be installed (offline machines, CI), the pinned version says the same.
const pkg = JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as {
  optionalDependencies: { electron: string }
}
process.env['ELECTRON_MAJOR_VER'] ??= pkg.optionalDependencies.electron.split('.')[0]

export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          // Worker threads, loaded as ./shard-worker.js, ./writer-worker.js, … next to the bundle.
          'shard-worker': resolve('src/main/host/shard-worker.ts'),
          'writer-worker': resolve('src/main/recorder/write/writer-worker.ts'),
          'replay-worker': resolve('src/main/recorder/replay/replay-worker.ts'),
          'sweep-worker': resolve('src/main/experiment/sweep-worker.ts'),
          'database-check-worker': resolve('src/main/recorder/database-check-worker.ts'),
          'job-worker': resolve('src/main/recorder/jobs/job-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot load ES modules or node_modules: bundle it as one CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    build: {
      // electron-vite leaves bundles unminified; the window parses the renderer (2.1 MB) at every
      // start, where minified it is 0.85 MB.
      minify: true,
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
    plugins: [react()],
  },
})
