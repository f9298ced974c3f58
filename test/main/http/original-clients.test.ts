import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestLab, type TestLab } from '../../support/lab'
import { tempDir } from '../../support/recording'

/**
 * The earlier simulator's own clients, against the legacy dialect over real HTTP: its test
 * scripts (`server/test_2nodes.sh`, `server/test_3nodes.sh`), which compare every answer byte for
 * byte as Python's json.dumps wrote it, and its web front-end's sequence of calls. The scripts'
 * steps are written out here as they run them: curl each node's `clock/N` in turn, then compare.
 */

/** The README's transfer, as the scripts post it with `curl -d`. */
const README_TRANSFER = '{"sender": "aki", "recipient": "so", "value": 3}'
const POOL_WITH_IT = '[{"sender": "aki", "recipient": "so", "value": 3}]'

let lab: TestLab
let temp: ReturnType<typeof tempDir> | null = null
afterEach(async () => {
  await lab.close()
  temp?.remove()
  temp = null
})

async function text(id: string, path: string, body?: string): Promise<string> {
  const answer = await lab.node(id, path, body === undefined ? {} : { body })
  expect(answer.status, `${id} ${path}`).toBe(200)
  return answer.text
}

/** Steps the named nodes, one `clock/N` each, then reads each node's status. */
async function clock(n: number, nodes: readonly string[]): Promise<void> {
  for (const id of nodes) expect(await text(id, `clock/${n}`)).toBe('')
}

async function startLegacyLab(nodes: number, db?: string): Promise<void> {
  lab = await startTestLab({ nodes }, { dialect: 'legacy', ...(db ? { db } : {}) })
}

describe("the earlier server's test scripts, byte for byte (legacy dialect)", () => {
  it('test_3nodes.sh: a transfer relayed through three nodes, then mining', async () => {
    await startLegacyLab(3)
    const all = ['node1', 'node2', 'node3']
    for (const id of all) expect(await text(id, 'start')).toBe('')
    expect(await text('node1', 'tx/add', README_TRANSFER)).toBe('success')

    expect(await text('node3', 'status')).toBe('{"clock": 0, "status": 1}')
    expect(await text('node1', 'txPool/all')).toBe('[]')

    await clock(1, all)
    expect(await text('node1', 'status')).toBe('{"clock": 1, "status": 6}')
    expect(await text('node2', 'status')).toBe('{"clock": 1, "status": 1}')
    expect(await text('node3', 'status')).toBe('{"clock": 1, "status": 1}')
    expect(await text('node1', 'txPool/all')).toBe(POOL_WITH_IT)

    await clock(2, all)
    expect(await text('node1', 'status')).toBe('{"clock": 2, "status": 4}')
    expect(await text('node2', 'status')).toBe('{"clock": 2, "status": 6}')
    expect(await text('node3', 'status')).toBe('{"clock": 2, "status": 6}')
    expect(await text('node2', 'txPool/all')).toBe(POOL_WITH_IT)
    expect(await text('node3', 'txPool/all')).toBe(POOL_WITH_IT)

    await clock(3, all)
    expect(await text('node1', 'status')).toBe('{"clock": 3, "status": 1}')
    expect(await text('node2', 'status')).toBe('{"clock": 3, "status": 4}')
    expect(await text('node3', 'status')).toBe('{"clock": 3, "status": 4}')

    // From here the script steps node1 and node2 only, and asks node1 to mine at clock 4.
    await clock(4, ['node1', 'node2'])
    expect(await text('node1', 'mine')).toBe('')
    expect(await text('node1', 'status')).toBe('{"clock": 4, "status": 1}')
    expect(await text('node2', 'status')).toBe('{"clock": 4, "status": 1}')

    await clock(5, ['node1', 'node2'])
    expect(await text('node1', 'status')).toBe('{"clock": 5, "status": 2}')
    expect(await text('node2', 'status')).toBe('{"clock": 5, "status": 1}')
  })

  it('test_2nodes.sh: mining, the block relayed and relayed back, then peer/clear and reset', async () => {
    await startLegacyLab(2)
    const both = ['node1', 'node2']
    for (const id of both) expect(await text(id, 'start')).toBe('')
    expect(await text('node1', 'tx/add', README_TRANSFER)).toBe('success')
    expect(await text('node1', 'status')).toBe('{"clock": 0, "status": 1}')
    expect(await text('node1', 'txPool/all')).toBe('[]')

    const expected: readonly [number, string, string][] = [
      [1, '{"clock": 1, "status": 6}', '{"clock": 1, "status": 1}'],
      [2, '{"clock": 2, "status": 4}', '{"clock": 2, "status": 6}'],
      [3, '{"clock": 3, "status": 1}', '{"clock": 3, "status": 4}'],
      [4, '{"clock": 4, "status": 1}', '{"clock": 4, "status": 1}'],
      [5, '{"clock": 5, "status": 2}', '{"clock": 5, "status": 1}'],
      [6, '{"clock": 6, "status": 2}', '{"clock": 6, "status": 1}'],
      [7, '{"clock": 7, "status": 2}', '{"clock": 7, "status": 1}'],
      [8, '{"clock": 8, "status": 3}', '{"clock": 8, "status": 5}'],
      [9, '{"clock": 9, "status": 1}', '{"clock": 9, "status": 3}'],
      [10, '{"clock": 10, "status": 1}', '{"clock": 10, "status": 1}'],
    ]
    for (const [n, node1, node2] of expected) {
      await clock(n, both)
      if (n === 4) expect(await text('node1', 'mine')).toBe('')
      expect(await text('node1', 'status')).toBe(node1)
      expect(await text('node2', 'status')).toBe(node2)
      if (n === 1) expect(await text('node1', 'txPool/all')).toBe(POOL_WITH_IT)
      if (n === 2) expect(await text('node2', 'txPool/all')).toBe(POOL_WITH_IT)
    }

    // The block the script fetches, in the earlier server's key order, byte for byte.
    const genesis = (await lab.node('node2', 'block/0')).body as { hash: string }
    const block = (await lab.node('node2', 'block/1')).body as {
      hash: string
      nonce: number
      timestamp: string
    }
    expect(await text('node2', 'block/1')).toBe(
      `{"id": 1, "transaction": [{"sender": "aki", "recipient": "so", "value": 3}], ` +
        `"previous_block_hash": "${genesis.hash}", "nonce": ${block.nonce}, ` +
        `"timestamp": "2026/11/24 10:00:07", "hash": "${block.hash}"}`,
    )
    expect(await text('node1', 'block/latest')).toBe(await text('node2', 'block/1'))
    expect(await text('node1', 'block/all')).toBe(
      `[${await text('node1', 'block/0')}, ${await text('node1', 'block/1')}]`,
    )
    expect(await text('node1', 'txPool/all')).toBe('[]')

    // The script ends by clearing a peer it names by the earlier server's socket address; no
    // node of this lab is there, so nothing changes.
    const cleared = await lab.node('node1', 'peer/clear', {
      body: '{"addr": "192.168.1.8", "port": 65003}',
    })
    expect(cleared.status).toBe(404)
    const node2Port = new URL(lab.app.nodeUrls().get('node2')!).port
    expect(await text('node1', 'peer')).toBe(`[["127.0.0.1", ${node2Port}]]`)

    for (const id of both) expect(await text(id, 'reset')).toBe('')
    expect(await text('node1', 'status')).toBe('{"clock": 0, "status": 1}')
    expect(await text('node1', 'block/all')).toBe(`[${await text('node1', 'block/0')}]`)
  })
})

