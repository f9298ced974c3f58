import { LabError, STATUS_OF } from '../../shared/errors'
import { parseArgs } from 'node:util'
import { createConfig, parseGenesis, parseTopology, type NetworkConfig } from '../../core/config'
import { isEngineError } from '../../core/errors'
import type { Dialect } from '../../shared/api-types'
import { defaultDbPath } from '../recorder/default-db-path'
import { ATTACK_FLAGS, ATTACK_USAGE, parseAttackArgs } from './attack-args'

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

/** A bad flag: the message names it, for a one-line error. */
export class CliError extends LabError {
  override readonly name = 'CliError'
  constructor(message: string) {
    super('invalid-argument', message)
  }
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

function integer(
  flag: string,
  text: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (text === undefined) return undefined
  const value = Number(text)
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max)
    throw new CliError(`--${flag} must be an integer from ${min} to ${max}, not "${text}"`)
  return value
}

/** Parses the lab's command line; throws CliError naming the bad flag. */
export function parseLabArgs(argv: readonly string[]): LabCliOptions | 'help' {
  let values
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
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
        ...Object.fromEntries(ATTACK_FLAGS.map((flag) => [flag, { type: 'string' as const }])),
      },
    }).values
  } catch (error) {
    throw new CliError(String(error instanceof Error ? error.message.split('\n')[0] : error))
  }
  if (values.help) return 'help'
  if (values['keep-open'] && !values.scenario)
    throw new CliError('--keep-open goes with --scenario')
  if (values.db === '') throw new CliError('--db needs a file name')
  const dialect = values.dialect ?? 'readme'
  if (dialect !== 'readme' && dialect !== 'legacy')
    throw new CliError(`--dialect must be readme or legacy, not "${dialect}"`)
  const nodes = integer('nodes', values.nodes, 1, 10_000)
  const seed = integer('seed', values.seed, -(2 ** 31), 2 ** 31 - 1)
  const difficulty = integer('difficulty', values.difficulty, 0, 32)
  const latency = integer('latency', values.latency, 0, 1000)
  const attack = parseAttackArgs(
    (flag) => (values as Record<string, string | boolean | undefined>)[flag] as string | undefined,
  )
  try {
    const network = createConfig({
      ...(nodes !== undefined ? { nodes } : {}),
      ...(values.topology !== undefined ? { topology: parseTopology(values.topology) } : {}),
      ...(seed !== undefined ? { seed } : {}),
      ...(difficulty !== undefined ? { difficulty } : {}),
      ...(latency !== undefined ? { latency } : {}),
      ...(values.genesis !== undefined ? { genesis: parseGenesis(values.genesis) } : {}),
      ...(attack ? { attack } : {}),
    })
    return {
      network,
      dialect,
      firstPort: integer('first-port', values['first-port'], 1, 65535) ?? 50082,
      labPort: integer('lab-port', values['lab-port'], 1, 65535) ?? 50080,
      workers: integer('workers', values.workers, 0, 64) ?? 1,
      db: values.db ?? defaultDbPath(),
      scenario: values.scenario ?? null,
      keepOpen: values['keep-open'] ?? false,
    }
  } catch (error) {
    if (isEngineError(error)) throw new CliError(`--${error.message}`)
    throw error
  }
}
