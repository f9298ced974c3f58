import type { Message } from '../network/message'

/**
 * A node's incoming messages, in the order it takes them: by the clock they become ready, then
 * the clock they were sent, the sender's place in the node order and the sender's message id.
 * Messages mostly arrive in that order already, so an arrival is compared with the last one
 * first and appended without a search; a search, when needed, compares fields in place rather
 * than building keys. Those ready by a clock are always a prefix.
 */
export class Inbox {
  items: Message[] = []
  /**
   * The links' downs (see LinkTable.downs) when every message here was last found to have its
   * link up: while no link has gone down since, they still have (-1: not known).
   */
  checkedAt = -1

  constructor(private readonly indexOf: (node: string) => number) {}

  get length(): number {
    return this.items.length
  }

  /** The clock the first message becomes ready (Infinity: none waiting). */
  get firstReady(): number {
    const first = this.items[0]
    return first === undefined ? Infinity : first.ready
  }

  insert(message: Message): void {
    this.checkedAt = -1
    const items = this.items
    let hi = items.length
    if (hi === 0 || this.compare(items[hi - 1] as Message, message) <= 0) {
      items.push(message)
      return
    }
    let lo = 0
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.compare(items[mid] as Message, message) <= 0) lo = mid + 1
      else hi = mid
    }
    items.splice(lo, 0, message)
  }

  /** How many messages at the front are ready by clock t. */
  readyCount(t: number): number {
    const items = this.items
    let n = 0
    while (n < items.length && (items[n] as Message).ready <= t) n++
    return n
  }

  /** Takes the first message out. */
  shift(): Message | undefined {
    return this.items.shift()
  }

  /** These messages in the order the node takes them. */
  sorted(messages: Message[]): Message[] {
    return messages.sort((a, b) => this.compare(a, b))
  }

  private compare(a: Message, b: Message): number {
    return (
      a.ready - b.ready ||
      a.sent - b.sent ||
      (a.from === b.from ? 0 : this.indexOf(a.from) - this.indexOf(b.from)) ||
      a.id - b.id
    )
  }
}
