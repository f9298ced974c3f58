import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { executeCommand, type Command } from '../../../src/core/commands'
import type { SequencedEvent } from '../../../src/core/events'
import { Network } from '../../../src/core/network/network'
import { createConfig } from '../../../src/core/config'
import { Recorder } from '../../../src/main/recorder/recorder'
import { tempDir } from '../../support/recording'

describe('recording the rarer events', () => {
  it('persists a refused block (from a peer that tampered with it) and an evicted transaction', async () => {
    const config = createConfig({ difficulty: 4 })
    const network = new Network(config)
    const events: SequencedEvent[] = []
    const run = (command: Command) => {
      executeCommand(network, command)
      events.push(...network.drainEvents())
    }
    run({ type: 'start' })
    // node1 is cut off; both sides spend aki's ten coins; only node2's side mines.
    run({ type: 'cut-link', a: 'node1', b: 'node2' })
    run({ type: 'cut-link', a: 'node1', b: 'node3' })
    run({ type: 'submit-tx', node: 'node1', tx: { sender: 'aki', recipient: 'so', value: 10 } })
    run({
      type: 'submit-tx',
      node: 'node2',
      tx: { sender: 'aki', recipient: 'satoshi', value: 10 },
    })
    run({ type: 'mine', node: 'node2' })
    run({ type: 'step', clocks: 10 })
    run({ type: 'heal-link', a: 'node1', b: 'node2' })
    run({ type: 'heal-link', a: 'node1', b: 'node3' })
    run({ type: 'mine', node: 'node3' })
    run({ type: 'step', clocks: 15 })
    // A peer sends node3 a block whose contents no longer match its hash.
    const honest = network.node('node2').tree.tip.block
    network.deliverFromShard({
      type: 'NEW_BLOCK',
      block: { ...honest, id: honest.id + 1, hash: 'f'.repeat(64) },
      id: 999,
      from: 'node2',
      to: 'node3',
      sent: network.clock,
      ready: network.clock,
    })
    run({ type: 'step', clocks: 3 })
    const kinds = events.map((e) => e.kind)
    expect(kinds).toContain('block.refused')
    expect(kinds).toContain('tx.evicted')

    const temp = tempDir()
    const recorder = Recorder.open(join(temp.dir, 'runs.sqlite'), { appVersion: 'test' })
    try {
      recorder.writer.startRun({ config, dialect: 'readme' })
      recorder.writer.record({
        command: { type: 'step', clocks: 0 },
        origin: 'lab-api',
        clock: 0,
        clockAfter: network.clock,
        result: null,
        events,
      })
      await recorder.sync()
      const runId = recorder.writer.runId as number
      const refused = recorder.reader.events(runId, { kind: 'block.refused', limit: 10 }).events
      expect(refused).toMatchObject([{ node: 'node3', reason: 'bad-hash', from: 'node2' }])
      const evicted = recorder.reader.events(runId, { kind: 'tx.evicted', limit: 10 }).events
      expect(evicted).toMatchObject([
        { node: 'node1', tx: { sender: 'aki', recipient: 'so', value: 10 } },
      ])
    } finally {
      await recorder.close()
      temp.remove()
    }
  })
})
