import { useState } from 'react'
import type { NetworkInfo } from '../../../shared/api-types'
import { FLOOR_FPS } from './frame-guard'
import { SPEEDS } from './play-clock'
import type { usePlayer } from './use-player'
import { NoticeSlot } from '../notices/notices'
import './controls.css'

interface Props {
  network: NetworkInfo
  player: ReturnType<typeof usePlayer>
  onStart: () => void
  onReset: () => void
  onStep: () => void
  /** A branch of the run being recorded at the previous clock. */
  onBack?: () => void
  onNewNetwork: () => void
}

/** Start, reset, step, play with a speed, run to a clock. */
export function ControlBar(props: Props) {
  const { network, player, onStart, onReset, onStep, onBack, onNewNetwork } = props
  const [target, setTarget] = useState('')
  const running = player.progress !== null
  return (
    <div className="controls" role="toolbar" aria-label="Clock controls">
      <span className="clock" aria-label="network clock">
        clock <strong data-testid="clock">{network.clock}</strong>
      </span>
      {!network.started ? (
        <button className="primary" onClick={onStart}>
          Start
        </button>
      ) : (
        <>
          {onBack && (
            <button
              onClick={onBack}
              disabled={player.playing || running || network.clock === 0}
              title="Back one clock: a new run, branched from this one at the previous clock"
            >
              ← Back
            </button>
          )}
          <button onClick={onStep} disabled={player.playing || running} title="Step one clock (→)">
            Step
          </button>
          <button onClick={player.toggle} disabled={running} title="Play or pause (space)">
            {player.playing ? 'Pause' : 'Play'}
          </button>
          <label>
            speed{' '}
            <select
              value={player.speed}
              onChange={(e) => player.setSpeed(Number(e.target.value))}
              aria-label="clocks per second"
            >
              {SPEEDS.map((s) => (
                <option key={s} value={s}>
                  {s}/s
                </option>
              ))}
            </select>
          </label>
          {player.playing && (
            <span
              className="achieved"
              data-testid="achieved"
              title={
                player.paced
                  ? `clocks per second reached; play takes fewer clocks a step, or rests between steps, to keep the page at ${FLOOR_FPS} frames a second`
                  : 'clocks per second reached'
              }
            >
              {player.achieved === null ? 'measuring…' : `reached ${formatRate(player.achieved)}/s`}
              {player.paced && ', paced to keep the frames'}
            </span>
          )}
          <form
            className="run-to"
            onSubmit={(e) => {
              e.preventDefault()
              const n = Number(target)
              if (Number.isInteger(n)) void player.runTo(n, network.clock)
            }}
          >
            <input
              aria-label="run to clock"
              placeholder="run to clock"
              inputMode="numeric"
              value={target}
              onChange={(e) => setTarget(e.target.value)}
              disabled={running}
            />
            {running ? (
              <button type="button" onClick={player.cancelRun}>
                Cancel{' '}
                {player.progress &&
                  `${Math.round((100 * player.progress.done) / player.progress.total)}%`}
              </button>
            ) : (
              <button type="submit" disabled={player.playing}>
                Run
              </button>
            )}
          </form>
        </>
      )}
      <button onClick={onReset} disabled={player.playing || running} title="Asks first">
        Reset…
      </button>
      <button onClick={onNewNetwork} disabled={player.playing || running}>
        New network…
      </button>
      <NoticeSlot />
    </div>
  )
}

/** Made once: `toLocaleString` makes a formatter at each call, and the bar renders every frame. */
const WHOLE = new Intl.NumberFormat('en', { maximumFractionDigits: 0 })

function formatRate(rate: number): string {
  return rate >= 100 ? WHOLE.format(rate) : rate.toFixed(1)
}
