import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { NetworkConfigInput } from '../../core/config'
import type { Dialect } from '../../shared/api-types'
import { createLabServer } from '../http/lab-api/lab-server'
import { close, listen } from '../http/listen'
import { createWireFormats } from '../http/node-api/dialect'
import { createNodeServer } from '../http/node-api/node-server'
import { PostedKeyOrder } from '../http/node-api/posted-key-order'
import { createOpenApiDocument } from '../http/openapi'
import type { ServedHandlers } from '../handlers/caller'
import type { SweepRunner } from '../handlers/experiment-handlers'
import { createLabHandlers } from '../handlers/lab-handlers'
import { hostFactory } from '../host/create-host'
import { runSweep } from '../experiment/run-sweep'
import { parseQueueUrl } from '../experiment/queue/queue-url'
import { runQueuedSweep } from '../experiment/queue/run-queued-sweep'
import { Recorder } from '../recorder/recorder'
import { LabService, type HostFactory } from '../lab/lab-service'
import type { Platform } from './platform'

/** More node servers than this would exhaust ports and file handles; larger networks use the lab API. */
export const MAX_NODE_SERVERS = 256

/**
 * How long a lab told to stop (SIGTERM, quitting the app) lets the recording go on writing what
 * is queued: a huge step's rows take the writer seconds. Then the run is kept to its last
 * committed batch, marked interrupted, leaving the rest of the 2 s a SIGTERM allows for the
 * writer to roll back and the network to stop.
 */
export const WRITER_LIMIT_MS = 1_300

export interface LabAppOptions {
  readonly network?: NetworkConfigInput
  readonly dialect?: Dialect
  /** The first node's port; node N listens on firstPort + N - 1. 0: any free ports (tests). */
  readonly firstPort: number
  /** The lab API's port; 0: any free port. */
  readonly labPort: number
  /** Where the workers' code, the migrations and the SQLite build are, and the app's version. */
  readonly platform: Platform
  /** Worker threads hosting the nodes; 0: this thread. */
  readonly workers?: number
  /** Builds each network's host instead (tests: a host that fails). */
  readonly createHost?: HostFactory
  /** Record every run into this SQLite file (':memory:' for a throwaway one); none: no recording. */
  readonly recording?: { readonly file: string; readonly flushMs?: number }
  serveUi?(req: IncomingMessage, res: ServerResponse): Promise<boolean>
}

export interface LabApp {
  readonly service: LabService
  readonly recorder: Recorder | null
  /** The one handler set: the lab API serves it, and the desktop shell serves it over IPC. */
  readonly handlers: ServedHandlers
  readonly labUrl: string
  /** Each node's API URL, by node name. */
  nodeUrls(): ReadonlyMap<string, string>
  /**
   * Stops serving, closes the recording and the network. With a `deadline` (a Date.now() time)
   * the recording waits no longer than that for its writer (Recorder.close).
   */
  close(options?: { deadline?: number }): Promise<void>
}

/**
 * Sweeps run in worker threads of the platform's sweep worker, each experiment recorded in the
 * lab's file (none when the lab does not record to a file).
 */
export function sweepRunner(platform: Platform, recorder: Recorder | null): SweepRunner {
  return async (sweep, onProgress, queue, signal) => {
    const db = recorder && recorder.file !== ':memory:' ? recorder.file : null
    if (queue) {
      // The submitter's side only: the runs execute in sweep-worker processes.
      const { rows, results } = await runQueuedSweep(sweep, {
        target: parseQueueUrl(queue),
        db,
        appVersion: platform.appVersion,
        ...(platform.migrationsFolder ? { migrationsFolder: platform.migrationsFolder } : {}),
        ...(platform.nativeBinding ? { nativeBinding: platform.nativeBinding } : {}),
        onProgress,
        signal,
      })
      return { rows, runIds: results.map((r) => r.runId) }
    }
    const { rows, results } = await runSweep(sweep, {
      parallel: 2,
      db,
      appVersion: platform.appVersion,
      ...(platform.workers?.sweep ? { workerUrl: platform.workers.sweep } : {}),
      ...(platform.migrationsFolder ? { migrationsFolder: platform.migrationsFolder } : {}),
      ...(platform.nativeBinding ? { nativeBinding: platform.nativeBinding } : {}),
      onProgress,
      signal,
    })
    return { rows, runIds: results.map((r) => r.runId) }
  }
}

/**
 * The composition root: the service, its recorder, the one handler set, one node API server per
 * node and the lab API server, all wired from one platform. The headless CLI and the Electron
 * shell both start it.
 */
export async function startLab(options: LabAppOptions): Promise<LabApp> {
  const { platform } = options
  // Node servers by position: the Nth serves whichever node is Nth in the current network, so
  // a new network of the same size keeps its ports without ever letting go of them.
  const nodeServers: { server: Server; port: number }[] = []
  const service = await LabService.create(options.network ?? {}, {
    createHost:
      options.createHost ??
      hostFactory(
        options.workers ?? 0,
        platform.workers?.shard ? { url: platform.workers.shard } : undefined,
      ),
    dialect: options.dialect ?? 'readme',
    portOf,
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
    recorder = options.recording
      ? Recorder.open(options.recording.file, {
          appVersion: platform.appVersion,
          ...(options.recording.flushMs !== undefined
            ? { flushMs: options.recording.flushMs }
            : {}),
          ...(platform.migrationsFolder ? { migrationsFolder: platform.migrationsFolder } : {}),
          ...(platform.nativeBinding ? { nativeBinding: platform.nativeBinding } : {}),
          ...(platform.workers?.writer ? { writerUrl: platform.workers.writer } : {}),
          ...(platform.workers?.databaseCheck
            ? { checkWorkerUrl: platform.workers.databaseCheck }
            : {}),
          ...(platform.workers?.replay ? { replayUrl: platform.workers.replay } : {}),
          ...(platform.workers?.job ? { jobUrl: platform.workers.job } : {}),
        })
      : null
  } catch (error) {
    await service.close()
    throw error
  }
  // A recording that stops (a full disk, a dead writer thread) or resumes says so on the event
  // stream and in every window.
  recorder?.onStateChange((state) => service.bus.emit('recording', state))
  recorder?.attach(service)
  // A person at the lab opens runs to replay: the replay thread is ready before the first one.
  recorder?.states.warm()
  const handlers = createLabHandlers({
    service,
    recorder,
    runSweep: sweepRunner(platform, recorder),
  })

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
    bus: service.bus,
    handlers,
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
    handlers,
    labUrl,
    nodeUrls: () =>
      new Map(
        nodeServers.flatMap(({ port }, i) => {
          const id = nodeAt(i)
          return id === null ? [] : [[id, `http://127.0.0.1:${port}`] as const]
        }),
      ),
    close: async (closing = {}) => {
      await Promise.all([close(labServer), releaseBeyond(0)])
      await recorder?.close(closing)
      // A deadline is a stop that cannot wait: a long step under way is ended with its host.
      await service.close({ now: closing.deadline !== undefined })
    },
  }
}
