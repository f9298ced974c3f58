import type { SequencedEvent } from '../core/events'

/**
 * Engine events packed for the UI's event stream (`/api/events?format=packed`). At 2,000 nodes a
 * block's relay is some 76,000 events, and as JSON objects they came to 200 bytes each: 15 MB a
 * second of text at 30 clocks a second, which the page's thread took in (the browser's stream
 * parser, then JSON.parse) before it could draw. Packed, the kinds that make nearly every event
 * (messages sent, delivered and dropped, status changes, blocks accepted) are rows of numbers in
 * one list, their strings (names, hashes, types) in a table once a piece, and the clock and seq as
 * steps from the last row's; every other event stays the object it is.
 *
 * `unpackEvents` gives back the very events packed, as JSON gives them: the same keys, in the same
 * order, with the same values (and, as in any JSON, -0 as 0). An event of a packed kind but any
 * other shape (a field missing or inherited, another type, a clock, seq or ready that is not a
 * safe integer, which a difference would not carry exactly) stays an object.
 */
export interface PackedEvents {
  /** The strings the rows name, by number. */
  readonly s: readonly string[]
  /** The rows, one after another: a kind code, then that kind's fields (see `packEvents`). */
  readonly r: readonly number[]
  /** The events left as objects, in order: a row of code OBJECT takes the next. */
  readonly o: readonly SequencedEvent[]
}

const OBJECT = 0
const SENT = 1
const DELIVERED = 2
const DROPPED = 3
const STATUS = 4
const ACCEPTED = 5

/** The keys of each packed kind's events, in the order the engine makes them. */
export const PACKED_KEYS = {
  'message.sent': ['kind', 'clock', 'node', 'id', 'type', 'to', 'subject', 'ready', 'seq'],
  'message.delivered': ['kind', 'clock', 'node', 'id', 'type', 'from', 'subject', 'seq'],
  'message.dropped': ['kind', 'clock', 'node', 'id', 'type', 'from', 'subject', 'reason', 'seq'],
  'node.status': ['kind', 'clock', 'node', 'status', 'previous', 'seq'],
  'block.accepted': ['kind', 'clock', 'node', 'block', 'from', 'onMainChain', 'seq'],
} as const
const BLOCK_KEYS = ['hash', 'height', 'parent', 'miner', 'transactions'] as const

type Fields = Record<string, unknown>

/** Whether the object's own keys are `keys`, in that order (JSON writes only its own). */
function hasKeys(object: object, keys: readonly string[]): boolean {
  let i = 0
  for (const key in object) if (key !== keys[i++] || !Object.hasOwn(object, key)) return false
  return i === keys.length
}

const isNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value)
/** A clock, seq or ready clock: sent as a difference, which only integers keep exact. */
const isSteppable = (value: unknown): value is number => Number.isSafeInteger(value)
const isString = (value: unknown): value is string => typeof value === 'string'

/** Whether the event is one of its kind's shape, with the types a row holds. */
function packable(event: Fields, keys: readonly string[]): boolean {
  if (!hasKeys(event, keys)) return false
  for (const key of keys) {
    const value = event[key]
    switch (key) {
      case 'clock':
      case 'seq':
        if (!isSteppable(value)) return false
        break
      case 'ready':
        if (!isSteppable(value) || !isSteppable(value - (event['clock'] as number))) return false
        break
      case 'id':
        if (!isNumber(value)) return false
        break
      case 'block': {
        if (typeof value !== 'object' || value === null || !hasKeys(value, BLOCK_KEYS)) return false
        const block = value as Fields
        if (!isString(block['hash']) || !isNumber(block['height'])) return false
        if (!isString(block['parent']) || !isNumber(block['transactions'])) return false
        if (block['miner'] !== null && !isString(block['miner'])) return false
        break
      }
      case 'from':
        // None for a node's own block; a message always has a sender.
        if (!isString(value) && !(value === null && event['kind'] === 'block.accepted'))
          return false
        break
      case 'onMainChain':
        if (typeof value !== 'boolean') return false
        break
      default:
        if (!isString(value)) return false
    }
  }
  return true
}

/**
 * Packs `events` from `from` on until the text reaches about `maxChars` (at least one event);
 * answers the text (JSON of PackedEvents) and the index after the last event packed.
 */
