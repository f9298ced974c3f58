import { useEffect, useState } from 'react'
import { sweepSchema, type ExperimentSettings } from '../../../shared/sweep'

/** Ready-made sweeps: each a question the lab answers. */
export const PRESETS: readonly { label: string; sweep: object }[] = [
  {
    label: 'Fork rate against latency and block interval',
    sweep: {
      name: 'Fork rate against latency and block interval (10-node mesh)',
      base: { nodes: 10, topology: 'mesh', clocks: 10000, difficulty: 1 },
      vary: { latency: [0, 2, 4, 8], interval: [30, 60] },
      seeds: [1, 2, 3],
    },
  },
  {
    label: 'Stale blocks as blocks come faster',
    sweep: {
      name: 'Stale rate against block interval (20 nodes, random:4, latency 2)',
      base: { nodes: 20, topology: 'random:4', latency: 2, clocks: 10000, difficulty: 1 },
      vary: { interval: [10, 20, 40, 80] },
      seeds: [1, 2, 3],
    },
  },
  {
    label: 'Topologies compared',
    sweep: {
      name: 'Propagation and forks by topology (16 nodes, latency 1)',
      base: { nodes: 16, latency: 1, interval: 30, clocks: 8000, difficulty: 1 },
      vary: { topology: ['mesh', 'ring', 'star', 'random:4'] },
      seeds: [1, 2],
    },
  },
  {
    label: 'Selfish mining: revenue against hash share',
    sweep: {
      name: 'A selfish miner’s revenue against its hash share α (10-node mesh; Eyal & Sirer)',
      base: { nodes: 10, topology: 'mesh', interval: 100, clocks: 200000, difficulty: 1 },
      vary: { selfishPower: [0.2, 0.25, 0.3, 0.35, 0.4] },
      seeds: [1, 2, 3],
    },
  },
  {
    label: 'Double spend: success against hash share and confirmations',
    sweep: {
      name: 'A double spend’s success against q and z (4-node mesh; the exact chance and Nakamoto’s)',
      base: { nodes: 4, topology: 'mesh', interval: 100, difficulty: 1, trials: 200 },
      vary: { doubleSpendPower: [0.1, 0.2, 0.3, 0.4], confirmations: [1, 2, 4, 6] },
      seeds: [1],
    },
  },
]

const NUMBERS: (keyof ExperimentSettings)[] = [
  'nodes',
  'clocks',
  'difficulty',
  'latency',
  'latencySpread',
  'interval',
  'txRate',
  'accounts',
  'selfishPower',
  'doubleSpendPower',
  'confirmations',
  'trials',
]
const KEYS: (keyof ExperimentSettings)[] = ['topology', ...NUMBERS]

interface Draft {
  name?: string
  base?: Record<string, unknown>
  vary?: Record<string, unknown[]>
  seeds?: unknown[]
}

/** Whether a sweep's runs are double spends (attempts, not clocked runs). */
function doubleSpends(draft: Draft): boolean {
  const q = draft.vary?.['doubleSpendPower'] ?? [draft.base?.['doubleSpendPower'] ?? 0]
  return q.some((v) => Number(v) > 0)
}

/** What is wrong with a sweep, one line per issue; empty when it runs. */
export function sweepIssues(text: string): string[] {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    return [`not JSON: ${e instanceof Error ? e.message : String(e)}`]
  }
  const parsed = sweepSchema.safeParse(json)
  return parsed.success
    ? []
    : parsed.error.issues.map((i) => `${i.path.join('.') || 'sweep'}: ${i.message}`)
}

const list = (text: string): (number | string)[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => (/^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s))

/** A comma-separated list, kept as typed ("0, " stays) while the sweep holds its values. */
function ListInput(props: {
  label: string
  values: readonly unknown[]
  placeholder: string
  onChange: (values: (number | string)[]) => void
}) {
  const { label, values, placeholder, onChange } = props
  const joined = values.join(', ')
  const [text, setText] = useState(joined)
  // A change from elsewhere (a preset, the raw JSON) replaces what was typed.
  useEffect(() => {
    setText((typed) => (list(typed).join(', ') === joined ? typed : joined))
  }, [joined])
  return (
    <input
      aria-label={label}
      value={text}
      placeholder={placeholder}
      onChange={(e) => {
        setText(e.target.value)
        onChange(list(e.target.value))
      }}
    />
  )
}

