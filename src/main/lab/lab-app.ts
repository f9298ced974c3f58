import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { NetworkConfig, NetworkConfigInput } from '../../core/config'
import type { Dialect } from '../../shared/api-types'
import { createLabServer } from '../http/lab-api/lab-server'
import { close, listen } from '../http/listen'
import { createNodeServer } from '../http/node-api/node-server'
import { createOpenApiDocument } from '../http/openapi'
import { createLabHandlers } from './lab-handlers'
import { Recorder, type RecorderOptions } from '../recorder/recorder'
import { LabService, type HostFactory } from './lab-service'

/** More node servers than this would exhaust ports and file handles; larger networks use the lab API. */
export const MAX_NODE_SERVERS = 256

export interface LabAppOptions {
  readonly network?: NetworkConfigInput
  readonly dialect?: Dialect
  /** The first node's port; node N listens on firstPort + N - 1. 0: any free ports (tests). */
  readonly firstPort: number
  /** The lab API's port; 0: any free port. */
  readonly labPort: number
  readonly createHost: HostFactory
  /** Record every run into this SQLite file (':memory:' for a throwaway one); none: no recording. */
  readonly recording?: RecorderOptions & { readonly file: string }
  serveUi?(req: IncomingMessage, res: ServerResponse): Promise<boolean>
}

/** How often the recorder checkpoints the whole network state, in clocks. */
export const CHECKPOINT_EVERY = 100

export interface LabApp {
  readonly service: LabService
  readonly recorder: Recorder | null
  readonly labUrl: string
  /** Each node's API URL, by node name. */
  nodeUrls(): ReadonlyMap<string, string>
  close(): Promise<void>
}

/**
 * The lab as one unit: the service, one node API server per node and the lab API server. The
 * headless CLI and the Electron shell both start it.
 */
export async function startLab(options: LabAppOptions): Promise<LabApp> {
  const nodeServers = new Map<string, { server: Server; port: number }>()
  const lab = await LabService.create(options.network ?? {}, {
    createHost: options.createHost,
    dialect: options.dialect ?? 'readme',
    portOf: (id) => nodeServers.get(id)?.port ?? null,
    checkpointEvery: options.recording ? CHECKPOINT_EVERY : 0,
  })
  let recorder: Recorder | null = null
  try {
    recorder = options.recording ? Recorder.open(options.recording.file, options.recording) : null
  } catch (error) {
    await lab.close()
    throw error
  }
  recorder?.attach(lab)

  const nodeAtPort = (port: number): string | null => {
    for (const [id, entry] of nodeServers) if (entry.port === port) return id
    return null
  }

  const bindNodes = async ({ config }: { config: NetworkConfig }): Promise<void> => {
    await Promise.all([...nodeServers.values()].map(({ server }) => close(server)))
    nodeServers.clear()
    const ids = config.nodes.slice(0, MAX_NODE_SERVERS)
    try {
      for (const [i, id] of ids.entries()) {
        const server = createNodeServer({
          service: lab,
          node: id,
          nodeAtPort,
          onCall: (call) => lab.bus.emit('api-call', call),
        })
        const port = await listen(server, options.firstPort === 0 ? 0 : options.firstPort + i)
        nodeServers.set(id, { server, port })
      }
    } catch (error) {
      await Promise.all([...nodeServers.values()].map(({ server }) => close(server)))
      nodeServers.clear()
      throw error
    }
  }

  let labUrl = ''
  const labServer = createLabServer({
    service: lab,
    handlers: createLabHandlers(lab, 'lab-api', recorder, {
      appVersion: options.recording?.appVersion ?? 'unknown',
    }),
    recorder,
    openApi: () => {
      const first = nodeServers.values().next().value
      return createOpenApiDocument(labUrl, `http://127.0.0.1:${first?.port ?? options.firstPort}`)
    },
    ...(options.serveUi ? { serveUi: options.serveUi } : {}),
  })
  try {
    await bindNodes({ config: lab.config })
    labUrl = `http://127.0.0.1:${await listen(labServer, options.labPort)}`
  } catch (error) {
    await Promise.all([...nodeServers.values()].map(({ server }) => close(server)))
    await recorder?.close()
    await lab.close()
    throw error
  }
  lab.onNetworkCreated(bindNodes)

  return {
    service: lab,
    recorder,
    labUrl,
    nodeUrls: () =>
      new Map([...nodeServers].map(([id, { port }]) => [id, `http://127.0.0.1:${port}`])),
    close: async () => {
      await Promise.all([
        close(labServer),
        ...[...nodeServers.values()].map(({ server }) => close(server)),
      ])
      await recorder?.close()
      await lab.close()
    },
  }
}
