import { LabError } from '../../../shared/errors'
import { executeCommand } from '../../../core/commands'
import { olderAttackEngine } from '../../../core/attack/attack-config'
import type { NetworkConfig } from '../../../core/config'
import type { SequencedEvent } from '../../../core/events'
import { Network } from '../../../core/network/network'
import type { NetworkState } from '../../../core/resume'
import { blockTree, mainChain, snapshotNode, type NodeSnapshot } from '../../../core/snapshot'
import type { NodeAtClock, RunState, VerifyResult } from '../../../shared/run-types'
import { decodeCheckpoint, decodeCheckpointHeld } from '../checkpoint-codec'
import { RunBlockIndex } from './run-block-index'
import { linksFingerprint } from './state-texts'
import {
  CACHED_RUNS,
  furtherAlong,
  RunReplayCache,
  SAVE_EVERY,
  SAVED_PER_RUN,
} from './replay-cache'
import { advance, ReplayStopped, type ReplayCursor, type ShouldStop } from './replay-cursor'
import type { RunReader } from '../read/run-reader'

/** How many heights below each tip the state's block tree reaches. */
export const TREE_DEPTH = 200

/** Clocks just below the one asked that a rebuild hands out as it passes them (see Passing). */
export const HANDED_OUT = 3

/**
 * What a rebuild does with the clocks it passes on its way to the one asked (the last `reach` of
 * them, HANDED_OUT unless said): the first clocks a scrub asks after a jump, which cost a
 * snapshot each to answer on the way and a restore and a replay each to answer afterwards.
 */
export interface Passing {
  /** Whether the clock's state is still wanted (not already answered). */
  readonly wanted: (clock: number) => boolean
  readonly take: (clock: number, state: RunState) => void
  /** How many clocks below the one asked are handed out (those the rebuild passes). */
  readonly reach?: number
  /**
   * Whether the rebuild may restore below the clock when the clock just below is wanted, to pass
   * it (see startFor): for a scrub, which asks those clocks next, not for a plain request of a
   * state, which would replay up to a checkpoint's interval for clocks nobody may ask.
   */
  readonly below?: boolean
}

/**
 * Rebuilds saved runs: the state at any clock (nearest checkpoint, then the recorded commands
 * replayed up to that clock) and a full re-execution compared event by event.
 */
export class RunReplayer {
  /** Per run, loaded on first use and extended as the run grows. */
  private readonly indexes = new Map<number, RunBlockIndex>()

  /** Per run, the networks last rebuilt (at most CACHED_RUNS runs). */
  private readonly caches = new Map<number, RunReplayCache>()

  constructor(private readonly reader: RunReader) {}

