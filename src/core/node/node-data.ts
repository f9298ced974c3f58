import type { Attacker } from '../attack/attacker'
import type { Block } from '../chain/block'
import { BlockTree } from '../chain/block-tree'
import type { Message } from '../network/message'
import type { BlocksMark, NodeCheckpoint, NodeState } from '../network/network-state'
import type { NodeStatus } from '../node-status'
import { createRandom, nextSuccess, type Random } from '../random'
import { Inbox } from './inbox'
import { PASSIVE, type NodeContext, type NodeTraits, type TreeSource } from './node-context'
import { TxPool } from './tx-pool'
import type { Activity, Work } from './work'

/** A controller's request waiting for the node to be free. */
export interface Request {
  readonly work: Work
  readonly ready: number
}

/**
 * What a node holds (its chain, pool, queues, inbox, activity and random stream) and how it is
 * exported, resumed and reset. How it advances from clock to clock is SimNode's part.
 */
export abstract class NodeData {
  clock = 0
  status: NodeStatus = 'idle'
  started = false
  /** Which tree the node is on: a reset starts a new one (checkpoints count blocks per tree). */
  protected treeNumber = 0
  tree: BlockTree
  readonly pool = new TxPool()
  protected requests: Request[] = []
  protected followUp: Work | null = null
  /** Peers to announce the tip to, in the order their links came up, each at most once. */
  protected announcements: string[] = []
  /** Messages taken in but not yet received (those still in flight are the network's). */
  readonly inbox: Inbox
  protected activity: Activity | null = null
  protected begunFor = -1
  protected submissions = 0
  protected random: Random
  /** The clocks at which the automatic miner's and the workload's next trials succeed. */
  protected nextMineAt = Infinity
  protected nextTxAt = Infinity
  /** The node's adversarial part when it follows an attack's strategy (null: honest). */
  attacker: Attacker | null = null

  /**
   * `index` is the node's place in the network's node order: the engine names nodes by it on its
   * hot path, and it orders messages that become ready together.
   */
  constructor(
    readonly id: string,
    readonly index: number,
    protected readonly genesis: Block,
    readonly ctx: NodeContext,
    protected traits: NodeTraits = PASSIVE,
  ) {
    this.inbox = new Inbox(ctx.indexOf)
    this.tree = new BlockTree(genesis, ctx.difficulty)
    this.random = createRandom(traits.seed)
    this.drawSchedule(0)
  }

  exportChances(): Pick<NodeTraits, 'mineChance' | 'txChance'> {
    return { mineChance: this.traits.mineChance, txChance: this.traits.txChance }
  }

  /** Changes how often the node mines and receives workload transfers by itself, from now on. */
  retune(changes: Pick<NodeTraits, 'mineChance' | 'txChance'>): void {
    this.traits = { ...this.traits, ...changes }
    this.drawSchedule(this.clock)
  }

  protected drawSchedule(clock: number): void {
    this.nextMineAt = nextSuccess(this.random, clock, this.traits.mineChance)
    this.nextTxAt = nextSuccess(this.random, clock, this.traits.txChance)
  }

  /** Back to clock 0 with only genesis, an empty pool and nothing queued. */
  reset(): Message[] {
    const dropped = this.inbox.sorted([
      ...this.inbox.items,
      ...this.ctx.deliveries.messagesFor(this.index, true),
    ])
    this.treeNumber++
    this.clock = 0
    this.status = 'idle'
    this.tree = new BlockTree(this.genesis, this.ctx.difficulty)
    this.pool.clear()
    this.requests = []
    this.followUp = null
    this.announcements = []
    this.inbox.items = []
    this.inbox.checkedAt = -1
    this.activity = null
    this.begunFor = -1
    this.attacker?.reset()
    this.drawSchedule(0)
    return dropped
  }

  get queueLength(): number {
    return (
      this.requests.length +
      (this.followUp ? 1 : 0) +
      this.announcements.length +
      this.inbox.length +
      this.ctx.deliveries.count(this.index)
    )
  }

  get currentActivity(): Activity | null {
    return this.activity
  }

  /** The node's state for a checkpoint; its blocks only from `since` when that is this tree's. */
  exportCheckpoint(since?: BlocksMark): NodeCheckpoint {
    const from =
      since && since.tree === this.treeNumber && since.count <= this.tree.acceptedCount
        ? since.count
        : 0
    // The state made for this call with its blocks from `from`, and two fields added: copying
    // the whole state once more to add them cost a recorded run of 1,000 nodes a third of each
    // checkpoint.
    const checkpoint: NodeState & { tree?: number; blocksFrom?: number } = this.stateWith(
      this.tree.acceptedSince(from).map((e) => e.block.hash),
    )
    checkpoint.tree = this.treeNumber
    checkpoint.blocksFrom = from
    return checkpoint as NodeCheckpoint
  }

  /** The node's whole state as plain data (blocks by hash; the network keeps the blocks). */
  exportState(): NodeState {
    return this.stateWith([...this.tree.allEntries()].map((e) => e.block.hash))
  }

  /** The node's state with these accepted blocks. */
  private stateWith(blocks: readonly string[]): NodeState {
    return {
      id: this.id,
      started: this.started,
      clock: this.clock,
      status: this.status,
      blocks,
      tip: this.tree.tip.block.hash,
      orphans: this.tree.allOrphans().map((b) => b.hash),
      pool: this.pool.all(),
      requests: [...this.requests],
      followUp: this.followUp,
      announcements: [...this.announcements],
      // The inbox as a node has always held it: what it took in and what is in flight to it.
      inbox: this.inbox.sorted([
        ...this.inbox.items,
        ...this.ctx.deliveries.messagesFor(this.index, false),
      ]),
      activity: this.activity,
      begunFor: this.begunFor,
      submissions: this.submissions,
      random: this.random.state(),
      nextMineAt: this.nextMineAt,
      nextTxAt: this.nextTxAt,
      mineChance: this.traits.mineChance,
      txChance: this.traits.txChance,
      // Only an attacker's state has the key, so an honest node's state is as it always was.
      ...(this.attacker ? { attack: this.attacker.exportState() } : {}),
    }
  }

  /** Resumes from `exportState`'s output, its accepted blocks taken from `source`. */
  importState(state: NodeState, source: TreeSource): void {
    this.started = state.started
    this.clock = state.clock
    this.status = state.status
    const orphans = state.orphans.map(source.block)
    this.tree =
      'held' in source
        ? BlockTree.resume(this.genesis, this.ctx.difficulty, source.held, state.tip, orphans)
        : BlockTree.restore(
            this.genesis,
            this.ctx.difficulty,
            state.blocks.map(source.block),
            state.tip,
            orphans,
            source.shared,
          )
    this.pool.clear()
    for (const tx of state.pool) this.pool.restore(tx)
    this.requests = [...state.requests]
    this.followUp = state.followUp
    this.announcements = [...(state.announcements ?? [])]
    this.inbox.items = [...state.inbox]
    this.inbox.checkedAt = -1
    this.activity = state.activity
    this.begunFor = state.begunFor
    this.submissions = state.submissions
    this.traits = { ...this.traits, mineChance: state.mineChance, txChance: state.txChance }
    this.random = createRandom(this.traits.seed, state.random)
    // JSON has no Infinity: a missing or null time means "never".
    this.nextMineAt = state.nextMineAt ?? Infinity
    this.nextTxAt = state.nextTxAt ?? Infinity
    if (this.attacker && state.attack) this.attacker.importState(state.attack)
  }
}
