import { useState, type FormEvent } from 'react'
import type { LabClient } from '../../../shared/lab-bridge'
import type { NetworkInfo } from '../../../shared/api-types'
import { formatGenesis, parseGenesis } from '../../../shared/engine-terms'
import { AttackFields, attackInput, draftOf } from './AttackFields'

interface Props {
  client: LabClient
  current: NetworkInfo
  onDone: (info: NetworkInfo | null) => void
}

/** Creates a new network: nodes, topology, difficulty, latency, seed, genesis, dialect, attack. */
export function CreateNetworkForm({ client, current, onDone }: Props) {
  const [nodes, setNodes] = useState(String(current.nodes.length))
  const [topology, setTopology] = useState(current.topology.split(':')[0] ?? 'mesh')
  const [degree, setDegree] = useState(current.topology.split(':')[1] ?? '4')
  const [difficulty, setDifficulty] = useState(String(current.difficulty))
  const [latency, setLatency] = useState(String(current.latency))
  const [seed, setSeed] = useState(String(current.seed))
  const [dialect, setDialect] = useState(current.dialect)
  const [spread, setSpread] = useState('0')
  const [interval, setIntervalText] = useState(
    current.autoMine === null ? '' : String(current.autoMine),
  )
  const [hashPower, setHashPower] = useState('')
  const [txRate, setTxRate] = useState(current.workload === null ? '' : String(current.workload))
  const [genesis, setGenesis] = useState(formatGenesis(current.genesis))
  const [attack, setAttack] = useState(() => draftOf(current.attack))
  const [error, setError] = useState<string | null>(null)
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setError(null)
    try {
      const info = await client.createNetwork({
        nodes: Number(nodes),
        topology:
          topology === 'random' || topology === 'scale-free' ? `${topology}:${degree}` : topology,
        difficulty: Number(difficulty),
        latency: Number(latency),
        seed: Number(seed),
        dialect,
        latencySpread: Number(spread),
        interval: interval.trim() ? Number(interval) : null,
        ...(hashPower.trim() ? { hashPower: hashPower.split(',').map(Number) } : {}),
        txRate: txRate.trim() ? Number(txRate) : null,
        genesis: parseGenesis(genesis),
        attack: attackInput(attack),
      })
      onDone(info)
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    }
  }
  return (
    <form className="dialog" onSubmit={submit} aria-label="New network">
      <h3>New network</h3>
      <p className="hint">The current run is saved and a new one starts recording.</p>
      <label>
        nodes <input value={nodes} onChange={(e) => setNodes(e.target.value)} inputMode="numeric" />
      </label>
      <label>
        topology{' '}
        <select value={topology} onChange={(e) => setTopology(e.target.value)}>
          {['mesh', 'line', 'ring', 'star', 'random', 'scale-free'].map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </label>
      {(topology === 'random' || topology === 'scale-free') && (
        <label>
          degree{' '}
          <input value={degree} onChange={(e) => setDegree(e.target.value)} inputMode="numeric" />
        </label>
      )}
      <label>
        difficulty (bits){' '}
        <input
          value={difficulty}
          onChange={(e) => setDifficulty(e.target.value)}
          inputMode="numeric"
        />
      </label>
      <label>
        latency (clocks){' '}
        <input value={latency} onChange={(e) => setLatency(e.target.value)} inputMode="numeric" />
      </label>
      <label>
        latency spread{' '}
        <input value={spread} onChange={(e) => setSpread(e.target.value)} inputMode="numeric" />
      </label>
      <label>
        seed <input value={seed} onChange={(e) => setSeed(e.target.value)} inputMode="numeric" />
      </label>
      <label>
        auto-mine interval{' '}
        <input
          value={interval}
          placeholder="off"
          onChange={(e) => setIntervalText(e.target.value)}
        />
      </label>
      <label>
        hash power{' '}
        <input
          value={hashPower}
          placeholder="equal, or 1,2,1…"
          onChange={(e) => setHashPower(e.target.value)}
        />
      </label>
      <label>
        workload (tx/clock){' '}
        <input value={txRate} placeholder="off" onChange={(e) => setTxRate(e.target.value)} />
      </label>
      <label>
        genesis{' '}
        <input
          value={genesis}
          placeholder="aki=10,so=7,satoshi=5"
          title="Each account's coins in the genesis block, as account=coins, comma-separated"
          onChange={(e) => setGenesis(e.target.value)}
        />
      </label>
      <label>
        dialect{' '}
        <select value={dialect} onChange={(e) => setDialect(e.target.value as typeof dialect)}>
          <option value="readme">readme</option>
          <option value="legacy">legacy</option>
        </select>
      </label>
      <AttackFields
        draft={attack}
        nodes={Array.from({ length: Math.min(Number(nodes) || 0, 64) }, (_, i) => `node${i + 1}`)}
        onChange={setAttack}
      />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary">
          Create
        </button>
        <button type="button" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  )
}
