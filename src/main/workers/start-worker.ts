import { Worker } from 'node:worker_threads'

/**
 * Starts a worker from a module URL. A bundled .js loads as it is; a TypeScript source (under tsx
 * or vitest) registers tsx first, since workers do not inherit loader hooks and --import is
 * refused in a worker's execArgv.
 */
export function startWorker(url: URL, workerData?: unknown): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData })
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}) })`
  return new Worker(bootstrap, { eval: true, workerData })
}
