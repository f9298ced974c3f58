import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { launchChromium } from '../support/browser'
import { freeLabPorts, labReady, spawnLab } from '../support/lab-process'
import { heading, row } from './report'
import { api } from './lab-api'
import { replayFigures } from './ui.bench'

/**
 * The replay part alone (`npm run bench -- ui-replay`): a 2,000-node run (random:8, auto-mine
 * every 50 clocks) recorded through the API, `--clocks` clocks long (default 200), then opened
 * and scrubbed in headless Chromium as `ui` does.
 */
export async function benchUiReplay(clocks = 200): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'chain-lab-ui-bench-'))
  const { labPort, args } = await freeLabPorts()
  const lab = spawnLab([...args, '--db', join(dir, 'runs.sqlite')])
  const browser = await launchChromium()
  try {
    await labReady(lab, 120_000)
    const base = `http://127.0.0.1:${labPort}`
    heading(`Replay: a 2,000-node run (random:8) of ${clocks} clocks, recorded through the API`)
    await api(base, '/api/network', { nodes: 2000, topology: 'random:8', interval: 50 })
    await api(base, '/api/network/start', {})
    const recording = performance.now()
    for (let clock = 0; clock < clocks; clock += 10)
      await api(base, '/api/network/step', { clocks: 10 })
    row('recording it', performance.now() - recording, 'ms')
    await api(base, '/api/network', { nodes: 3, topology: 'mesh' })
    await replayFigures(browser, base)
  } finally {
    await browser.close()
    lab.child.kill('SIGTERM')
    await lab.exited
    rmSync(dir, { recursive: true, force: true })
  }
}
