import { LabError } from '../../shared/errors'
import type { LabService } from '../lab/lab-service'
import type { Recorder } from '../recorder/recorder'
import type { Caller, ServedHandlers } from './caller'
import { createExperimentHandlers, type SweepRunner } from './experiment-handlers'
import { createRunHandlers, RecordingOffError } from './run-handlers'

/** A block the node does not know. */
export class BlockNotFoundError extends LabError {
  override readonly name = 'BlockNotFoundError'
  constructor(message: string) {
    super('not-found', message)
  }
}

export interface HandlerDeps {
  readonly service: LabService
  /** The lab's recording; null: recording off (the runs' methods then refuse). */
  readonly recorder: Recorder | null
  readonly runSweep: SweepRunner
}

/**
 * The lab contract implemented on the service, once for every transport; each call's commands
 * are recorded under its caller's origin.
 */
export function createLabHandlers({ service, recorder, runSweep }: HandlerDeps): ServedHandlers {
  // The answer is the network as this command left it, read before any later command runs.
  const run = (command: Parameters<LabService['execute']>[0], { origin }: Caller) =>
    service.executeThenInfo(command, origin)
  const recording = () => recorder?.state() ?? { state: 'off' as const }
  return {
    getNetwork: async () => ({
      ...(await service.info()),
      recording: recording(),
    }),
    // The banner's and the guide's question, answered without the network's every node and link.
    getRecording: async () => recording(),
    createNetwork: (input) => service.createNetwork(input),
    start: (_input, caller) => run({ type: 'start' }, caller),
    // A new run, not the old one's nodes reset: see LabService.resetNetwork.
    reset: (_input, { origin }) => service.resetNetwork(origin),
    step: ({ clocks }, caller) => run({ type: 'step', clocks }, caller),
    stepTick: async ({ clocks }, { origin }) => {
      await service.execute({ type: 'step', clocks }, origin)
      return service.tick()
    },
    cutLink: ({ a, b }, caller) => run({ type: 'cut-link', a, b }, caller),
    healLink: ({ a, b }, caller) => run({ type: 'heal-link', a, b }, caller),
    getNode: ({ node }) => service.query({ type: 'node', node }),
    getChain: ({ node }) => service.query({ type: 'chain', node }),
    getBlockTree: ({ node }) => service.query({ type: 'tree', node }),
    getBlock: async ({ node, hash }) => {
      const block = await service.query({ type: 'block-by-hash', node, hash })
      if (!block) throw new BlockNotFoundError(`${node} knows no block ${hash.slice(0, 12)}…`)
      return block
    },
    mine: async ({ node }, { origin }) => {
      await service.execute({ type: 'mine', node }, origin)
      return service.query({ type: 'node', node })
    },
    sendTransaction: ({ node, ...tx }, { origin }) => service.sendTransaction(node, tx, origin),
    setAutoMine: ({ interval }, caller) => run({ type: 'set-auto-mine', interval }, caller),
    setWorkload: ({ rate }, caller) => run({ type: 'set-workload', rate }, caller),
    ...createRunHandlers(service, recorder),
    checkDatabase: async () => {
      if (!recorder) throw new RecordingOffError()
      return recorder.checkDatabase()
    },
    ...createExperimentHandlers(service, runSweep),
  }
}
