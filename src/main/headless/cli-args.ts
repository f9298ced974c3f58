import { LabError, STATUS_OF } from '../../shared/errors'
import { CliError, numberFlag, readFlags } from './cli-flags'
import { parseGenesis, type NetworkConfig } from '../../core/config'
import { configFromSettings } from '../../shared/network-settings'
import { LAB_LIMITS } from '../../shared/limits'
import { isEngineError } from '../../core/errors'
import type { Dialect } from '../../shared/api-types'
import { defaultDbPath } from '../recorder/default-db-path'
import { ATTACK_FLAG_OPTIONS, ATTACK_USAGE, parseAttackArgs } from './attack-args'

export interface LabCliOptions {
  readonly network: NetworkConfig
  readonly dialect: Dialect
  readonly firstPort: number
  readonly labPort: number
  /** Worker threads hosting the nodes; 0 runs them in the main thread. */
  readonly workers: number
  /** The SQLite file runs are recorded in. */
  readonly db: string
  /** A scenario file to play and record, then exit (unless keepOpen). */
  readonly scenario: string | null
  readonly keepOpen: boolean
}

/**
 * How a CLI ends on an error, mapped through the error model: a refusal (a code answered below
 * 500: a bad flag, a taken port, a scenario entry the network refused) in one line with exit
 * code 2; anything else, a bug, with its stack and exit code 1.
 */
export function exitOnError(program: string, error: unknown): never {
  if ((error instanceof LabError || isEngineError(error)) && STATUS_OF[error.code] < 500) {
    console.error(`${program}: ${error.message}`)
    process.exit(2)
  }
  console.error(error)
  process.exit(1)
}

const PORT = { min: 1, max: 65535 }

export const LAB_USAGE = `Usage: npm run lab -- [options]
  --nodes N          number of nodes (default 3: node1..node3)
  --topology T       mesh | line | ring | star | random:K (default mesh)
  --seed S           seed for random topologies (default 1)
  --difficulty N     proof-of-work difficulty in leading zero bits (default 8)
  --latency N        extra clocks a message spends on a link (default 0)
  --genesis A=N,...  the genesis allocation (default aki=10,so=7,satoshi=5)
  --dialect D        readme | legacy node API wire format (default readme; legacy
                     for the original simulator's test scripts and web front-end)
  --first-port P     node1's API port; node N gets P + N - 1 (default 50082)
  --lab-port P       the lab API and UI port (default 50080)
  --workers N        worker threads hosting the nodes; 0 = the main thread (default 1:
                     the nodes off the main thread, which stays free for HTTP and
                     recording; more only pay when proof of work dominates)
  --db FILE          record runs in this SQLite file (default: chain-lab.sqlite in
                     the per-user application-data folder, shared with the desktop app)
  --scenario FILE    play and record a scenario file headless, then exit
  --keep-open        with --scenario: keep the lab running afterwards
${ATTACK_USAGE}
  --help             show this help`

/** Parses the lab's command line; throws CliError naming the bad flag. */
export function parseLabArgs(argv: readonly string[]): LabCliOptions | 'help' {
  const values = readFlags(argv, {
    nodes: { type: 'string' },
    topology: { type: 'string' },
    seed: { type: 'string' },
    difficulty: { type: 'string' },
    latency: { type: 'string' },
    genesis: { type: 'string' },
    dialect: { type: 'string' },
    'first-port': { type: 'string' },
    'lab-port': { type: 'string' },
    workers: { type: 'string' },
    db: { type: 'string' },
    scenario: { type: 'string' },
    'keep-open': { type: 'boolean' },
    help: { type: 'boolean' },
    ...ATTACK_FLAG_OPTIONS,
  })
  if (values.help) return 'help'
  if (values['keep-open'] && !values.scenario)
    throw new CliError('--keep-open goes with --scenario')
  if (values.db === '') throw new CliError('--db needs a file name')
  const dialect = values.dialect ?? 'readme'
  if (dialect !== 'readme' && dialect !== 'legacy')
    throw new CliError(`--dialect must be readme or legacy, not "${dialect}"`)
  const nodes = numberFlag('nodes', values.nodes, { min: 1, max: LAB_LIMITS.nodes })
  const seed = numberFlag('seed', values.seed, { min: -(2 ** 31), max: 2 ** 31 - 1 })
  const difficulty = numberFlag('difficulty', values.difficulty, {
    min: 0,
    max: LAB_LIMITS.difficulty,
  })
  const latency = numberFlag('latency', values.latency, { min: 0, max: LAB_LIMITS.latency })
  const attack = parseAttackArgs((flag) => values[flag])
  try {
    const network = configFromSettings({
      ...(nodes !== undefined ? { nodes } : {}),
      ...(values.topology !== undefined ? { topology: values.topology } : {}),
      ...(seed !== undefined ? { seed } : {}),
      ...(difficulty !== undefined ? { difficulty } : {}),
      ...(latency !== undefined ? { latency } : {}),
      ...(values.genesis !== undefined ? { genesis: parseGenesis(values.genesis) } : {}),
      ...(attack ? { attack } : {}),
    })
    return {
      network,
      dialect,
      firstPort: numberFlag('first-port', values['first-port'], PORT) ?? 50082,
      labPort: numberFlag('lab-port', values['lab-port'], PORT) ?? 50080,
      workers: numberFlag('workers', values.workers, { min: 0, max: 64 }) ?? 1,
      db: values.db ?? defaultDbPath(),
      scenario: values.scenario ?? null,
      keepOpen: values['keep-open'] ?? false,
    }
  } catch (error) {
    if (isEngineError(error)) throw new CliError(`--${error.message}`)
    throw error
  }
}
