import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freeLabPorts, labReady, spawnLab } from '../support/lab-process'
import { api } from './lab-api'
import { heading, percentile, row } from './report'

async function timed(request: () => Promise<unknown>): Promise<number> {
  const started = performance.now()
  await request()
  return performance.now() - started
}

/**
 * Issue 14, item 7 for state rebuilds: while `state?clock=99999` rebuilds a run made of one
 * 100,000-clock step (in the replay thread), how long `GET /api/network` and a 1-clock step take
 * on the lab (`npm run lab`, over HTTP), one after the other for as long as the rebuild lasts.
 */
export async function benchReplay(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'chain-lab-replay-bench-'))
  const { labPort, args } = await freeLabPorts()
  const lab = spawnLab([...args, '--db', join(dir, 'runs.sqlite')])
  try {
    await labReady(lab, 120_000)
    const base = `http://127.0.0.1:${labPort}`
    heading('Replay: state?clock=99999 of one 100,000-clock step, beside the live API')
    await api(base, '/api/network', { nodes: 3, interval: 20, difficulty: 1 })
    await api(base, '/api/network/start', {})
    const recorded = await timed(() => api(base, '/api/network/step', { clocks: 100_000 }))
    row('the 100,000-clock step itself (live)', recorded, 'ms')
    // A new network: the long run is a finished one, the live one small and quick to step.
    await api(base, '/api/network', { nodes: 3 })
    const runs = (await api(base, '/api/runs')) as { id: number; clocks: number }[]
    const run = runs.find((r) => r.clocks >= 100_000)?.id
    if (run === undefined) throw new Error('the 100,000-clock run was not recorded')
    await api(base, '/api/network/start', {})
    for (let i = 0; i < 20; i++) await api(base, '/api/network/step', { clocks: 1 }) // warm up
    const alone: number[] = []
    for (let i = 0; i < 50; i++) alone.push(await timed(() => api(base, '/api/network')))
    let done = false
    const started = performance.now()
    const rebuild = api(base, `/api/runs/${run}/state?clock=99999`).then(() => {
      done = true
      return performance.now() - started
    })
    const reads: number[] = []
    const steps: number[] = []
    while (!done) {
      reads.push(await timed(() => api(base, '/api/network')))
      steps.push(await timed(() => api(base, '/api/network/step', { clocks: 1 })))
    }
    row('state?clock=99999, rebuilt from the start', await rebuild, 'ms')
    const show = (what: string, times: number[]) => {
      const sorted = [...times].sort((a, b) => a - b)
      row(`${what}: p50`, percentile(sorted, 50), 'ms', `${times.length} requests`)
      row(`${what}: p99`, percentile(sorted, 99), 'ms')
      row(`${what}: max`, sorted[sorted.length - 1] ?? NaN, 'ms')
    }
    show('GET /api/network alone', alone)
    show('GET /api/network during the rebuild', reads)
    show('1-clock step during the rebuild', steps)
  } finally {
    lab.child.kill('SIGTERM')
    await lab.exited
    rmSync(dir, { recursive: true, force: true })
  }
}
