import type { SequencedEvent } from '../../../core/events'
import type { RecordedCommand } from '../read/run-reader'

/**
 * How recorded commands travel from the lab's thread to the writer thread: text lines, one a
 * command, fields split by tabs, cut into rows by the writer without parsing the JSON again.
 * JSON never holds a raw tab or newline, and every free-text field is JSON, so the framing is
 * safe. (Events go as binary chunks since 0005: event-codec.ts.)
 *
 *   C \t seq \t clock \t clockAfter \t eventsBefore \t origin \t command JSON \t result JSON
 */
export type CommandLine = RecordedCommand

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

/** The line for one command. */
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

export interface TransactionValues {
  readonly id: string
  readonly sender: string | null
  readonly recipient: string
  readonly value: number
  readonly node: string
  readonly clock: number
}

/** A transaction as its row holds it, taken from a tx.accepted or tx.refused event. */
export function transactionOf(
  event: Extract<SequencedEvent, { kind: 'tx.accepted' | 'tx.refused' }>,
): TransactionValues {
  const { tx } = event
  return {
    id: tx.id,
    sender: tx.sender,
    recipient: tx.recipient,
    value: tx.value,
    node: event.node,
    clock: event.clock,
  }
}

export interface DecodedLines {
  readonly commands: CommandValues[]
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
  const decoded: DecodedLines = { commands: [] }
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
    if (type === 'C') {
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
