import { useMemo, useState } from 'react'
import type { SequencedEvent } from '../../../shared/api-types'
import { DocLink } from '../help/DocLink'
import './attack-log.css'
import { attackNote, ledgerOf } from './attack-notes'
import {
  ALL_KINDS,
  blockOf,
  describeEvent,
  filterLog,
  LOG_KINDS,
  logKindOf,
  type LogKind,
} from './log-entries'
import './event-log.css'
import { useRowWindow } from './use-row-window'

interface Props {
  /** The log's events, oldest first; the live store appends to the same array. */
  entries: readonly SequencedEvent[]
  /** Changes whenever entries grew (the array itself may be the same one). */
  version: number
  nodes: readonly string[]
  /** An entry was chosen: select its node and block (and, in a replay, go to its clock). */
  onPick: (event: SequencedEvent, block: string | null) => void
  /** In a replay: the scrubbed clock, to mark the entries of it. */
  clock?: number
  /** Shown under the heading: what the log holds (all of it, or how far it has loaded). */
  note?: string
  /** Live: keep the newest entry in view while the list is scrolled to its end. */
  follow?: boolean
}

const ROW = 24
const LETTER = Object.fromEntries(LOG_KINDS.map((k) => [k.kind, k.letter])) as Record<
  LogKind,
  string
>

/**
 * What happened in the network, one line per event that matters to a learner: blocks mined,
 * accepted, refused; reorganisations; drops; refused and evicted transactions; links. Only the
 * rows in view are in the page, so a run of 100,000 entries scrolls as smoothly as ten.
 */
export function EventLog({ entries, version, nodes, onPick, clock, note, follow = false }: Props) {
  const [kinds, setKinds] = useState<ReadonlySet<LogKind>>(ALL_KINDS)
  const [node, setNode] = useState<string | null>(null)
  // `version` stands for the array's contents, which grow in place.
  const shown = useMemo(
    () => filterLog(entries, { kinds, node }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` stands for contents that grow in place
    [entries, version, kinds, node],
  )
  // `version` stands for the array's contents, which grow in place.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` stands for contents that grow in place
  const attacks = useMemo(() => ledgerOf(entries), [entries, version])
  // Following stops when the user scrolls up to read, and resumes at the end of the list.
  const { scroller, list, first, last, total, onScroll } = useRowWindow(shown.length, ROW, follow)
  const drawn: number[] = []
  for (let index = first; index < last; index++) drawn.push(index)

  const toggle = (kind: LogKind) =>
    setKinds((now) => {
      const next = new Set(now)
      if (!next.delete(kind)) next.add(kind)
      return next
    })

  return (
    <section className="card event-log" aria-label="Event log">
      <header className="card-head">
        <h3>Event log</h3>
        <span className="hint" data-testid="log-count">
          {shown.length.toLocaleString()} of {entries.length.toLocaleString()} entries
          {note ? ` · ${note}` : ''}
        </span>
        <DocLink section="events">what these mean</DocLink>
      </header>
      <fieldset className="log-filter">
        <legend className="sr-only">Show</legend>
        {LOG_KINDS.map((k) => (
          <label key={k.kind}>
            <input type="checkbox" checked={kinds.has(k.kind)} onChange={() => toggle(k.kind)} />{' '}
            <span className={`log-letter log-${k.kind}`} aria-hidden="true">
              {k.letter}
            </span>{' '}
            {k.label}
          </label>
        ))}
        <label>
          node{' '}
          <select
            value={node ?? ''}
            onChange={(e) => setNode(e.target.value || null)}
            aria-label="only the entries of node"
          >
            <option value="">every node</option>
            {nodes.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      {shown.length === 0 && (
        <p className="empty">
          Nothing yet. Mine a block, cut a link or send a transaction: what follows shows here.
        </p>
      )}
      {/* Always in the page, empty or not: the observers keep the elements they first saw. */}
      <div
        hidden={shown.length === 0}
        className="log-scroll"
        ref={scroller}
        onScroll={onScroll}
        tabIndex={0}
        aria-label="event log entries"
      >
        <ol className="log-rows" ref={list} style={{ height: total }}>
          {drawn.map((index) => {
            const event = shown[index]!
            const kind = logKindOf(event) ?? 'link'
            const text = describeEvent(event) + attackNote(event, attacks)
            return (
              <li
                key={event.seq}
                className={`log-row${event.clock === clock ? ' now' : ''}`}
                style={{ transform: `translateY(${index * ROW}px)`, height: ROW }}
                data-kind={kind}
              >
                <button
                  onClick={() => onPick(event, blockOf(event))}
                  title={`clock ${event.clock}, ${event.node}: ${text}`}
                >
                  <span className="log-clock">{event.clock}</span>
                  <span className={`log-letter log-${kind}`} aria-label={kind}>
                    {LETTER[kind]}
                  </span>
                  <span className="log-node">{event.node}</span>
                  <span className="log-text">{text}</span>
                </button>
              </li>
            )
          })}
        </ol>
      </div>
    </section>
  )
}
