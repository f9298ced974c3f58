// The replay thread: rebuilds runs' states at a clock from its own cache of networks, so the lab's
// thread keeps answering steps and reads meanwhile (a state can take seconds to rebuild). A
// rebuild whose scrub has asked for a newer clock stops (the ticket board, shared memory, is read
// between pieces of the rebuild: a message could not arrive while the rebuild runs).
import { parentPort, workerData } from 'node:worker_threads'
import { serveCalls } from '../../workers/worker-protocol'
import { openDatabase } from '../open-database'
import { RunReader } from '../read/run-reader'
import type { ReplayCalls, ReplayWorkerData } from './replay-protocol'
import { RunReplayer } from './run-replay'

if (!parentPort) throw new Error('replay-worker must run in a worker thread')
const { file, nativeBinding, tickets } = workerData as ReplayWorkerData
const db = openDatabase(file, { migrationsFolder: '', readonly: true, nativeBinding })
const replayer = new RunReplayer(new RunReader(db))
const board = new Int32Array(tickets)

serveCalls<ReplayCalls>(parentPort, {
  state: ({ runId, clock, chainsOf, scrub }) => {
    const shouldStop = scrub ? () => Atomics.load(board, scrub.slot) !== scrub.ticket : () => false
    // A stopped rebuild throws ReplayStopped, a LabError: answered as `cancelled`.
    return JSON.stringify(replayer.stateAt(runId, clock, chainsOf, shouldStop))
  },
  forget: (runId) => {
    replayer.forget(runId)
    return null
  },
  close: () => {
    db.$client.close()
    return null
  },
})