describe("the earlier web front-end's calls (legacy dialect)", () => {
  it('sends the amount as a string, plays ten clocks, mines, and starts afresh mid-run', async () => {
    temp = tempDir()
    {
      await startLegacyLab(3, join(temp.dir, 'runs.sqlite'))
      const all = ['node1', 'node2', 'node3']
      for (const id of all) expect(await text(id, 'start')).toBe('')

      // A page on another origin posting JSON is preflighted first.
      const preflight = await lab.node('node1', 'tx/add', {
        method: 'OPTIONS',
        headers: {
          Origin: 'http://localhost:3000',
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'content-type',
        },
      })
      expect(preflight.status).toBe(204)
      expect(preflight.headers.get('access-control-allow-origin')).toBe('*')
      expect(preflight.headers.get('access-control-allow-headers')).toMatch(/content-type/i)

      expect(
        await text('node1', 'tx/add', '{"sender": "aki", "recipient": "so", "value": "3"}'),
      ).toBe('success')
      for (let n = 1; n <= 10; n++) {
        await clock(n, all)
        if (n === 4) expect(await text('node1', 'mine')).toBe('')
      }
      for (const id of all) {
        const chain = JSON.parse(await text(id, 'block/all')) as { transaction: unknown[] }[]
        expect(chain).toHaveLength(2)
        expect(chain[1]!.transaction).toEqual([{ sender: 'aki', recipient: 'so', value: 3 }])
        expect(await text(id, 'txPool/all')).toBe('[]')
        expect(await text(id, 'status')).toBe('{"clock": 10, "status": 1}')
      }
      const balances = (await lab.lab('/api/nodes/node3')).body as {
        balances: Record<string, number>
      }
      expect(balances.balances).toEqual({ aki: 7, so: 10, satoshi: 5 })

      expect(await text('node3', 'reset')).toBe('')
      expect(await text('node3', 'status')).toBe('{"clock": 0, "status": 1}')

      // Start pressed again mid-run: the earlier server made each node anew, at clock 0.
      for (const id of all) expect(await text(id, 'start')).toBe('')
      for (const id of all) {
        expect(await text(id, 'status')).toBe('{"clock": 0, "status": 1}')
        expect(JSON.parse(await text(id, 'block/all'))).toHaveLength(1)
        expect(await text(id, 'txPool/all')).toBe('[]')
      }
      await clock(1, all)
      expect(await text('node1', 'status')).toBe('{"clock": 1, "status": 1}')

      // The event stream and the recording say that node1 started afresh.
      await lab.app.recorder!.sync()
      const runId = lab.app.recorder!.writer.runId!
      const page = (await lab.lab(`/api/runs/${runId}/events?node=node1&limit=10000`)).body as {
        events: { kind: string; clock: number }[]
      }
      const lifecycle = page.events
        .filter((e) => e.kind === 'node.started' || e.kind === 'node.reset')
        .map((e) => `${e.kind}@${e.clock}`)
      expect(lifecycle).toEqual(['node.started@0', 'node.reset@0', 'node.started@0'])
    }
  })
})

