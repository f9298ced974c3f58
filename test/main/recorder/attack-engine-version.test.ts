import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { ATTACK_ENGINE_VERSION } from '../../../src/core/attack/attack-config'
import type { Command } from '../../../src/core/commands'
import type { NetworkConfigInput } from '../../../src/core/config'
import { createRecordedLab } from '../../support/recording'

const ECLIPSE: NetworkConfigInput = {
  nodes: 4,
  difficulty: 2,
  autoMine: { interval: 15, hashPower: null },
  attack: { kind: 'eclipse', attackers: ['node1'], merchant: 'node4', share: 0.3 },
}

const COMMANDS: readonly Command[] = [
  { type: 'start' },
  { type: 'submit-tx', node: 'node4', tx: { sender: 'aki', recipient: 'so', value: 10 } },
  { type: 'step', clocks: 4 },
  { type: 'submit-tx', node: 'node2', tx: { sender: 'aki', recipient: 'satoshi', value: 10 } },
  { type: 'step', clocks: 150 },
  { type: 'heal-link', a: 'node2', b: 'node4' },
  { type: 'step', clocks: 60 },
]

type StoredConfig = { attack?: { engine?: number; merchant: string } | null }

/**
 * Records the commands, then rewrites the stored config with `change`: a stand-in for a run that
 * today's engine does not reproduce (an older attacker's recording, or a damaged one).
 */
async function recordThenRewrite(config: NetworkConfigInput, change: (c: StoredConfig) => void) {
  const lab = await createRecordedLab(config)
  for (const command of COMMANDS) await lab.service.execute(command, 'lab-api')
  await lab.recorder.sync()
  const db = new Database(lab.file)
  const row = db.prepare('SELECT config FROM runs WHERE id = ?').get(lab.runId) as {
    config: string
  }
  const stored = JSON.parse(row.config) as StoredConfig
  const before = structuredClone(stored)
  change(stored)
  db.prepare('UPDATE runs SET config = ? WHERE id = ?').run(JSON.stringify(stored), lab.runId)
  db.close()
  return { lab, before }
}

describe('verify names an older attack engine', () => {
  let close: (() => Promise<void>) | null = null
  afterEach(async () => {
    await close?.()
    close = null
  })

  it('records today’s attack engine version in an attack’s config', async () => {
    const { lab, before } = await recordThenRewrite(ECLIPSE, () => {})
    close = lab.close
    expect(before.attack?.engine).toBe(ATTACK_ENGINE_VERSION)
    expect(await lab.recorder.replayer.verify(lab.runId)).toMatchObject({ identical: true })
  })

  it('says a mismatch comes from attackers recorded before versions were', async () => {
    // A run from before session 6 has no `engine`; its attackers acted otherwise (here: the
    // stored victim differs from the one the events were recorded with).
    const { lab } = await recordThenRewrite(ECLIPSE, (c) => {
      delete c.attack?.engine
      if (c.attack) c.attack.merchant = 'node3'
    })
    close = lab.close
    const result = await lab.recorder.replayer.verify(lab.runId)
    expect(result).toMatchObject({
      identical: false,
      olderEngine: { recorded: null, current: ATTACK_ENGINE_VERSION },
    })
  })

  it('names the recorded version when there is one, and says nothing for a current one', async () => {
    const older = await recordThenRewrite(ECLIPSE, (c) => {
      if (c.attack) Object.assign(c.attack, { engine: 2, merchant: 'node3' })
    })
    close = older.lab.close
    expect(await older.lab.recorder.replayer.verify(older.lab.runId)).toMatchObject({
      identical: false,
      olderEngine: { recorded: 2, current: ATTACK_ENGINE_VERSION },
    })
    await close()
    const current = await recordThenRewrite(ECLIPSE, (c) => {
      if (c.attack) c.attack.merchant = 'node3'
    })
    close = current.lab.close
    const result = await current.lab.recorder.replayer.verify(current.lab.runId)
    expect(result.identical).toBe(false)
    expect(result).not.toHaveProperty('olderEngine')
  })
})