  forget(runId: number): void {
    this.indexes.delete(runId)
    this.caches.delete(runId)
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

  /**
   * The engine as it was at `clock`: after every command that took effect at clock ≤ N. Cached
   * (see RunReplayCache): the network returned is the run's cursor, to read and not to change,
   * and only until the next call. `shouldStop` ends a rebuild nobody waits for (ReplayStopped);
   * what it did stays in the cache for the next call.
   */
  networkAt(
    runId: number,
    clock: number,
    shouldStop?: ShouldStop,
    passing?: (network: Network, clock: number) => void,
    reach = HANDED_OUT,
    passBelow = false,
  ): { network: Network; config: NetworkConfig } {
    const cache = this.cacheFor(runId)
    const cursor = this.startFor(runId, cache, clock, shouldStop, passBelow)
    try {
      // On the way, keep the states at the last few SAVE_EVERY clocks before this one, so
      // scrubbing back from here never starts further back than SAVE_EVERY clocks, and hand the
      // last `reach` clocks before it (those passed) to `passing`.
      const back = Math.floor((clock - 1) / SAVE_EVERY) * SAVE_EVERY
      const saves = new Set<number>()
      for (let at = back - (SAVED_PER_RUN - 1) * SAVE_EVERY; at <= back; at += SAVE_EVERY)
        if (at > 0 && !cache.has(at)) saves.add(at)
      const handed = passing ? Array.from({ length: reach }, (_, i) => clock - 1 - i) : []
      const stops = [...new Set([...saves, ...handed])].sort((a, b) => a - b)
      for (const at of stops) {
        if (at < cursor.clock || at < 0) continue
        advance(this.reader, runId, cursor, at, shouldStop)
        if (saves.has(at)) cache.save(cursor)
        // A clock handed out is a guess at what comes next: a newer request comes first.
        if (at >= clock - reach && !shouldStop?.()) passing?.(cursor.network, at)
      }
      advance(this.reader, runId, cursor, clock, shouldStop)
    } finally {
      // Stopped or not, the cursor is a valid network at its clock: later calls go on from it.
      cache.cursor = cursor
    }
    return { network: cursor.network, config: cache.config }
  }

  /** The engine at `clock` rebuilt afresh from the checkpoint before it, shared with nothing. */
  freshNetworkAt(runId: number, clock: number): { network: Network; config: NetworkConfig } {
    const config = this.runConfig(runId)
    const cursor = this.fromCheckpoint(runId, config, clock)
    advance(this.reader, runId, cursor, clock)
    return { network: cursor.network, config }
  }

  /**
   * Where to replay `clock` from: whichever of the cursor, a saved point and the checkpoint
   * before the clock is furthest along the recording (see furtherAlong; the cursor on a tie:
   * nothing to rebuild). With `passBelow`, a restore lands below the clock, never on it, so the
   * clock just below is passed: a jump onto a checkpoint's clock (a round clock, the run's end)
   * then hands out the first clocks a scrub asks next, where restoring at the clock itself
   * passed none, and the clock below cost a restore from the checkpoint before and a replay of
   * up to CHECKPOINT_EVERY clocks while a person waited (`npm run bench -- ui-replay`).
   */
  private startFor(
    runId: number,
    cache: RunReplayCache,
    clock: number,
    shouldStop?: ShouldStop,
    passBelow = false,
  ): ReplayCursor {
    const restoreAt = passBelow && clock > 0 ? clock - 1 : clock
    // Only where the checkpoint stands: its state is read only when the replay starts there.
    const fromCheckpoint = this.reader.checkpointPlaceAtOrBefore(runId, restoreAt)?.commandSeq ?? 0
    const found = cache.savedAtOrBefore(restoreAt)
    const saved = found && found.after >= fromCheckpoint ? found : null
    const { cursor } = cache
    if (
      cursor &&
      cursor.clock <= clock &&
      cursor.after >= fromCheckpoint &&
      !(saved && furtherAlong(saved, cursor))
    )
      return cursor
    // A restore (tens of milliseconds at 2,000 nodes) cannot stop midway: not begun for nobody.
    if (shouldStop?.())
      throw new ReplayStopped(`the replay of run ${runId} to ${clock} was replaced`)
    if (saved) return cache.restore(saved)
    return this.fromCheckpoint(runId, cache.config, restoreAt)
  }

  private fromCheckpoint(runId: number, config: NetworkConfig, clock: number): ReplayCursor {
    // A branch run begins at its parent's clock, with its first state stored as checkpoint 0.
    const checkpoint =
      this.reader.checkpointAtOrBefore(runId, clock) ?? this.reader.checkpointAfterCommand(runId, 0)
    let network: Network
    if (checkpoint) {
      const { state, heldBy } = decodeCheckpointHeld(checkpoint.state, this.blockIndex(runId))
      network = Network.fromState(config, state, { held: heldBy })
    } else network = new Network(config)
    // The checkpoint's clock: the commands after it at that same clock are still to apply. (A
    // branch's first checkpoint may lie after `clock`; nothing is applied then.)
    const at = Math.min(checkpoint?.clock ?? 0, clock)
    return { network, clock: at, after: checkpoint?.commandSeq ?? 0, partial: false }
  }

  private cacheFor(runId: number): RunReplayCache {
    let cache = this.caches.get(runId)
    if (cache) this.caches.delete(runId)
    else cache = new RunReplayCache(this.runConfig(runId))
    // Most recently used last; the least recently used run's networks go beyond CACHED_RUNS.
    this.caches.set(runId, cache)
    for (const old of this.caches.keys()) {
      if (this.caches.size <= CACHED_RUNS) break
      this.caches.delete(old)
    }
    return cache
  }

  /** How many network states the cache keeps now, per run (for the memory bound's tests). */
  cachedStates(): Map<number, number> {
    return new Map([...this.caches].map(([id, cache]) => [id, cache.size]))
  }

  private runConfig(runId: number): NetworkConfig {
    const run = this.reader.config(runId)
    if (!run) throw new RunNotFoundError(runId)
    return run.config
  }

  /**
   * Every node's clock, status, chain, pool, peers and balances at `clock`; with `chainsOf`, only
   * that node's chain and tree (the others' empty).
   */
  stateAt(
    runId: number,
    clock: number,
    chainsOf?: string,
    shouldStop?: ShouldStop,
    passing?: Passing,
  ): RunState {
    const handOut =
      passing &&
      ((network: Network, at: number) => {
        if (passing.wanted(at)) passing.take(at, stateOf(runId, network, chainsOf))
      })
    const passBelow =
      passing?.below === true &&
      (passing.reach ?? HANDED_OUT) > 0 &&
      clock > 0 &&
      passing.wanted(clock - 1)
    const { network } = this.networkAt(runId, clock, shouldStop, handOut, passing?.reach, passBelow)
    // Nor the state's snapshot, for an answer nobody waits for any more.
    if (shouldStop?.())
      throw new ReplayStopped(`the state of run ${runId} at ${clock} was replaced`)
    return stateOf(runId, network, chainsOf)
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
    // Afresh: the state starts a live network, which must share nothing with the cache's.
    const { network, config } = this.freshNetworkAt(runId, clock)
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
            return divergence(compared, command.seq, expected, replayed, run.config)
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
    if (extra) return divergence(compared, after, extra, null, run.config)
    return { identical: true, events: compared, commands: commandsDone }
  }

  private decode(runId: number, stored: Parameters<typeof decodeCheckpoint>[0]): NetworkState {
    const index = this.blockIndex(runId)
    return decodeCheckpoint(stored, (ordinal) => index.block(ordinal))
  }
}

/**
 * Every node's clock, status, chain, pool, peers and balances as the network stands; with
 * `chainsOf`, only that node's chain and tree (the others' empty).
 */
function stateOf(runId: number, network: Network, chainsOf: string | undefined): RunState {
  const withChains = (id: string) => chainsOf === undefined || id === chainsOf
  const nodes = network.nodeIds.map((id): NodeAtClock => ({
    ...snapshotNode(network, id),
    chain: withChains(id) ? mainChain(network, id) : [],
    // The forks near the tip: a replay draws those, and a whole long tree would cost more
    // than the rest of the state together.
    tree: withChains(id)
      ? blockTree(network, id).filter((b) => b.height > network.node(id).tree.height - TREE_DEPTH)
      : [],
  }))
  return {
    runId,
    // The clock the state is at: a run that ended earlier, or a branch that began later,
    // answers for the clock it has.
    clock: network.clock,
    links: linksFingerprint(nodes),
    nodes,
  }
}

/** A mismatch, saying so when the run's attackers were recorded by an older version of them. */
function divergence(
  seq: number,
  command: number,
  recorded: SequencedEvent | null,
  replayed: SequencedEvent | null,
  config: unknown,
): VerifyResult {
  const olderEngine = olderAttackEngine(config)
  return {
    identical: false,
    events: seq,
    divergence: { seq: seq + 1, command, recorded, replayed },
    ...(olderEngine ? { olderEngine } : {}),
  }
}

export class RunNotFoundError extends LabError {
  override readonly name = 'RunNotFoundError'
  constructor(runId: number) {
    super('unknown-run', `no run ${runId}`)
  }
}
