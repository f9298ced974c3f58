// `npm run experiment -- --sweep FILE --queue URL`: the sweep through a Redis queue, Ctrl+C
// cancelling it (waiting runs removed, running ones stopped) rather than leaving it queued.
import { QueueUnreachableError } from '../experiment/queue/queue-url'
import { runQueuedSweep, SweepCancelledError } from '../experiment/queue/run-queued-sweep'
import type { SweepProgress } from '../experiment/run-sweep'
import type { Sweep } from '../../shared/sweep'
import { APP_VERSION } from './app-version'
import { queueFlag } from './queue-flag'
import { CliError } from './cli-flags'

export async function queuedSweep(
  sweep: Sweep,
  url: string,
  db: string | null,
  onProgress: (p: SweepProgress) => void,
) {
  const target = queueFlag(url)
  const abort = new AbortController()
  const cancel = () => {
    if (abort.signal.aborted) process.exit(130)
    process.stderr.write('cancelling the sweep: removing its waiting runs, stopping the others\n')
    abort.abort()
  }
  process.on('SIGINT', cancel)
  process.on('SIGTERM', cancel)
  try {
    const done = await runQueuedSweep(sweep, {
      target,
      db,
      appVersion: APP_VERSION,
      onProgress,
      signal: abort.signal,
    })
    const unrecorded = done.results.filter((r) => r.runId === null).length
    if (db && unrecorded > 0)
      process.stderr.write(
        `${unrecorded} of ${done.results.length} runs came back without their run file: ` +
          'start the workers with --record to record them\n',
      )
    return done
  } catch (error) {
    if (error instanceof QueueUnreachableError) throw new CliError(error.message)
    if (error instanceof SweepCancelledError) {
      console.error(`chain-lab experiment: ${error.message}`)
      process.exit(130)
    }
    throw error
  } finally {
    process.off('SIGINT', cancel)
    process.off('SIGTERM', cancel)
  }
}
