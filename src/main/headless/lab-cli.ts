// `npm run lab`: the lab without a window. Node APIs, the lab API and the UI on loopback ports,
// every run recorded to SQLite.
import { readFileSync } from 'node:fs'
import { describeIssues } from '../../shared/errors'
import { startLab, WRITER_LIMIT_MS, type LabApp } from '../app/lab-app'
import { sourcePlatform } from '../app/platform'
import { playScenario } from '../lab/scenario-player'
import { scenarioSchema, type Scenario } from '../../shared/scenario'
import { configFromSettings } from '../../shared/network-settings'
import { exitOnError, LAB_USAGE, parseLabArgs, type LabCliOptions } from './cli-args'
import { CliError } from './cli-flags'
import { APP_VERSION } from './app-version'
import { createStaticUi } from '../http/lab-api/static-ui'
import { checkDatabaseFile } from '../recorder/database-check'
import { buildRenderer, isRendererStale, RENDERER_OUT } from './renderer-build'

const SHUTDOWN_LIMIT_MS = 2_000

function readScenario(file: string): Scenario {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    throw new CliError(`--scenario: cannot read ${file}`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new CliError(`--scenario: ${file} is not JSON`)
  }
  const parsed = scenarioSchema.safeParse(json)
  if (!parsed.success) throw new CliError(`--scenario: ${describeIssues(parsed.error)}`)
  return parsed.data
}

function networkOf(options: LabCliOptions, scenario: Scenario | null) {
  if (!scenario) return { network: options.network, dialect: options.dialect }
  const n = scenario.network
  return {
    network: configFromSettings(n),
    dialect: n.dialect ?? options.dialect,
  }
}

function printReady(lab: LabApp, options: LabCliOptions, nodes: number): void {
  const hosting =
    options.workers === 0
      ? 'the main thread'
      : `${options.workers} worker thread${options.workers > 1 ? 's' : ''}`
  console.log(
    `Chain Lab is running: ${nodes} nodes in ${hosting}, ${lab.service.currentDialect} dialect`,
  )
  console.log(
    lab.service.currentDialect === 'legacy'
      ? "  the node APIs speak the original simulator's wire format, for its scripts and front-end"
      : "  for the original simulator's test scripts and front-end: npm run lab -- --dialect legacy",
  )
  console.log(`  lab API and UI  ${lab.labUrl}`)
  console.log(`  OpenAPI         ${lab.labUrl}/openapi.json`)
  for (const [id, url] of lab.nodeUrls()) console.log(`  ${id.padEnd(15)} ${url}`)
  const recorder = lab.recorder
  if (recorder) {
    console.log(`  recording to    ${recorder.file} (run ${recorder.writer.runId})`)
    if (recorder.interrupted > 0)
      console.log(
        `  ${recorder.interrupted} run(s) left live by a process that died: marked interrupted`,
      )
  }
}

function stopOnSignals(lab: LabApp): void {
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`\n${signal}: stopping`)
    // A stuck socket or worker must not keep the process alive past the promised limit.
    setTimeout(() => {
      console.error('shutdown took too long; exiting')
      process.exit(1)
    }, SHUTDOWN_LIMIT_MS).unref()
    lab.close({ deadline: Date.now() + WRITER_LIMIT_MS }).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

async function main(): Promise<void> {
  const options = parseLabArgs(process.argv.slice(2))
  if (options === 'help') {
    console.log(LAB_USAGE)
    return
  }
  const scenario = options.scenario ? readScenario(options.scenario) : null
  // A file the lab cannot use is said at once, before a minute's build of the UI.
  checkDatabaseFile(options.db)
  if (!scenario && isRendererStale()) {
    console.log('Building the UI (once, after the renderer changed)…')
    await buildRenderer()
  }
  const { network, dialect } = networkOf(options, scenario)
  const lab = await startLab({
    network,
    dialect,
    firstPort: options.firstPort,
    labPort: options.labPort,
    platform: sourcePlatform(APP_VERSION),
    workers: options.workers,
    recording: { file: options.db },
    serveUi: createStaticUi(RENDERER_OUT),
  })
  stopOnSignals(lab)
  printReady(lab, options, network.nodes.length)
  if (scenario) {
    const recorder = lab.recorder
    const runId = recorder?.writer.runId ?? null
    if (recorder && runId !== null && scenario.name) recorder.rename(runId, { name: scenario.name })
    try {
      const clock = await playScenario(lab.service, scenario)
      await recorder?.sync()
      const events = runId !== null ? recorder?.reader.getRun(runId)?.events : undefined
      console.log(
        `Played ${scenario.name ?? options.scenario} to clock ${clock}: run ${runId}, ${events} events`,
      )
    } catch (error) {
      await lab.close()
      throw error
    }
    if (!options.keepOpen) {
      await lab.close()
      return
    }
  }
  console.log('Press Ctrl+C to stop.')
}

main().catch((error: unknown) => exitOnError('chain-lab', error))
