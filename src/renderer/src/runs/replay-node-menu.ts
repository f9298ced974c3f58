import type { SequencedEvent } from '../../../shared/api-types'
import type { NodeMenuItem } from '../network/node-menu'

/** What a replay can do for a node picked in its graph by keyboard. */
export interface ReplayNodeHandlers {
  /** Selects the node: its details, chain history and charts follow. */
  select: (node: string) => void
  /** Selects the node and its tip in the network's block tree, opening the tip's detail. */
  showTip: (node: string) => void
  /** Scrubs to a clock. */
  scrub: (clock: number) => void
  /** Branches a new live run from the clock shown. */
  branch: () => void
}

/**
 * The replay graph's context menu for `node` at `clock`: nothing in a recorded run can be mined
 * or cut, so its actions look around instead (details, tip, the node's events before and after,
 * a branch from here). `entries` are the event log's, in clock order.
 */
export function replayNodeMenu(
  node: string,
  clock: number,
  entries: readonly SequencedEvent[],
  on: ReplayNodeHandlers,
): NodeMenuItem[] {
  let previous: SequencedEvent | undefined
  let next: SequencedEvent | undefined
  for (const e of entries) {
    if (e.node !== node) continue
    if (e.clock < clock) previous = e
    else if (e.clock > clock) {
      next = e
      break
    }
  }
  const items: NodeMenuItem[] = [
    { label: `Show ${node}'s details`, run: () => on.select(node) },
    { label: `Show ${node}'s tip in the network's block tree`, run: () => on.showTip(node) },
  ]
  if (previous) {
    const at = previous.clock
    items.push({ label: `Back to ${node}'s previous event (clock ${at})`, run: () => on.scrub(at) })
  }
  if (next) {
    const at = next.clock
    items.push({ label: `On to ${node}'s next event (clock ${at})`, run: () => on.scrub(at) })
  }
  items.push({ label: `Branch a new run from clock ${clock}`, run: on.branch })
  return items
}
