// The replay thread: rebuilds runs' states at a clock from its own cache of networks, so the lab's
// thread keeps answering steps and reads meanwhile (a state can take seconds to rebuild), and
// while idle makes ready the clocks a scrub will likely ask next (StateAnswers). It buckets runs
// for the charts too (RunSeriesCache), reading their events here rather than on the lab's thread. A
// rebuild whose scrub has asked for a newer clock stops (the ticket board, shared memory, is read
// between pieces of the rebuild: a message could not arrive while the rebuild runs).
import { parentPort, workerData } from 'node:worker_threads'
import { notify, serveCalls } from '../../workers/worker-protocol'
import { openDatabase } from '../open-database'
import { RunReader } from '../read/run-reader'
import { RunSeriesCache } from '../series/run-series-cache'
import type { ReplayCalls, ReplayWorkerData } from './replay-protocol'
import { RunReplayer } from './run-replay'
import { StateAnswers } from './state-answers'

if (!parentPort) throw new Error('replay-worker must run in a worker thread')
const { file, nativeBinding, tickets } = workerData as ReplayWorkerData
const db = openDatabase(file, { migrationsFolder: '', readonly: true, nativeBinding })
const reader = new RunReader(db)
const replayer = new RunReplayer(reader)
const port = parentPort
const answers = new StateAnswers(replayer, reader, undefined, (ready) => notify(port, ready))
const series = new RunSeriesCache(reader, replayer)
const board = new Int32Array(tickets)
/** Each scrub slot's last clock asked: which way the scrub moves. */
const lastAsked = new Map<number, number>()

serveCalls<ReplayCalls>(parentPort, {
  state: ({ runId, clock, chainsOf, heldLinks: held, scrub, answered }) => {
    if (!scrub) return answers.answer(runId, clock, chainsOf, { held })
    const current = () => Atomics.load(board, scrub.slot) === scrub.ticket
    const previous = lastAsked.get(scrub.slot)
    lastAsked.set(scrub.slot, clock)
    // A stopped rebuild throws ReplayStopped, a LabError: answered as `cancelled`.
    const shouldStop = () => !current()
    const text = answered ? '' : answers.answer(runId, clock, chainsOf, { held, shouldStop })
    // Answered first (serveCalls posts it as this returns), then the next clocks, when idle.
    answers.followScrub({ runId, clock, chainsOf, current, previous })
    return text
  },
  series: async ({ run, query }) => JSON.stringify(await series.series(run, query)),
  forget: (runId) => {
    answers.forget(runId)
    series.forget(runId)
    return null
  },
  close: () => {
    db.$client.close()
    return null
  },
})
