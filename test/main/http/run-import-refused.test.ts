import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunSummary } from '../../../src/shared/run-types'
import { startTestLab, type TestLab } from '../../support/lab'
import { tempDir } from '../../support/recording'

type Row = Record<string, unknown> & { t: string }

/** A run file with a valid checksum and counts around whatever header and rows it is given. */
function craftRunFile(run: Record<string, unknown>, rows: Row[] = []): string {
  const lines = [{ format: 'chain-lab-run', version: 1, run }, ...rows].map(
    (line) => `${JSON.stringify(line)}\n`,
  )
  const counts: Record<string, number> = {
    blocks: 0,
    transactions: 0,
    commands: 0,
    events: 0,
    checkpoints: 0,
  }
  for (const row of rows) counts[row.t]!++
  const sha256 = createHash('sha256').update(lines.join('')).digest('hex')
  return `${lines.join('')}${JSON.stringify({ t: 'end', counts, sha256 })}\n`
}

describe('a crafted run file is checked whole with the live API’s schemas, before any write', () => {
  let temp: ReturnType<typeof tempDir>
  let lab: TestLab
  /** The header of a real run, exported by the lab itself. */
  let header: Record<string, unknown>

  beforeAll(async () => {
    temp = tempDir()
    lab = await startTestLab({}, { db: join(temp.dir, 'runs.sqlite') })
    await lab.lab('/api/network/start', { method: 'POST' })
    await lab.lab('/api/network/step', { body: { clocks: 5 } })
    const file = (await lab.lab('/api/runs/1/export?format=run')).text
    header = (JSON.parse(file.split('\n')[0]!) as { run: Record<string, unknown> }).run
  }, 60_000)
  afterAll(async () => {
    await lab.close()
    temp.remove()
  })

  async function refuses(file: string, reason: RegExp): Promise<void> {
    const before = await lab.lab('/api/runs')
    const refused = await lab.lab('/api/runs/import', { body: file })
    expect(refused.status).toBe(400)
    expect(refused.body).toMatchObject({ error: { code: 'invalid-run-file' } })
    expect((refused.body as { error: { message: string } }).error.message).toMatch(reason)
    const after = await lab.lab('/api/runs')
    expect(after.status).toBe(200)
    expect(after.body).toEqual(before.body)
  }

  it('accepts the lab’s own header untouched', async () => {
    const imported = await lab.lab('/api/runs/import', { body: craftRunFile(header) })
    expect(imported.status).toBe(200)
    expect(imported.body).toMatchObject({ status: 'finished' })
  })

  it('refuses a header whose config is not JSON, leaving no row', async () => {
    await refuses(craftRunFile({ ...header, config: 'not json' }), /^line 1: run\.config: /)
  })

  it('refuses a config no new network would accept', async () => {
    const config = { ...(JSON.parse(header['config'] as string) as object), difficulty: 99 }
    await refuses(
      craftRunFile({ ...header, config: JSON.stringify(config) }),
      /^line 1: run\.config: difficulty/,
    )
  })

  it('refuses a status or a dialect no run has', async () => {
    await refuses(craftRunFile({ ...header, status: 'importing' }), /^line 1: run\.status: /)
    await refuses(craftRunFile({ ...header, status: 'bogus' }), /^line 1: run\.status: /)
    await refuses(craftRunFile({ ...header, dialect: 'klingon' }), /^line 1: run\.dialect: /)
  })

  it('refuses a step of 10^12 clocks, over the live API’s MAX_STEP', async () => {
    const step: Row = {
      t: 'commands',
      seq: 1,
      clock: 0,
      clockAfter: 1e12,
      origin: 'lab-api',
      command: JSON.stringify({ type: 'step', clocks: 1e12 }),
      result: null,
      eventsBefore: 0,
    }
    await refuses(craftRunFile(header, [step]), /^line 2: command\.clocks: /)
  })

  it('refuses commands and rows of the wrong shape', async () => {
    const command = (value: unknown): Row => ({
      t: 'commands',
      seq: 1,
      clock: 0,
      clockAfter: 0,
      origin: 'node-api',
      command: JSON.stringify(value),
      result: null,
      eventsBefore: 0,
    })
    await refuses(
      craftRunFile(header, [command({ type: 'mine', node: '../../etc' })]),
      /^line 2: command\.node: /,
    )
    await refuses(
      craftRunFile(header, [command({ type: 'submit-tx', node: 'node1', tx: { to: 'x' } })]),
      /^line 2: command\.tx\.sender: /,
    )
    await refuses(
      craftRunFile(header, [
        { t: 'events', seq: 'one', clock: 0, node: 'n', kind: 'k', data: '{}' },
      ]),
      /^line 2: seq: /,
    )
  })

  it('lists every run afterwards', async () => {
    const runs = (await lab.lab('/api/runs')).body as RunSummary[]
    expect(runs.map((r) => r.id).sort()).toEqual([1, 2])
  })
})
