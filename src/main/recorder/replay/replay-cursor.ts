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

/**
 * Brings the cursor to `clock` (≥ its own): every command that took effect at clock ≤ N, the
 * one crossing N cut short there. Commands recorded since the last call (a live run grows) are
 * read too, so the same cursor serves a live run as it grows.
 */
export function advance(
  reader: RunReader,
  runId: number,
  cursor: ReplayCursor,
  clock: number,
): void {
  if (clock < cursor.clock) throw new Error(`a replay cursor at ${cursor.clock} cannot go back`)
  cursor.clock = clock
  for (;;) {
    const batch = reader.commands(runId, cursor.after, 500)
    for (const recorded of batch) {
      const applied = applyUpTo(cursor.network, recorded, clock, cursor.partial)
      cursor.partial = applied === 'partial'
      if (applied !== 'whole') return
      cursor.after = recorded.seq
    }
    if (batch.length < 500) return
  }
}

/**
 * Applies a recorded command, cut short at `clock`: 'whole' when done, 'partial' when cut,
 * 'not-yet' when it comes after the clock. `begun`: an earlier call cut this command short, so
 * only the rest of it is applied.
 */
function applyUpTo(
  network: Network,
  recorded: RecordedCommand,
  clock: number,
  begun: boolean,
): 'whole' | 'partial' | 'not-yet' {
  if (recorded.clock > clock) return 'not-yet'
  const { command } = recorded
  if (command.type === 'step' && (begun || recorded.clockAfter > clock)) {
    const to = Math.min(recorded.clockAfter, clock)
    if (to > network.clock) network.step(to - network.clock)
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
