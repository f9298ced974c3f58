import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { NetworkConfigInput } from '../../core/config'
import type { Dialect } from '../../shared/api-types'
import { createLabServer } from '../http/lab-api/lab-server'
import { close, listen } from '../http/listen'
import { createWireFormats } from '../http/node-api/dialect'
import { createNodeServer } from '../http/node-api/node-server'
import { PostedKeyOrder } from '../http/node-api/posted-key-order'
import { createOpenApiDocument } from '../http/openapi'
import { createLabHandlers } from '../handlers/lab-handlers'
import { Recorder, type RecorderOptions } from '../recorder/recorder'
import { LabService, type HostFactory } from '../lab/lab-service'

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
  // Node servers by position: the Nth serves whichever node is Nth in the current network, so
  // a new network of the same size keeps its ports without ever letting go of them.
  const nodeServers: { server: Server; port: number }[] = []
  const service = await LabService.create(options.network ?? {}, {
    createHost: options.createHost,
    dialect: options.dialect ?? 'readme',
    portOf,
    checkpointEvery: options.recording ? CHECKPOINT_EVERY : 0,
  })
  // Each node's position, made once per network: the overview asks every node's port.
  let positions = { nodes: service.config.nodes, of: new Map<string, number>() }
  function positionOf(id: string): number {
    const { nodes } = service.config
    if (positions.nodes !== nodes || positions.of.size === 0)
      positions = { nodes, of: new Map(nodes.map((node, i) => [node, i])) }
    return positions.of.get(id) ?? -1
  }
  function portOf(id: string): number | null {
    return nodeServers[positionOf(id)]?.port ?? null
  }
  const nodeAt = (index: number): string | null =>
    index < MAX_NODE_SERVERS ? (service.config.nodes[index] ?? null) : null
  let recorder: Recorder | null = null
  try {
    recorder = options.recording ? Recorder.open(options.recording.file, options.recording) : null
  } catch (error) {
    await service.close()
    throw error
  }
  recorder?.attach(service)

  const postedKeys = new PostedKeyOrder()
  const formats = createWireFormats(postedKeys)
  const nodeAtPort = (port: number): string | null => {
    const index = nodeServers.findIndex((entry) => entry.port === port)
    return index < 0 ? null : nodeAt(index)
  }

  /** Binds servers up to `count` nodes; on a port that will not bind, binds none of them. */
  const bindUpTo = async (count: number): Promise<void> => {
    const bound: { server: Server; port: number }[] = []
    try {
      for (let i = nodeServers.length; i < Math.min(count, MAX_NODE_SERVERS); i++) {
        const server = createNodeServer({
          service,
          node: () => nodeAt(i),
          nodeAtPort,
          portOf,
          formats,
          postedKeys,
          onCall: (call) => service.bus.emit('api-call', call),
        })
        bound.push({
          server,
          port: await listen(server, options.firstPort === 0 ? 0 : options.firstPort + i),
        })
      }
    } catch (error) {
      await Promise.all(bound.map(({ server }) => close(server)))
      throw error
    }
    nodeServers.push(...bound)
  }

  /** Lets go of the ports of nodes a smaller network no longer has. */
  const releaseBeyond = async (count: number): Promise<void> => {
    const surplus = nodeServers.splice(Math.min(count, MAX_NODE_SERVERS))
    await Promise.all(surplus.map(({ server }) => close(server)))
  }

  let labUrl = ''
  const labServer = createLabServer({
    service,
    handlers: createLabHandlers(service, 'lab-api', recorder, {
      appVersion: options.recording?.appVersion ?? 'unknown',
    }),
    recorder,
    openApi: () => {
      const first = nodeServers[0]
      return createOpenApiDocument(labUrl, `http://127.0.0.1:${first?.port ?? options.firstPort}`)
    },
    ...(options.serveUi ? { serveUi: options.serveUi } : {}),
  })
  try {
    await bindUpTo(service.config.nodes.length)
    labUrl = `http://127.0.0.1:${await listen(labServer, options.labPort)}`
  } catch (error) {
    await releaseBeyond(0)
    await recorder?.close()
    await service.close()
    throw error
  }
  // A new network's extra ports are bound before it replaces the old one: if one is taken, the
  // request fails with the port named and the old network goes on, servers and all.
  service.beforeNetworkCreated(async (config) => {
    const before = nodeServers.length
    await bindUpTo(config.nodes.length)
    return () => releaseBeyond(before)
  })
  service.onNetworkCreated(({ config }) => {
    postedKeys.clear()
    return releaseBeyond(config.nodes.length)
  })

  return {
    service,
    recorder,
    labUrl,
    nodeUrls: () =>
      new Map(
        nodeServers.flatMap(({ port }, i) => {
          const id = nodeAt(i)
          return id === null ? [] : [[id, `http://127.0.0.1:${port}`] as const]
        }),
      ),
    close: async () => {
      await Promise.all([close(labServer), releaseBeyond(0)])
      await recorder?.close()
      await service.close()
    },
  }
}