export function packEvents(
  events: readonly SequencedEvent[],
  from = 0,
  maxChars = Infinity,
): { text: string; to: number } {
  const strings: string[] = []
  const stringJson: string[] = []
  const numbers = new Map<string, number>()
  let chars = 0
  const str = (value: string): number => {
    let n = numbers.get(value)
    if (n === undefined) {
      n = strings.push(value) - 1
      numbers.set(value, n)
      const json = JSON.stringify(value)
      stringJson.push(json)
      chars += json.length + 1
    }
    return n
  }
  const orNone = (value: unknown): number => (value === null ? -1 : str(value as string))
  let rows = ''
  const objects: string[] = []
  let clock = 0
  let seq = 0
  let i = from
  for (; i < events.length && (i === from || chars + rows.length < maxChars); i++) {
    const event = events[i] as unknown as Fields
    const kind = event['kind'] as string
    const keys = Object.hasOwn(PACKED_KEYS, kind)
      ? (PACKED_KEYS[kind as keyof typeof PACKED_KEYS] as readonly string[])
      : undefined
    const dClock = (event['clock'] as number) - clock
    const dSeq = (event['seq'] as number) - seq
    const asRow =
      keys !== undefined &&
      packable(event, keys) &&
      Number.isSafeInteger(dClock) &&
      Number.isSafeInteger(dSeq)
    if (!asRow) {
      const json = JSON.stringify(event)
      objects.push(json)
      chars += json.length + 1
      rows += `${OBJECT},`
      continue
    }
    clock = event['clock'] as number
    seq = event['seq'] as number
    const node = str(event['node'] as string)
    switch (kind) {
      case 'message.sent':
        rows += `${SENT},${dClock},${node},${event['id']},${str(event['type'] as string)},${str(event['to'] as string)},${str(event['subject'] as string)},${(event['ready'] as number) - clock},${dSeq},`
        break
      case 'message.delivered':
        rows += `${DELIVERED},${dClock},${node},${event['id']},${str(event['type'] as string)},${str(event['from'] as string)},${str(event['subject'] as string)},${dSeq},`
        break
      case 'message.dropped':
        rows += `${DROPPED},${dClock},${node},${event['id']},${str(event['type'] as string)},${str(event['from'] as string)},${str(event['subject'] as string)},${str(event['reason'] as string)},${dSeq},`
        break
      case 'node.status':
        rows += `${STATUS},${dClock},${node},${str(event['status'] as string)},${str(event['previous'] as string)},${dSeq},`
        break
      default: {
        const block = event['block'] as Fields
        rows += `${ACCEPTED},${dClock},${node},${str(block['hash'] as string)},${block['height']},${str(block['parent'] as string)},${orNone(block['miner'])},${block['transactions']},${orNone(event['from'])},${event['onMainChain'] ? 1 : 0},${dSeq},`
      }
    }
  }
  const text = `{"s":[${stringJson.join(',')}],"r":[${rows.slice(0, -1)}],"o":[${objects.join(',')}]}`
  return { text, to: i }
}

/** The events `packEvents` packed, as they were. */
export function unpackEvents(packed: PackedEvents): SequencedEvent[] {
  const { s, r, o } = packed
  const events: SequencedEvent[] = []
  const name = (n: number): string => {
    const value = s[n]
    if (value === undefined) throw new Error(`packed events name no string ${n}`)
    return value
  }
  const orNull = (n: number): string | null => (n === -1 ? null : name(n))
  let clock = 0
  let seq = 0
  let object = 0
  let at = 0
  const next = (): number => {
    const value = r[at++]
    if (value === undefined) throw new Error('packed events end inside a row')
    return value
  }
  while (at < r.length) {
    const code = next()
    if (code === OBJECT) {
      const event = o[object++]
      if (!event) throw new Error('packed events lack an object')
      events.push(event)
      continue
    }
    clock += next()
    const node = name(next())
    let event: unknown
    switch (code) {
      case SENT: {
        const id = next()
        const type = name(next())
        const to = name(next())
        const subject = name(next())
        const ready = clock + next()
        seq += next()
        event = { kind: 'message.sent', clock, node, id, type, to, subject, ready, seq }
        break
      }
      case DELIVERED: {
        const id = next()
        const type = name(next())
        const from = name(next())
        const subject = name(next())
        seq += next()
        event = { kind: 'message.delivered', clock, node, id, type, from, subject, seq }
        break
      }
      case DROPPED: {
        const id = next()
        const type = name(next())
        const from = name(next())
        const subject = name(next())
        const reason = name(next())
        seq += next()
        event = { kind: 'message.dropped', clock, node, id, type, from, subject, reason, seq }
        break
      }
      case STATUS: {
        const status = name(next())
        const previous = name(next())
        seq += next()
        event = { kind: 'node.status', clock, node, status, previous, seq }
        break
      }
      case ACCEPTED: {
        const hash = name(next())
        const height = next()
        const parent = name(next())
        const miner = orNull(next())
        const transactions = next()
        const block = { hash, height, parent, miner, transactions }
        const from = orNull(next())
        const onMainChain = next() === 1
        seq += next()
        event = { kind: 'block.accepted', clock, node, block, from, onMainChain, seq }
        break
      }
      default:
        throw new Error(`packed events hold a row of unknown kind ${code}`)
    }
    events.push(event as SequencedEvent)
  }
  if (object !== o.length) throw new Error('packed events hold objects no row takes')
  return events
}
