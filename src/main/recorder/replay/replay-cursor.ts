import { LabError } from '../../../shared/errors'
import { executeCommand } from '../../../core/commands'
import type { Network } from '../../../core/network/network'
import type { RecordedCommand, RunReader } from '../read/run-reader'

/**
 * A network rebuilt from a run's recording, and where it stands in the recorded commands, so it
 * can be brought further without starting again.
 */
export interface ReplayCursor {
  readonly network: Network
  /** The clock it was last brought to (the network's own clock is lower where the run ended). */
  clock: number
  /** The seq of the last recorded command applied whole (0: none since the start state). */
  after: number
  /** The command after `after` was begun but cut short at `clock` (a step crossing it). */
  partial: boolean
}

/** Asked between pieces of work: true when the rebuild is no longer wanted. */
export type ShouldStop = () => boolean

/**
 * Clocks stepped between two asks of ShouldStop: a long recorded step (100,000 clocks) is cut
 * into pieces, so a rebuild nobody waits for any more ends within a few of them.
 */
export const STOP_CHECK_CLOCKS = 16

/** A rebuild ended early because a newer request replaced it: answered as `cancelled`. */
export class ReplayStopped extends LabError {
  override readonly name = 'ReplayStopped'
  constructor(message: string) {
    super('cancelled', message)
  }
}

/**
 * Brings the cursor to `clock` (≥ its own): every command that took effect at clock ≤ N, the
 * one crossing N cut short there. Commands recorded since the last call (a live run grows) are
 * read too, so the same cursor serves a live run as it grows.
 *
 * When `shouldStop` says so, throws ReplayStopped, leaving the cursor where the network stands
 * (a valid cursor at a lower clock), so the work done so far serves the next request.
 */
export function advance(
  reader: RunReader,
  runId: number,
  cursor: ReplayCursor,
  clock: number,
  shouldStop: ShouldStop = () => false,
): void {
  if (clock < cursor.clock) throw new Error(`a replay cursor at ${cursor.clock} cannot go back`)
  const stop = () => {
    // Every command applied took effect at or before the network's clock, the last one perhaps
    // cut short there: from that clock on, the rest is still to apply.
    cursor.clock = cursor.network.clock
    throw new ReplayStopped(`the replay of run ${runId} to clock ${clock} was replaced`)
  }
  if (shouldStop()) stop()
  cursor.clock = clock
  for (;;) {
    const batch = reader.commands(runId, cursor.after, 500)
    for (const recorded of batch) {
      const applied = applyUpTo(cursor, recorded, clock, shouldStop)
      if (applied === 'stopped') stop()
      cursor.partial = applied === 'partial'
      if (applied !== 'whole') return
      cursor.after = recorded.seq
      if (shouldStop()) stop()
    }
    if (batch.length < 500) return
  }
}

/**
 * Applies a recorded command, cut short at `clock`: 'whole' when done, 'partial' when cut,
 * 'not-yet' when it comes after the clock, 'stopped' when `shouldStop` said so midway (the
 * cursor marked partial). `cursor.partial`: an earlier call cut this command short, so only the
 * rest of it is applied.
 */
function applyUpTo(
  cursor: ReplayCursor,
  recorded: RecordedCommand,
  clock: number,
  shouldStop: ShouldStop,
): 'whole' | 'partial' | 'not-yet' | 'stopped' {
  const { network } = cursor
  if (recorded.clock > clock) return 'not-yet'
  const { command } = recorded
  // Steps go in pieces, whole or cut short alike (stepping k then m clocks is stepping k + m).
  if (command.type === 'step') {
    const to = Math.min(recorded.clockAfter, clock)
    while (to > network.clock) {
      network.step(Math.min(STOP_CHECK_CLOCKS, to - network.clock))
      if (to > network.clock && shouldStop()) {
        cursor.partial = true
        return 'stopped'
      }
    }
    return recorded.clockAfter > clock ? 'partial' : 'whole'
  }
  if (command.type === 'step-node' && recorded.clockAfter > clock) {
    network.stepNode(command.node, Math.min(command.clock, clock))
    return 'partial'
  }
  // A step-node begun earlier is finished by stepping the node on to its clock, as a whole one.
  executeCommand(network, command)
  return 'whole'
}