describe('what the legacy dialect accepts and refuses', () => {
  it('keeps a transfer with the key order it was posted with, on every node and in blocks', async () => {
    await startLegacyLab(2)
    for (const id of ['node1', 'node2']) await text(id, 'start')
    const posted = '{"value": 3, "recipient": "so", "sender": "aki"}'
    expect(await text('node1', 'tx/add', posted)).toBe('success')
    await clock(1, ['node1', 'node2'])
    await clock(2, ['node1', 'node2'])
    expect(await text('node1', 'txPool/all')).toBe(`[${posted}]`)
    expect(await text('node2', 'txPool/all')).toBe(`[${posted}]`)
    await text('node2', 'mine')
    for (let n = 3; n <= 8; n++) await clock(n, ['node1', 'node2'])
    expect(await text('node1', 'block/1')).toContain(`"transaction": [${posted}]`)
    // The readme API and the lab API keep their own form, with the id.
    const pool = (await lab.lab('/api/nodes/node1/chain')).body as {
      transactions: { id: string }[]
    }[]
    expect(Object.keys(pool[1]!.transactions[0]!)).toEqual(['sender', 'recipient', 'value', 'id'])
  })

  it.each([
    ['a value with letters', '{"sender": "aki", "recipient": "so", "value": "3x"}', 400],
    ['a negative value as a string', '{"sender": "aki", "recipient": "so", "value": "-1"}', 400],
    ['a fractional value as a string', '{"sender": "aki", "recipient": "so", "value": "1.5"}', 400],
    ['an empty string', '{"sender": "aki", "recipient": "so", "value": ""}', 400],
    ['a negative value', '{"sender": "aki", "recipient": "so", "value": -1}', 422],
    ['a zero value as a string', '{"sender": "aki", "recipient": "so", "value": "0"}', 422],
    ['an overspend as a string', '{"sender": "aki", "recipient": "so", "value": "11"}', 422],
  ])('refuses %s (%s) with %i and changes nothing', async (_name, body, status) => {
    await startLegacyLab(1)
    await text('node1', 'start')
    const answer = await lab.node('node1', 'tx/add', { body })
    expect(answer.status).toBe(status)
    if (status === 422) expect(answer.text).toMatch(/^\{"result": "fail", "code": "[a-z-]+", /)
    await clock(1, ['node1'])
    expect(await text('node1', 'txPool/all')).toBe('[]')
    expect(await text('node1', 'status')).toBe('{"clock": 1, "status": 1}')
  })

  it('adds and removes one peer by the address and node API port the earlier server used', async () => {
    await startLegacyLab(3)
    for (const id of ['node1', 'node2', 'node3']) await text(id, 'start')
    const port = (id: string) => Number(new URL(lab.app.nodeUrls().get(id)!).port)
    expect(await text('node1', 'peer')).toBe(
      `[["127.0.0.1", ${port('node2')}], ["127.0.0.1", ${port('node3')}]]`,
    )
    const node3 = `{"addr": "127.0.0.1", "port": ${port('node3')}}`
    expect(await text('node1', 'peer/clear', node3)).toBe('success')
    expect(await text('node1', 'peer')).toBe(`[["127.0.0.1", ${port('node2')}]]`)
    expect(await text('node3', 'peer')).toBe(`[["127.0.0.1", ${port('node2')}]]`)
    expect(await text('node1', 'peer/add', node3)).toBe('success')
    expect(await text('node1', 'peer')).toBe(
      `[["127.0.0.1", ${port('node2')}], ["127.0.0.1", ${port('node3')}]]`,
    )
    expect(
      (await lab.node('node1', 'peer/add', { body: '{"addr": "10.0.0.1", "port": 1}' })).status,
    ).toBe(404)
    const clearAll = await lab.node('node1', 'peer/clear', { method: 'POST' })
    expect(clearAll.text).toBe('success')
    expect(await text('node1', 'peer')).toBe('[]')
  })
})

describe('the readme dialect keeps its own answers', () => {
  it('answers start with a result and leaves a started node as it is', async () => {
    lab = await startTestLab()
    expect((await lab.node('node1', 'start')).body).toEqual({ result: 'success' })
    await lab.node('node1', 'clock/3')
    expect((await lab.node('node1', 'start')).body).toEqual({ result: 'success' })
    expect((await lab.node('node1', 'status')).body).toEqual({ clock: 3, status: 'idle' })
    const refused = await lab.node('node1', 'tx/add', {
      body: { sender: 'aki', recipient: 'so', value: '3' },
    })
    expect(refused.status).toBe(400)
    expect(refused.text).toBe(JSON.stringify(refused.body))
  })
})
