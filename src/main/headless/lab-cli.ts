// `npm run lab`: the lab without a window. Node APIs, the lab API and the UI on loopback ports.
import { hostFactory } from '../host/create-host'
import { ListenError } from '../http/listen'
import { startLab } from '../lab/lab-app'
import { CliError, LAB_USAGE, parseLabArgs } from './cli-args'

const SHUTDOWN_LIMIT_MS = 2_000

async function main(): Promise<void> {
  const options = parseLabArgs(process.argv.slice(2))
  if (options === 'help') {
    console.log(LAB_USAGE)
    return
  }
  const lab = await startLab({
    network: options.network,
    dialect: options.dialect,
    firstPort: options.firstPort,
    labPort: options.labPort,
    createHost: hostFactory(options.workers),
  })
  console.log(
    `Chain Lab is running (${options.network.nodes.length} nodes, ${options.dialect} dialect)`,
  )
  console.log(`  lab API and UI  ${lab.labUrl}`)
  console.log(`  OpenAPI         ${lab.labUrl}/openapi.json`)
  for (const [id, url] of lab.nodeUrls()) console.log(`  ${id.padEnd(15)} ${url}`)
  console.log('Press Ctrl+C to stop.')

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
    lab.close().then(
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

main().catch((error: unknown) => {
  if (error instanceof CliError || error instanceof ListenError) {
    console.error(`chain-lab: ${error.message}`)
    process.exit(2)
  }
  console.error(error)
  process.exit(1)
})
