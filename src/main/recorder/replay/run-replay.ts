import { LabError } from '../../../shared/errors'
import { executeCommand } from '../../../core/commands'
import type { NetworkConfig } from '../../../core/config'
import type { SequencedEvent } from '../../../core/events'
import { Network } from '../../../core/network/network'
import type { NetworkState } from '../../../core/resume'
import { blockTree, mainChain, snapshotNode, type NodeSnapshot } from '../../../core/snapshot'
import type { RunState, VerifyResult } from '../../../shared/run-types'
import { decodeCheckpoint, decodeCheckpointHeld } from '../checkpoint-codec'
import { RunBlockIndex } from './run-block-index'
import type { RecordedCommand, RunReader } from '../read/run-reader'

/** How many heights below each tip the state's block tree reaches. */
export const TREE_DEPTH = 200

/**
 * Rebuilds saved runs: the state at any clock (nearest checkpoint, then the recorded commands
 * replayed up to that clock) and a full re-execution compared event by event.
 */
export class RunReplayer {
  /** Per run, loaded on first use and extended as the run grows. */
  private readonly indexes = new Map<number, RunBlockIndex>()

  constructor(private readonly reader: RunReader) {}

  forget(runId: number): void {
    this.indexes.delete(runId)
  }

  /** The run's blocks as shared chain entries, balances included (see RunBlockIndex). */
  blockIndex(runId: number): RunBlockIndex {
    let index = this.indexes.get(runId)
    if (!index) {
      index = new RunBlockIndex(runId, this.reader)
      this.indexes.set(runId, index)
    }
    return index
  }

  /** The engine as it was at `clock`: after every command that took effect at clock ≤ N. */
  networkAt(runId: number, clock: number): { network: Network; config: NetworkConfig } {
    const run = this.reader.config(runId)
    if (!run) throw new RunNotFoundError(runId)
    // A branch run begins at its parent's clock, with its first state stored as checkpoint 0.
    const checkpoint =
      this.reader.checkpointAtOrBefore(runId, clock) ?? this.reader.checkpointAfterCommand(runId, 0)
    let network: Network
    if (checkpoint) {
      const { state, heldBy } = decodeCheckpointHeld(checkpoint.state, this.blockIndex(runId))
      network = Network.fromState(run.config, state, { held: heldBy })
    } else network = new Network(run.config)
    let after = checkpoint?.commandSeq ?? 0
    for (;;) {
      const batch = this.reader.commands(runId, after, 500)
      for (const recorded of batch) {
        if (!applyUpTo(network, recorded, clock)) return { network, config: run.config }
        after = recorded.seq
      }
      if (batch.length < 500) return { network, config: run.config }
    }
  }

  /** Every node's clock, status, chain, pool, peers and balances at `clock`. */
  stateAt(runId: number, clock: number): RunState {
    const { network } = this.networkAt(runId, clock)
    return {
      runId,
      // The clock the state is at: a run that ended earlier, or a branch that began later,
      // answers for the clock it has.
      clock: network.clock,
      nodes: network.nodeIds.map((id) => ({
        ...snapshotNode(network, id),
        chain: mainChain(network, id),
        // The forks near the tip: a replay draws those, and a whole long tree would cost more
        // than the rest of the state together.
        tree: blockTree(network, id).filter(
          (b) => b.height > network.node(id).tree.height - TREE_DEPTH,
        ),
      })),
    }
  }

  /** Every node as a branch run began (its parent's state at the branch clock); null for others. */
  branchStart(runId: number): NodeSnapshot[] | null {
    const run = this.reader.config(runId)
    const initial = this.reader.checkpointAfterCommand(runId, 0)
    if (!run || !initial) return null
    const network = Network.fromState(run.config, this.decode(runId, initial.state))
    return network.nodeIds.map((id) => snapshotNode(network, id))
  }

  /** The whole engine state at `clock`, for a branch. */
  exportAt(runId: number, clock: number): { state: NetworkState; config: NetworkConfig } {
    const { network, config } = this.networkAt(runId, clock)
    return { state: network.exportState(), config }
  }

  /**
   * Re-executes every recorded command in a fresh engine and compares the events it produces
   * with the recorded ones, one by one. Yields between batches so the lab stays responsive.
   */
  async verify(
    runId: number,
    onProgress?: (done: number, total: number) => void,
    signal?: AbortSignal,
  ): Promise<VerifyResult> {
    const run = this.reader.config(runId)
    const summary = this.reader.getRun(runId)
    if (!run || !summary) throw new RunNotFoundError(runId)
    const initial = this.reader.checkpointAfterCommand(runId, 0)
    const network = initial
      ? Network.fromState(run.config, this.decode(runId, initial.state))
      : new Network(run.config)
    let compared = 0
    let commandsDone = 0
    let recorded: ReturnType<RunReader['eventRange']> = []
    let recordedIndex = 0
    const nextRecorded = () => {
      if (recordedIndex >= recorded.length) {
        recorded = this.reader.eventRange(runId, compared, 5_000)
        recordedIndex = 0
      }
      return recorded[recordedIndex++] ?? null
    }
    let after = 0
    for (;;) {
      signal?.throwIfAborted()
      const batch = this.reader.commands(runId, after, 500)
      for (const command of batch) {
        try {
          executeCommand(network, command.command)
        } catch {
          // Recorded commands were accepted when recorded; a refusal now shows as a divergence.
        }
        for (const replayed of network.drainEvents()) {
          const expected = nextRecorded()
          if (JSON.stringify(expected) !== JSON.stringify(replayed))
            return divergence(compared, command.seq, expected, replayed)
          compared++
        }
        commandsDone++
        after = command.seq
      }
      onProgress?.(commandsDone, summary.commands)
      if (batch.length < 500) break
      await new Promise((resolve) => setImmediate(resolve))
    }
    const extra = nextRecorded()
    if (extra) return divergence(compared, after, extra, null)
    return { identical: true, events: compared, commands: commandsDone }
  }

  private decode(runId: number, stored: Parameters<typeof decodeCheckpoint>[0]): NetworkState {
    const index = this.blockIndex(runId)
    return decodeCheckpoint(stored, (ordinal) => index.block(ordinal))
  }
}

/** Applies a recorded command, cut short at `clock`; false once past it. */
function applyUpTo(network: Network, recorded: RecordedCommand, clock: number): boolean {
  if (recorded.clock > clock) return false
  const { command } = recorded
  if (recorded.clockAfter > clock) {
    if (command.type === 'step') {
      if (clock > network.clock) network.step(clock - network.clock)
      return false
    }
    if (command.type === 'step-node') {
      network.stepNode(command.node, Math.min(command.clock, clock))
      return false
    }
  }
  executeCommand(network, command)
  return true
}

function divergence(
  seq: number,
  command: number,
  recorded: SequencedEvent | null,
  replayed: SequencedEvent | null,
): VerifyResult {
  return {
    identical: false,
    events: seq,
    divergence: { seq: seq + 1, command, recorded, replayed },
  }
}

export class RunNotFoundError extends LabError {
  override readonly name = 'RunNotFoundError'
  constructor(runId: number) {
    super('unknown-run', `no run ${runId}`)
  }
}
