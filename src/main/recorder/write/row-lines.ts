import type { SequencedEvent } from '../../../core/events'
import type { RecordedCommand } from '../read/run-reader'

/**
 * How recorded commands and their events travel from the lab's thread to the writer thread:
 * text lines, one a command or an event, fields split by tabs. The event's JSON is made once,
 * here, and is the row's `data` as it is: the writer cuts fields out of the line instead of
 * parsing and re-serialising every event (that cost more than SQLite's own work). JSON never
 * holds a raw tab or newline, and every free-text field is JSON, so the framing is safe.
 *
 *   C \t seq \t clock \t clockAfter \t eventsBefore \t origin \t command JSON \t result JSON
 *   E \t seq \t clock \t kind \t node JSON \t event JSON
 */
export interface CommandLine extends RecordedCommand {
  readonly events: readonly SequencedEvent[]
}

/** Past this many characters, the lines gathered so far are joined into one chunk. */
const CHUNK_CHARS = 1 << 16

/**
 * Lines gathered for the writer thread, joined into chunks of 64K characters as they come: flat
 * strings (the pieces die young instead of living on as a rope), small enough for V8's young
 * generation (bigger ones go straight to the old, for the concurrent collector to free), and a
 * command of a million events is never held twice over, as pieces and as their join.
 */
export class LineBuffer {
  private chunks: string[] = []
  private pieces: string[] = []
  private chars = 0

  add(c: CommandLine): void {
    const result = c.result === null || c.result === undefined ? '' : JSON.stringify(c.result)
    this.push(
      `C\t${c.seq}\t${c.clock}\t${c.clockAfter}\t${c.eventsBefore}\t${c.origin}\t${JSON.stringify(c.command)}\t${result}\n`,
    )
    for (const e of c.events)
      this.push(
        `E\t${e.seq}\t${e.clock}\t${e.kind}\t${JSON.stringify(e.node)}\t${JSON.stringify(e)}\n`,
      )
  }

  /** Everything gathered, as chunks of whole lines; the buffer starts empty again. */
  take(): string[] {
    this.join()
    const chunks = this.chunks
    this.chunks = []
    return chunks
  }

  private push(line: string): void {
    this.pieces.push(line)
    this.chars += line.length
    if (this.chars >= CHUNK_CHARS) this.join()
  }

  private join(): void {
    if (this.pieces.length > 0) this.chunks.push(this.pieces.join(''))
    this.pieces = []
    this.chars = 0
  }
}

/** The lines for one command and the events it caused. */
export function commandLines(c: CommandLine): string {
  const buffer = new LineBuffer()
  buffer.add(c)
  return buffer.take().join('')
}

/** A commands row's values, in the table's column order after run_id. */
export type CommandValues = [
  seq: number,
  clock: number,
  clockAfter: number,
  origin: string,
  command: string,
  result: string | null,
  eventsBefore: number,
]

/** An events row's values after run_id. */
export type EventValues = [seq: number, clock: number, node: string, kind: string, data: string]

export interface TransactionValues {
  readonly id: string
  readonly sender: string | null
  readonly recipient: string
  readonly value: number
  readonly node: string
  readonly clock: number
}

export interface DecodedLines {
  readonly commands: CommandValues[]
  readonly events: EventValues[]
  /** Transactions first seen (accepted or refused) in these events. */
  readonly transactions: TransactionValues[]
}

/**
 * The `count` tab-separated fields of the line text[from..end) after its type and tab; the last
 * keeps any rest. Cut straight from the chunk: no string is made for the line itself.
 */
function fields(text: string, from: number, end: number, count: number): string[] {
  const out: string[] = []
  let at = from + 2
  for (let i = 1; i < count; i++) {
    const tab = text.indexOf('\t', at)
    if (tab < 0 || tab >= end) throw new Error(`a recorded line has ${i} fields, not ${count}`)
    out.push(text.slice(at, tab))
    at = tab + 1
  }
  out.push(text.slice(at, end))
  return out
}

/** Rows from lines made by commandLines or a LineBuffer (chunks of whole lines, in order). */
export function decodeLines(chunks: string | readonly string[]): DecodedLines {
  const decoded: DecodedLines = { commands: [], events: [], transactions: [] }
  for (const text of typeof chunks === 'string' ? [chunks] : chunks) decodeInto(decoded, text)
  return decoded
}

function decodeInto(decoded: DecodedLines, text: string): void {
  let start = 0
  while (start < text.length) {
    let end = text.indexOf('\n', start)
    if (end < 0) end = text.length
    const from = start
    start = end + 1
    if (end === from) continue
    const type = text.startsWith('\t', from + 1) ? text[from] : null
    if (type === 'E') {
      const [seq, clock, kind, node, data] = fields(text, from, end, 5) as [
        string,
        string,
        string,
        string,
        string,
      ]
      const nodeId = JSON.parse(node) as string
      decoded.events.push([Number(seq), Number(clock), nodeId, kind, data])
      if (kind === 'tx.accepted' || kind === 'tx.refused') {
        const { tx } = JSON.parse(data) as Extract<SequencedEvent, { kind: 'tx.accepted' }>
        decoded.transactions.push({
          id: tx.id,
          sender: tx.sender,
          recipient: tx.recipient,
          value: tx.value,
          node: nodeId,
          clock: Number(clock),
        })
      }
    } else if (type === 'C') {
      const [seq, clock, clockAfter, eventsBefore, origin, command, result] = fields(
        text,
        from,
        end,
        7,
      ) as [string, string, string, string, string, string, string]
      decoded.commands.push([
        Number(seq),
        Number(clock),
        Number(clockAfter),
        origin,
        command,
        result === '' ? null : result,
        Number(eventsBefore),
      ])
    } else throw new Error(`a recorded line of unknown type: ${text.slice(from, from + 20)}`)
  }
}
