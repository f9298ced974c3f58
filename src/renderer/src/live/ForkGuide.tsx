import { useRef, useState } from 'react'
import type { NetworkInfo } from '../../../shared/api-types'
import type { LabClient } from '../../../shared/lab-bridge'
import { DocLink } from '../help/DocLink'
import { FORK_GUIDE, type GuideContext } from './fork-guide'

interface Props {
  client: LabClient
  network: NetworkInfo
  accept: (info: NetworkInfo) => void
}

/**
 * "Make a fork": a guided scenario on the live network, one step per click, each narrated
 * (cut, mine on both sides, mine again, heal, reorganise).
 */
export function ForkGuide({ client, network, accept }: Props) {
  const [open, setOpen] = useState(false)
  const [done, setDone] = useState<string[]>([])
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const ctx = useRef<GuideContext | null>(null)
  const [alone, b, c] = network.nodes.map((n) => n.id)
  const usable = network.started && alone && b && c

  if (!open)
    return (
      <button
        onClick={() => {
          ctx.current = { client, alone: alone!, b: b!, c: c!, accept, cut: [] }
          setDone([])
          setError(null)
          setOpen(true)
        }}
        disabled={!usable}
        title={usable ? 'A guided scenario, narrated' : 'Start a network of 3 nodes or more first'}
      >
        Make a fork…
      </button>
    )
  const next = FORK_GUIDE[done.length]
  return (
    <section className="card fork-guide" aria-label="Make a fork">
      <header className="card-head">
        <h3>Make a fork, step by step</h3>
        <DocLink section="links-coming-up">why healing resolves it</DocLink>
        <button onClick={() => setOpen(false)}>Close</button>
      </header>
      <ol className="guide-steps">
        {FORK_GUIDE.map((step, i) => (
          <li
            key={step.title}
            className={i < done.length ? 'done' : i === done.length ? 'next' : ''}
          >
            <strong>
              {i < done.length ? '✓ ' : ''}
              {step.title}
            </strong>
            {done[i] && <p role={i === done.length - 1 ? 'status' : undefined}>{done[i]}</p>}
          </li>
        ))}
      </ol>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {next ? (
        <button
          className="primary"
          disabled={busy}
          onClick={() => {
            setBusy(true)
            setError(null)
            next
              .run(ctx.current!)
              .then(
                (said) => setDone((d) => [...d, said]),
                (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
              )
              .finally(() => setBusy(false))
          }}
        >
          {busy ? 'Working…' : `Next: ${next.title}`}
        </button>
      ) : (
        <p className="hint">The story is told. Replay it from the Runs tab, clock by clock.</p>
      )}
    </section>
  )
}
