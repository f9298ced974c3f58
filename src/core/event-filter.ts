import type { EngineEventKind } from './events'

/**
 * Which events a network makes into objects. Most of a run's events are messages sent to and
 * dropped by neighbours that already know the block (30 of the 38 events per node per block at
 * 16 links), and a consumer such as an unrecorded experiment's metrics reads none of them:
 * building and collecting those objects was half the engine's time. The events observed are the
 * whole stream's events of those kinds, in the same order, numbered among themselves (as a worker
 * host numbers the events it merges); what the simulation does never depends on what is observed.
 */
export class EventFilter {
  /** The kinds the hot paths ask about before building an event; the rest ask `wants`. */
  sent = true
  delivered = true
  dropped = true
  status = true
  private kinds: ReadonlySet<EngineEventKind> | null = null

  /** Observe only these kinds from now on, or every kind (null, the default). */
  observe(kinds: Iterable<EngineEventKind> | null): void {
    this.kinds = kinds === null ? null : new Set(kinds)
    this.sent = this.wants('message.sent')
    this.delivered = this.wants('message.delivered')
    this.dropped = this.wants('message.dropped')
    this.status = this.wants('node.status')
  }

  wants(kind: EngineEventKind): boolean {
    return this.kinds === null || this.kinds.has(kind)
  }

  /** The kinds observed (null: all), as plain data a worker can be sent. */
  get observed(): readonly EngineEventKind[] | null {
    return this.kinds === null ? null : [...this.kinds]
  }
}