/**
 * A sweep as a form: presets, the base settings, up to two varied settings and the seeds. The
 * JSON text stays the one source of truth, so the form and the raw JSON are two views of it.
 */
export function SweepForm({ text, onChange }: { text: string; onChange: (t: string) => void }) {
  let draft: Draft
  try {
    draft = JSON.parse(text) as Draft
  } catch {
    return <p className="hint">The JSON does not parse: fix it below, or pick a preset.</p>
  }
  const set = (change: (d: Draft) => void) => {
    const next = structuredClone(draft)
    change(next)
    onChange(JSON.stringify(next, null, 2))
  }
  const varied = Object.entries(draft.vary ?? {})
  const base = draft.base ?? {}
  const issues = sweepIssues(text)
  const jobs = varied.reduce((n, [, v]) => n * (v.length || 1), 1) * (draft.seeds?.length ?? 0)

  return (
    <div className="sweep-form">
      <label>
        preset{' '}
        <select
          value=""
          onChange={(e) => {
            const preset = PRESETS[Number(e.target.value)]
            if (preset) onChange(JSON.stringify(preset.sweep, null, 2))
          }}
        >
          <option value="">choose a ready-made sweep…</option>
          {PRESETS.map((p, i) => (
            <option key={p.label} value={i}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        name{' '}
        <input value={draft.name ?? ''} onChange={(e) => set((d) => (d.name = e.target.value))} />
      </label>
      <fieldset>
        <legend>Every experiment</legend>
        {KEYS.map((key) => (
          <label key={key}>
            {key}{' '}
            <input
              className="short"
              inputMode={key === 'topology' ? 'text' : 'decimal'}
              value={base[key] === undefined ? '' : String(base[key] as string | number)}
              placeholder="default"
              onChange={(e) =>
                set((d) => {
                  d.base = { ...d.base }
                  const v = e.target.value.trim()
                  if (v === '') delete d.base[key]
                  else d.base[key] = key === 'topology' || Number.isNaN(Number(v)) ? v : Number(v)
                })
              }
            />
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Varied (every combination)</legend>
        {[0, 1].map((i) => {
          const [key, values] = varied[i] ?? ['', []]
          return (
            <div className="row" key={i}>
              <select
                aria-label={`varied setting ${i + 1}`}
                value={key}
                onChange={(e) =>
                  set((d) => {
                    const entries = Object.entries(d.vary ?? {})
                    const name = e.target.value
                    if (name === '') entries.splice(i, 1)
                    else entries[i] = [name, entries[i]?.[1] ?? []]
                    d.vary = Object.fromEntries(entries)
                  })
                }
              >
                <option value="">{i === 0 ? 'choose a setting' : '(none)'}</option>
                {KEYS.map((k) => (
                  <option key={k} value={k} disabled={varied.some(([v], j) => v === k && j !== i)}>
                    {k}
                  </option>
                ))}
              </select>
              {key && (
                <ListInput
                  label={`values of ${key}`}
                  values={values}
                  placeholder="0, 2, 4"
                  onChange={(v) =>
                    set((d) => {
                      d.vary = { ...d.vary, [key]: v }
                    })
                  }
                />
              )}
            </div>
          )
        })}
      </fieldset>
      <label>
        seeds{' '}
        <ListInput
          label="seeds"
          values={draft.seeds ?? []}
          placeholder="1, 2, 3"
          onChange={(v) => set((d) => (d.seeds = v))}
        />
      </label>
      {issues.length > 0 ? (
        <ul role="alert" className="error" aria-label="What to fix">
          {issues.map((issue) => (
            <li key={issue}>{issue}</li>
          ))}
        </ul>
      ) : (
        <p className="hint" data-testid="sweep-size">
          {doubleSpends(draft)
            ? `${jobs} run${jobs === 1 ? '' : 's'} of double-spend attempts (attempts are not recorded).`
            : `${jobs} experiment${jobs === 1 ? '' : 's'}, each recorded as a run.`}
        </p>
      )}
    </div>
  )
}
