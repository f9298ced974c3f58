import { closeSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { NetworkConfigInput } from '../../src/core/config'
import { hostFactory } from '../../src/main/host/create-host'
import { LabService } from '../../src/main/lab/lab-service'
import { Recorder } from '../../src/main/recorder/recorder'
import { linksFingerprint } from '../../src/main/recorder/replay/state-texts'
import type { RunState } from '../../src/shared/run-types'

/** A temporary folder removed by the returned function. */
export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'chain-lab-test-'))
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/** A service recording into a fresh file, checkpointing every `checkpointEvery` clocks. */
export async function createRecordedLab(
  network: NetworkConfigInput = {},
  options: { checkpointEvery?: number; workers?: number } = {},
) {
  const temp = tempDir()
  const file = join(temp.dir, 'runs.sqlite')
  const service = await LabService.create(
    { difficulty: 4, ...network },
    { createHost: hostFactory(options.workers ?? 0) },
  )
  const recorder = Recorder.open(file, {
    appVersion: 'test',
    flushMs: 5,
    checkpointEvery: options.checkpointEvery ?? 10,
  })
  recorder.attach(service)
  return {
    service,
    recorder,
    file,
    runId: recorder.writer.runId as number,
    close: async () => {
      await recorder.close()
      await service.close()
      temp.remove()
    },
  }
}

/** What the live API shows of every node now, in the shape `state?clock=N` answers. */
export async function liveState(service: LabService, runId: number): Promise<RunState> {
  const nodes = await Promise.all(
    service.config.nodes.map(async (id) => ({
      ...(await service.query({ type: 'node', node: id })),
      chain: await service.query({ type: 'chain', node: id }),
      tree: await service.query({ type: 'tree', node: id }),
    })),
  )
  const clock = await service.query({ type: 'clock' })
  return { runId, clock, links: linksFingerprint(nodes), nodes }
}

/**
 * A hundred clocks of a small network with something of everything: a workload, automatic and
 * asked-for mining, a link cut in the middle (messages dropped, a fork). Runs in the old
 * formats' tests are made from it.
 */
export async function playMixedRun(service: LabService): Promise<void> {
  await service.execute({ type: 'start' }, 'lab-api')
  await service.execute({ type: 'set-workload', rate: 0.5 }, 'lab-api')
  await service.execute({ type: 'set-auto-mine', interval: 8 }, 'lab-api')
  await service.execute({ type: 'mine', node: 'node1' }, 'lab-api')
  await service.execute({ type: 'step', clocks: 60 }, 'lab-api')
  await service.execute({ type: 'cut-link', a: 'node1', b: 'node2' }, 'lab-api')
  await service.execute({ type: 'mine', node: 'node3' }, 'lab-api')
  await service.execute({ type: 'step', clocks: 40 }, 'lab-api')
}

/** A SQLite file's page size, from its header (bytes 16-17, big-endian; 1 stands for 65,536). */
export function pageSizeOf(file: string): number {
  const header = Buffer.alloc(2)
  const fd = openSync(file, 'r')
  try {
    readSync(fd, header, 0, 2, 16)
  } finally {
    closeSync(fd)
  }
  const size = header.readUInt16BE(0)
  return size === 1 ? 65_536 : size
}
