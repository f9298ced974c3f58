import { useState } from 'react'
import type { NetworkInfo, SequencedEvent } from '../../../shared/api-types'
import type { LabClient } from '../../../shared/lab-bridge'
import { DocLink } from '../help/DocLink'
import { ATTACK_GUIDES, type AttackGuide } from './attack-guides'
import { chaptersOf, openScenario, playChapter } from './scenario-steps'
import { chapterEvents, commandWords } from './scenario-words'
import './attack-guide.css'

interface Props {
  client: LabClient
  /** The live log: the panel re-renders with the live view, so it reads it as it grows. */
  log: readonly SequencedEvent[]
  accept: (info: NetworkInfo) => void
}

/**
 * "Guided attacks": each attack of docs/attacks.md played from its scenario file on a new live
 * network, chapter by chapter (or to the end), with what to watch and what each chapter did.
 */
export function AttackGuidePanel({ client, log, accept }: Props) {
  const [open, setOpen] = useState(false)
  const [guide, setGuide] = useState<AttackGuide | null>(null)
  const [done, setDone] = useState(0)
  const [clock, setClock] = useState(0)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const run = (work: () => Promise<void>) => {
    setBusy(true)
    setError(null)
    work()
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(false))
  }
  if (!open)
    return (
      <button onClick={() => setOpen(true)} title="Selfish mining, a double spend, an eclipse">
        Guided attacks…
      </button>
    )
  const chapters = guide ? chaptersOf(guide.scenario) : []
  const play = (g: AttackGuide) =>
    run(async () => {
      const info = await openScenario(client, g.scenario)
      accept(info)
      setGuide(g)
      setDone(0)
      setClock(info.clock)
    })
  const next = (to: number) =>
    run(async () => {
      let now = clock
      for (let i = done; i < to; i++) {
        now = await playChapter(client, chapters[i]!, now, accept)
        setDone(i + 1)
        setClock(now)
      }
    })
  return (
    <section className="card attack-guide" aria-label="Guided attacks">
      <header className="card-head">
        <h3>{guide ? guide.scenario.name : 'Guided attacks'}</h3>
        <DocLink doc="attacks" section="what-the-events-say">
          what the attack events say
        </DocLink>
        <button onClick={() => (guide ? setGuide(null) : setOpen(false))} disabled={busy}>
          {guide ? 'Other attacks' : 'Close'}
        </button>
      </header>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {!guide ? (
        <ul className="guide-list">
          {ATTACK_GUIDES.map((g) => (
            <li key={g.id}>
              <strong>{g.scenario.name}</strong> <span className="hint">({g.file})</span>
              <p>{g.scenario.description}</p>
              <button
                className="primary"
                disabled={busy}
                aria-label={`Play ${g.scenario.name}`}
                onClick={() => play(g)}
              >
                Play
              </button>
            </li>
          ))}
          <li className="hint">
            Playing one replaces the live network with the scenario's; the current run stays saved
            in the Runs tab.
          </li>
        </ul>
      ) : (
        <>
          <h4>What to watch</h4>
          <ul className="watch">
            {guide.watch.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
          <ol className="guide-steps">
            {chapters.map((c, i) => (
              <li
                key={`${c.at}-${i}`}
                className={i < done ? 'done' : i === done ? 'next' : ''}
                data-testid={`chapter-${i}`}
              >
                <strong>
                  {i < done ? '✓ ' : ''}
                  Clock {c.at}: {c.commands.map(commandWords).join('; ')}
                </strong>
                {i < done && (
                  <ul className="told">
                    {chapterEvents(log, c, i === 0).map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
          {done < chapters.length ? (
            <div className="row">
              <button className="primary" disabled={busy} onClick={() => next(done + 1)}>
                {busy ? 'Playing…' : `Next: to clock ${chapters[done]!.until}`}
              </button>
              <button disabled={busy} onClick={() => next(chapters.length)}>
                Play to the end
              </button>
            </div>
          ) : (
            <p className="hint" role="status">
              The attack is told, to clock {clock}. Step on, or replay it from the Runs tab, clock
              by clock.
            </p>
          )}
        </>
      )}
    </section>
  )
}
