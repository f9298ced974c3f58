// `npm run sweep-worker`: takes runs of sweeps off a Redis queue (BullMQ) and executes them, on
// as many machines as there are; `npm run experiment -- --sweep FILE --queue URL` submits them.
import { availableParallelism } from 'node:os'
import { startQueueWorker } from '../experiment/queue/queue-worker'
import { QueueUnreachableError } from '../experiment/queue/queue-url'
import { APP_VERSION } from './app-version'
import { queueFlag } from './queue-flag'
import { CliError, numberFlag, readFlags } from './cli-flags'

export const SWEEP_WORKER_USAGE = `Usage: npm run sweep-worker -- --queue redis://[:PASSWORD@]HOST:PORT [options]
  --queue URL          the Redis the sweeps are queued on; its password may come from the
                       CHAIN_LAB_QUEUE_PASSWORD variable instead, which keeps it off the
                       command line (npm run prints that, and the process list shows it)
  --concurrency N      runs at once, each in a worker thread (default: one per core)
  --record             record each run and send its run file back, when the sweep is
                       recorded (npm run experiment -- ... --db FILE)
  --lock-seconds N     a run whose worker dies goes back on the queue after about 2N seconds
                       (default 30)
  --help               show this help`

function parse(argv: string[]) {
  const values = readFlags(argv, {
    queue: { type: 'string' },
    concurrency: { type: 'string' },
    record: { type: 'boolean' },
    'lock-seconds': { type: 'string' },
    help: { type: 'boolean' },
  })
  if (values.help) return 'help' as const
  const url = values.queue
  if (!url) throw new CliError('--queue redis://HOST:PORT is required')
  const target = queueFlag(url)
  return {
    target,
    concurrency:
      numberFlag('concurrency', values.concurrency, { min: 1, max: 256 }) ?? availableParallelism(),
    record: values.record === true,
    lockMs:
      1000 * (numberFlag('lock-seconds', values['lock-seconds'], { min: 1, max: 3600 }) ?? 30),
  }
}

async function main(): Promise<void> {
  const options = parse(process.argv.slice(2))
  if (options === 'help') {
    console.log(SWEEP_WORKER_USAGE)
    return
  }
  const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`)
  const worker = await startQueueWorker({ ...options, appVersion: APP_VERSION, log })
  log(
    `sweep worker ${worker.name} on ${options.target.label}: ${options.concurrency} at once${options.record ? ', recording' : ''}`,
  )
  let stopping = false
  const stop = () => {
    if (stopping) process.exit(130)
    stopping = true
    log('stopping: runs under way go back on the queue')
    worker.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  if (error instanceof CliError || error instanceof QueueUnreachableError) {
    console.error(`chain-lab sweep-worker: ${error.message}`)
    process.exit(2)
  }
  console.error(error)
  process.exit(1)
})
