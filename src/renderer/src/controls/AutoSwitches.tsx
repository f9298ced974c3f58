import { useState } from 'react'
import type { NetworkInfo } from '../../../shared/api-types'

interface Props {
  network: NetworkInfo
  setAutoMine: (interval: number | null) => void
  setWorkload: (rate: number | null) => void
}

/** Automatic mining and the transaction workload, switched on and off while the network plays. */
export function AutoSwitches({ network, setAutoMine, setWorkload }: Props) {
  const [interval, setIntervalText] = useState(String(network.autoMine ?? 20))
  const [rate, setRate] = useState(String(network.workload ?? 0.1))
  return (
    <div className="controls switches" role="group" aria-label="Automatic mining and workload">
      <label title="Each clock an idle node starts mining with a chance that gives one block per interval">
        <input
          type="checkbox"
          checked={network.autoMine !== null}
          onChange={(e) => setAutoMine(e.target.checked ? Number(interval) : null)}
        />{' '}
        auto-mine, a block every
      </label>
      <input
        aria-label="auto-mine interval"
        className="short"
        value={interval}
        onChange={(e) => setIntervalText(e.target.value)}
        onBlur={() => network.autoMine !== null && setAutoMine(Number(interval))}
      />
      <span>clocks</span>
      <label title="Seeded transfers between random accounts">
        <input
          type="checkbox"
          checked={network.workload !== null}
          onChange={(e) => setWorkload(e.target.checked ? Number(rate) : null)}
        />{' '}
        workload,
      </label>
      <input
        aria-label="workload rate"
        className="short"
        value={rate}
        onChange={(e) => setRate(e.target.value)}
        onBlur={() => network.workload !== null && setWorkload(Number(rate))}
      />
      <span>transfers per clock</span>
    </div>
  )
}
