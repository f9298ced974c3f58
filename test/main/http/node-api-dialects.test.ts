import { afterEach, describe, expect, it } from 'vitest'
import { startTestLab, type TestLab } from '../../support/lab'

async function oneBlock(lab: TestLab): Promise<void> {
  await lab.lab('/api/network/start', { method: 'POST' })
  await lab.node('node1', 'tx/add', { body: { sender: 'so', recipient: 'aki', value: 3 } })
  await lab.lab('/api/network/step', { body: { clocks: 4 } })
  await lab.node('node1', 'mine')
  await lab.lab('/api/network/step', { body: { clocks: 6 } })
}

describe('the node API wire formats', () => {
  let lab: TestLab
  afterEach(() => lab.close())

  it('readme: status by name, block/all with length and blocks, blocks with transactions', async () => {
    lab = await startTestLab()
    await oneBlock(lab)
    expect((await lab.node('node2', 'status')).body).toEqual({ clock: 10, status: 'idle' })
    const all = (await lab.node('node2', 'block/all')).body as { length: number; blocks: unknown[] }
    expect(all.length).toBe(2)
    const latest = (await lab.node('node2', 'block/latest')).body
    expect(all.blocks[1]).toEqual(latest)
    expect(latest).toMatchObject({
      id: 1,
      timestamp: '2026/11/24 10:00:07',
      transactions: [{ sender: 'so', recipient: 'aki', value: 3 }],
      previous_block_hash: (all.blocks[0] as { hash: string }).hash,
      miner: 'node1',
    })
    expect(Object.keys(latest as object)).toEqual([
      'id',
      'hash',
      'timestamp',
      'transactions',
      'previous_block_hash',
      'nonce',
      'miner',
    ])
    expect((await lab.node('node2', 'block/0')).body).toMatchObject({
      id: 0,
      transactions: [
        { sender: null, recipient: 'aki', value: 10 },
        { sender: null, recipient: 'so', value: 7 },
        { sender: null, recipient: 'satoshi', value: 5 },
      ],
    })
  })

  it('legacy: the numeric status, a bare block array and `transaction` lists', async () => {
    lab = await startTestLab({}, { dialect: 'legacy' })
    await oneBlock(lab)
    expect((await lab.node('node2', 'status')).body).toEqual({ clock: 10, status: 1 })
    const all = (await lab.node('node2', 'block/all')).body as Record<string, unknown>[]
    expect(Array.isArray(all)).toBe(true)
    expect(all[1]).toMatchObject({
      id: 1,
      transaction: [{ sender: 'so', recipient: 'aki', value: 3 }],
    })
    expect(all[1]).not.toHaveProperty('transactions')
    expect(Object.keys(all[1]!)).toEqual([
      'id',
      'transaction',
      'previous_block_hash',
      'nonce',
      'timestamp',
      'hash',
    ])
  })

  it('maps every status to the numeric code of the spec', async () => {
    lab = await startTestLab({}, { dialect: 'legacy' })
    await lab.lab('/api/network/start', { method: 'POST' })
    await lab.node('node1', 'tx/add', { body: { sender: 'so', recipient: 'aki', value: 1 } })
    const codes: number[] = []
    for (let clock = 1; clock <= 3; clock++) {
      await lab.lab('/api/network/step', { body: { clocks: 1 } })
      codes.push(((await lab.node('node1', 'status')).body as { status: number }).status)
    }
    await lab.node('node1', 'mine')
    await lab.lab('/api/network/step', { body: { clocks: 1 } })
    codes.push(((await lab.node('node1', 'status')).body as { status: number }).status)
    await lab.lab('/api/network/step', { body: { clocks: 3 } })
    codes.push(((await lab.node('node1', 'status')).body as { status: number }).status)
    codes.push(((await lab.node('node2', 'status')).body as { status: number }).status)
    expect(codes).toEqual([6, 4, 1, 2, 3, 5])
  })

  it('answers the alias spellings of the earlier server', async () => {
    lab = await startTestLab()
    await lab.lab('/api/network/start', { method: 'POST' })
    const added = await lab.node('node1', 'transaction/addrequest', {
      body: { sender: 'so', recipient: 'aki', value: 1 },
    })
    expect(added.body).toMatchObject({ result: 'success' })
    await lab.node('node1', 'clock/1')
    for (const path of ['txPool/all', 'txpool/all', 'transactionpool/all'])
      expect((await lab.node('node1', path)).body).toHaveLength(1)
  })

  it('links and unlinks peers at run time, by name or by port', async () => {
    lab = await startTestLab({ topology: { kind: 'line' } })
    await lab.lab('/api/network/start', { method: 'POST' })
    const peers = async (id: string) =>
      ((await lab.node(id, 'peer')).body as { peers: { id: string }[] }).peers.map((p) => p.id)
    expect(await peers('node1')).toEqual(['node2'])
    const port = Number(new URL(lab.app.nodeUrls().get('node3')!).port)
    await lab.node('node1', 'peer/add', { body: { port } })
    expect(await peers('node1')).toEqual(['node2', 'node3'])
    await lab.node('node1', 'peer/clear', { method: 'POST' })
    expect(await peers('node1')).toEqual([])
    expect(await peers('node2')).toEqual(['node3'])
  })
})
