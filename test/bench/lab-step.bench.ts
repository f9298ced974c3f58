import { mkdtempSync, rmSync } from 'node:fs'
import { get } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freeLabPorts, labReady, spawnLab } from '../support/lab-process'
import { api } from './lab-api'
import { heading, row } from './report'
import { threadCpu } from './thread-cpu'

/** How long each step size is driven. */
const DRIVE_MS = 5_000

/**
 * What the lab's process spends a clock while a page plays a small network
 * (`npm run bench -- lab-step`): the three nodes the UI bench plays (auto-mine every 20 clocks,
 * 0.5 transactions a clock, recorded), stepped through the API as the page steps them, a step
 * answered with the compact overview (`/api/network/step/tick`), while a client reads the event
 * stream as the page does (`?format=packed`). Per step size (1 clock a step is the 30/s setting;
 * 33 the 2,000/s one, a step a frame): clocks a second through one client, the process's CPU a
 * clock, its busiest threads' share (the main thread first: HTTP, the event stream, the
 * recorder's columns), and the event stream's bytes a clock. CPU figures, which a loaded machine
 * changes less than times. Linux only (/proc).
 */
export async function benchLabStep(sizes = [1, 33, 330]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'chain-lab-step-bench-'))
  const { labPort, args } = await freeLabPorts()
  const lab = spawnLab([...args, '--db', join(dir, 'runs.sqlite')])
  const base = `http://127.0.0.1:${labPort}`
  try {
    await labReady(lab, 120_000)
    const pid = lab.child.pid as number
    heading('Lab: 3 nodes stepped as the page plays them (auto-mine 20, 0.5 tx/clock, recorded)')
    await api(base, '/api/network', { nodes: 3, interval: 20, txRate: 0.5, difficulty: 8 })
    await api(base, '/api/network/start', {})
    let streamed = 0
    const stream = get(`${base}/api/events?format=packed`, (res) =>
      res.on('data', (chunk: Buffer) => (streamed += chunk.length)),
    )
    for (const clocks of sizes) {
      const cpu0 = threadCpu(pid)
      const bytes0 = streamed
      const t0 = performance.now()
      let stepped = 0
      while (performance.now() - t0 < DRIVE_MS) {
        await api(base, '/api/network/step/tick', { clocks })
        stepped += clocks
      }
      const seconds = (performance.now() - t0) / 1000
      const cpu1 = threadCpu(pid)
      const spent = [...cpu1].map(([tid, s]) => ({ tid, s: s - (cpu0.get(tid) ?? 0) }))
      const total = spent.reduce((sum, t) => sum + t.s, 0)
      const busiest = spent
        .filter((t) => t.tid !== String(pid))
        .sort((a, b) => b.s - a.s)
        .slice(0, 3)
      const main = spent.find((t) => t.tid === String(pid))?.s ?? 0
      const perClock = (s: number) => ((s * 1e6) / stepped).toFixed(0)
      row(
        `${clocks} clock${clocks === 1 ? '' : 's'} a step: clocks a second`,
        stepped / seconds,
        'clocks/s',
      )
      row(
        `  the lab's CPU a clock`,
        (total * 1e6) / stepped,
        'µs',
        `main thread ${perClock(main)}, then ${busiest.map((t) => perClock(t.s)).join(', ')} µs`,
      )
      row(`  the event stream a clock`, (streamed - bytes0) / stepped, 'bytes')
    }
    stream.destroy()
  } finally {
    lab.child.kill('SIGTERM')
    await lab.exited
    rmSync(dir, { recursive: true, force: true })
  }
}
