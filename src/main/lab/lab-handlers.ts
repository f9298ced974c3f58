import type { CommandOrigin } from '../../shared/api-types'
import type { LabHandlers } from '../../shared/lab-contract'
import { HttpError } from '../http/http-error'
import type { Recorder } from '../recorder/recorder'
import type { LabService } from './lab-service'
import { createExperimentHandlers, type ExperimentHandlerOptions } from './experiment-handlers'
import { createRunHandlers, type FileDialogs } from './run-handlers'

/** The lab contract implemented on the service; `origin` tags the commands for the record. */
export function createLabHandlers(
  service: LabService,
  origin: CommandOrigin,
  recorder: Recorder | null,
  options: ExperimentHandlerOptions & { readonly dialogs?: FileDialogs } = {},
): LabHandlers {
  const run = async (command: Parameters<LabService['execute']>[0]) => {
    await service.execute(command, origin)
    return service.info()
  }
  return {
    getNetwork: () => service.info(),
    createNetwork: (input) => service.createNetwork(input),
    start: () => run({ type: 'start' }),
    // A reset of the whole network begins a new run, so that no replay mixes two histories at
    // the clocks they share: a fresh network of the same settings, started and partitioned as
    // the old one was (a reset keeps both), each step recorded in the new run.
    reset: async () => {
      const before = await service.info()
      await service.createNetwork({})
      if (before.started) await service.execute({ type: 'start' }, origin)
      for (const { a, b, up } of before.links)
        if (!up) await service.execute({ type: 'cut-link', a, b }, origin)
      return service.info()
    },
    step: ({ clocks }) => run({ type: 'step', clocks }),
    cutLink: ({ a, b }) => run({ type: 'cut-link', a, b }),
    healLink: ({ a, b }) => run({ type: 'heal-link', a, b }),
    getNode: ({ node }) => service.query({ type: 'node', node }),
    getChain: ({ node }) => service.query({ type: 'chain', node }),
    getBlockTree: ({ node }) => service.query({ type: 'tree', node }),
    getBlock: async ({ node, hash }) => {
      const block = await service.query({ type: 'block-by-hash', node, hash })
      if (!block) throw new HttpError('not-found', `${node} knows no block ${hash.slice(0, 12)}…`)
      return block
    },
    mine: async ({ node }) => {
      await service.execute({ type: 'mine', node }, origin)
      return service.query({ type: 'node', node })
    },
    sendTransaction: ({ node, ...tx }) => service.sendTransaction(node, tx, origin),
    setAutoMine: ({ interval }) => run({ type: 'set-auto-mine', interval }),
    setWorkload: ({ rate }) => run({ type: 'set-workload', rate }),
    ...createRunHandlers(service, recorder, options.dialogs ?? null),
    ...createExperimentHandlers(service, recorder, options),
  }
}
