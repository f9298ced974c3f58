import { afterEach, describe, expect, it } from 'vitest'
import type { Command } from '../../../src/core/commands'
import { createConfig, type NetworkConfigInput } from '../../../src/core/config'
import { InProcessHost } from '../../../src/main/host/in-process-host'
import { WorkerHost } from '../../../src/main/host/worker-host'
import { fingerprint } from '../../support/golden'
import { hostLog } from '../../support/host-log'
import { createRecordedLab, liveState } from '../../support/recording'

const autoMine = { interval: 15, hashPower: null }

/** One case per strategy: a network under attack and the commands that drive it. */
const ATTACKS: readonly {
  name: string
  config: NetworkConfigInput
  commands: readonly Command[]
}[] = [
  {
    name: 'selfish',
    config: { autoMine, attack: { kind: 'selfish', attackers: ['node1'], share: 0.45 } },
    commands: [{ type: 'start' }, { type: 'step', clocks: 300 }],
  },
  {
    name: 'double-spend',
    config: {
      autoMine,
      attack: { kind: 'double-spend', attackers: ['node1'], share: 0.45, confirmations: 1 },
    },
    commands: [
      { type: 'start' },
      { type: 'submit-tx', node: 'node1', tx: { sender: 'aki', recipient: 'so', value: 10 } },
      { type: 'step', clocks: 300 },
    ],
  },
  {
    name: 'eclipse',
    config: {
      nodes: 4,
      autoMine,
      attack: { kind: 'eclipse', attackers: ['node1'], merchant: 'node4', share: 0.3 },
    },
    commands: [
      { type: 'start' },
      { type: 'submit-tx', node: 'node4', tx: { sender: 'aki', recipient: 'so', value: 10 } },
      { type: 'step', clocks: 4 },
      { type: 'submit-tx', node: 'node2', tx: { sender: 'aki', recipient: 'satoshi', value: 10 } },
      { type: 'step', clocks: 200 },
      { type: 'heal-link', a: 'node2', b: 'node4' },
      { type: 'step', clocks: 100 },
    ],
  },
]

describe('attacks replay like every run', () => {
  let close: (() => Promise<void>) | null = null
  afterEach(async () => {
    await close?.()
    close = null
  })

  for (const attack of ATTACKS) {
    it(`${attack.name}: recorded, replayed clock by clock from checkpoints, and verified`, async () => {
      const lab = await createRecordedLab(
        { difficulty: 2, ...attack.config },
        { checkpointEvery: 25 },
      )
      close = lab.close
      const { service, runId, recorder } = lab
      const live = []
      for (const command of attack.commands) {
        if (command.type !== 'step') {
          await service.execute(command, 'lab-api')
          continue
        }
        for (let i = 0; i < command.clocks; i += 10) {
          await service.execute({ type: 'step', clocks: 10 }, 'lab-api')
          live.push(await liveState(service, runId))
        }
      }
      await recorder.sync()
      for (const state of live.filter((_, i) => i % 7 === 3))
        expect(recorder.replayer.stateAt(runId, state.clock), `clock ${state.clock}`).toEqual(state)
      expect(await recorder.replayer.verify(runId)).toMatchObject({ identical: true })
    })
  }
})

describe('attacks are deterministic in one thread and across workers', () => {
  for (const attack of ATTACKS) {
    it(attack.name, async () => {
      const config = createConfig({ difficulty: 2, ...attack.config })
      const one = new InProcessHost(config)
      const two = await WorkerHost.create(config, 2)
      try {
        const log = await hostLog(one, attack.commands)
        expect(JSON.stringify(log)).toContain('attack.withheld')
        expect(fingerprint(await hostLog(two, attack.commands))).toBe(fingerprint(log))
      } finally {
        await one.close()
        await two.close()
      }
    })
  }
})
