import { heading, row } from './report'
import { api } from './lab-api'
import { withLabInBrowser } from './ui-lab'
import { replayFigures } from './ui.bench'

/**
 * The replay part alone (`npm run bench -- ui-replay`): a 2,000-node run (random:8, auto-mine
 * every 50 clocks) recorded through the API, `--clocks` clocks long (default 200), then opened
 * and scrubbed in headless Chromium as `ui` does.
 */
export async function benchUiReplay(clocks = 200): Promise<void> {
  await withLabInBrowser(async (browser, base) => {
    heading(`Replay: a 2,000-node run (random:8) of ${clocks} clocks, recorded through the API`)
    await api(base, '/api/network', { nodes: 2000, topology: 'random:8', interval: 50 })
    await api(base, '/api/network/start', {})
    const recording = performance.now()
    for (let clock = 0; clock < clocks; clock += 10)
      await api(base, '/api/network/step', { clocks: 10 })
    row('recording it', performance.now() - recording, 'ms')
    await api(base, '/api/network', { nodes: 3, topology: 'mesh' })
    await replayFigures(browser, base)
  })
}
