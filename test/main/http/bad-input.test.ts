import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestLab, type TestLab } from '../../support/lab'

interface Case {
  readonly name: string
  readonly path: string
  readonly method?: string
  readonly body?: unknown
  readonly status: number
  /** The error code, or for a refused transfer the `code` of `{"result": "fail"}`. */
  readonly code: string
}

const tx = (fields: Record<string, unknown>) => ({ path: 'tx/add', body: fields })
const valid = { sender: 'so', recipient: 'aki', value: 1 }

const NODE_CASES: Case[] = [
  { name: 'invalid JSON', path: 'tx/add', body: '{"sender": ', status: 400, code: 'invalid-json' },
  { name: 'a JSON array', path: 'tx/add', body: '[1, 2]', status: 400, code: 'invalid-body' },
  { name: 'no body', path: 'tx/add', method: 'POST', status: 400, code: 'invalid-body' },
  {
    name: 'a missing sender',
    ...tx({ recipient: 'so', value: 1 }),
    status: 400,
    code: 'invalid-body',
  },
  {
    name: 'a missing value',
    ...tx({ sender: 'so', recipient: 'aki' }),
    status: 400,
    code: 'invalid-body',
  },
  { name: 'a value as text', ...tx({ ...valid, value: '1' }), status: 400, code: 'invalid-body' },
  { name: 'a numeric sender', ...tx({ ...valid, sender: 7 }), status: 400, code: 'invalid-body' },
  {
    name: 'a null recipient',
    ...tx({ ...valid, recipient: null }),
    status: 400,
    code: 'invalid-body',
  },
  { name: 'a zero value', ...tx({ ...valid, value: 0 }), status: 422, code: 'invalid-value' },
  { name: 'a negative value', ...tx({ ...valid, value: -3 }), status: 422, code: 'invalid-value' },
  {
    name: 'a fractional value',
    ...tx({ ...valid, value: 1.5 }),
    status: 422,
    code: 'invalid-value',
  },
  { name: 'a huge value', ...tx({ ...valid, value: 1e20 }), status: 422, code: 'invalid-value' },
  {
    name: 'an unknown sender',
    ...tx({ ...valid, sender: 'mallory' }),
    status: 422,
    code: 'unknown-sender',
  },
  {
    name: 'an unknown recipient',
    ...tx({ ...valid, recipient: 'eve' }),
    status: 422,
    code: 'unknown-recipient',
  },
  {
    name: 'an overspend',
    ...tx({ ...valid, value: 100 }),
    status: 422,
    code: 'insufficient-balance',
  },
  {
    name: 'a second spend of funds already pending',
    ...tx({ sender: 'aki', recipient: 'satoshi', value: 2 }),
    status: 422,
    code: 'insufficient-balance',
  },
  {
    name: 'a body over 64 KiB',
    path: 'tx/add',
    body: `{"x":"${'a'.repeat(70_000)}"}`,
    status: 413,
    code: 'body-too-large',
  },
  { name: 'a non-numeric block id', path: 'block/abc', status: 400, code: 'invalid-parameter' },
  { name: 'a negative block id', path: 'block/-1', status: 400, code: 'invalid-parameter' },
  { name: 'a fractional block id', path: 'block/1.5', status: 400, code: 'invalid-parameter' },
  { name: 'a block past the tip', path: 'block/99', status: 404, code: 'not-found' },
  { name: 'a non-numeric clock', path: 'clock/soon', status: 400, code: 'invalid-parameter' },
  { name: 'a negative clock', path: 'clock/-2', status: 400, code: 'invalid-parameter' },
  { name: 'a fractional clock', path: 'clock/3.5', status: 400, code: 'invalid-parameter' },
  { name: 'a huge clock', path: 'clock/99999999999', status: 400, code: 'invalid-parameter' },
  { name: 'a clock in the past', path: 'clock/1', status: 409, code: 'clock-in-past' },
  { name: 'an unknown route', path: 'blocks', status: 404, code: 'not-found' },
  {
    name: 'a wrong method on status',
    path: 'status',
    method: 'POST',
    status: 405,
    code: 'method-not-allowed',
  },
  {
    name: 'a wrong method on tx/add',
    path: 'tx/add',
    method: 'GET',
    status: 405,
    code: 'method-not-allowed',
  },
  {
    name: 'peer/add without a peer',
    path: 'peer/add',
    body: {},
    status: 400,
    code: 'invalid-body',
  },
  {
    name: 'peer/add of an unknown node',
    path: 'peer/add',
    body: { peer: 'node9' },
    status: 404,
    code: 'unknown-node',
  },
  {
    name: 'peer/add of a foreign port',
    path: 'peer/add',
    body: { port: 1 },
    status: 404,
    code: 'not-found',
  },
]

const LAB_CASES: Case[] = [
  {
    name: 'a step of zero clocks',
    path: '/api/network/step',
    body: { clocks: 0 },
    status: 400,
    code: 'invalid-body',
  },
  {
    name: 'a fractional step',
    path: '/api/network/step',
    body: { clocks: 1.5 },
    status: 400,
    code: 'invalid-body',
  },
  {
    name: 'a step as text',
    path: '/api/network/step',
    body: { clocks: 'two' },
    status: 400,
    code: 'invalid-body',
  },
  {
    name: 'a huge step',
    path: '/api/network/step',
    body: { clocks: 1e9 },
    status: 400,
    code: 'invalid-body',
  },
  {
    name: 'a step with invalid JSON',
    path: '/api/network/step',
    body: '{',
    status: 400,
    code: 'invalid-json',
  },
  {
    name: 'a cut of an unknown node',
    path: '/api/network/links/cut',
    body: { a: 'node1', b: 'node7' },
    status: 404,
    code: 'unknown-node',
  },
  {
    name: 'a network with a bad topology',
    path: '/api/network',
    body: { topology: 'torus' },
    status: 400,
    code: 'invalid-body',
  },
  {
    name: 'a network with an unknown field',
    path: '/api/network',
    body: { colour: 'blue' },
    status: 400,
    code: 'invalid-body',
  },
  {
    name: 'a network with a negative difficulty',
    path: '/api/network',
    body: { difficulty: -1 },
    status: 400,
    code: 'invalid-body',
  },
  { name: 'an unknown lab route', path: '/api/nothing', status: 404, code: 'not-found' },
  {
    name: 'a wrong method on step',
    path: '/api/network/step',
    method: 'GET',
    status: 405,
    code: 'method-not-allowed',
  },
  {
    name: 'a transfer from the lab with a zero value',
    path: '/api/nodes/node1/transactions',
    body: { sender: 'so', recipient: 'aki', value: 0 },
    status: 200,
    code: 'invalid-value',
  },
]

/** Everything a bad request must leave alone: each node's clock, status, chain and pool. */
async function state(lab: TestLab): Promise<unknown> {
  return Promise.all(
    ['node1', 'node2', 'node3'].map(async (id) => {
      const [status, chain, pool] = await Promise.all([
        lab.node(id, 'status'),
        lab.node(id, 'block/all'),
        lab.node(id, 'txPool/all'),
      ])
      return [status.body, chain.body, pool.body]
    }),
  )
}

describe('bad input gets a clear error and changes nothing', () => {
  let lab: TestLab
  beforeAll(async () => {
    lab = await startTestLab()
    await lab.lab('/api/network/start', { method: 'POST' })
    await lab.node('node1', 'tx/add', { body: { sender: 'so', recipient: 'satoshi', value: 2 } })
    await lab.node('node1', 'mine')
    await lab.lab('/api/network/step', { body: { clocks: 12 } })
    // Pending, not yet received: the case "a second spend" must see these coins as spent.
    await lab.node('node1', 'tx/add', { body: { sender: 'aki', recipient: 'so', value: 9 } })
  })
  afterAll(() => lab.close())

  for (const c of NODE_CASES) {
    it(`node API: ${c.name} → ${c.status} ${c.code}`, async () => {
      const before = await state(lab)
      const response = await lab.node('node1', c.path, {
        ...(c.method ? { method: c.method } : {}),
        ...(c.body !== undefined ? { body: c.body } : {}),
      })
      expect(response.status).toBe(c.status)
      expect(response.headers.get('content-type')).toBe('application/json')
      if (c.status === 422) {
        expect(response.body).toMatchObject({ result: 'fail', code: c.code })
        expect((response.body as { reason: string }).reason.length).toBeGreaterThan(10)
      } else {
        expect(response.body).toMatchObject({ error: { code: c.code } })
        expect((response.body as { error: { message: string } }).error.message).not.toBe('')
      }
      expect(await state(lab)).toEqual(before)
    })
  }

  for (const c of LAB_CASES) {
    it(`lab API: ${c.name} → ${c.status} ${c.code}`, async () => {
      const before = await state(lab)
      const response = await lab.lab(c.path, {
        ...(c.method ? { method: c.method } : {}),
        ...(c.body !== undefined ? { body: c.body } : {}),
      })
      expect(response.status).toBe(c.status)
      if (c.status === 200) expect(response.body).toMatchObject({ result: 'fail', code: c.code })
      else expect(response.body).toMatchObject({ error: { code: c.code } })
      expect(await state(lab)).toEqual(before)
    })
  }

  it('answers 405 with the methods the route does take', async () => {
    const response = await lab.node('node1', 'tx/add')
    expect(response.headers.get('allow')).toBe('POST, OPTIONS')
  })
})

describe('before start', () => {
  let lab: TestLab
  beforeAll(async () => {
    lab = await startTestLab()
  })
  afterAll(() => lab.close())

  const routes: [string, string, unknown?][] = [
    ['GET', 'reset'],
    ['GET', 'status'],
    ['GET', 'block/latest'],
    ['GET', 'block/0'],
    ['GET', 'block/all'],
    ['GET', 'txPool/all'],
    ['GET', 'mine'],
    ['GET', 'clock/1'],
    ['POST', 'tx/add', valid],
    ['GET', 'peer'],
    ['POST', 'peer/add', { peer: 'node2' }],
    ['POST', 'peer/clear'],
  ]
  for (const [method, path, body] of routes) {
    it(`${method} /${path} answers 409 saying to call start`, async () => {
      const response = await lab.node('node2', path, { method, ...(body ? { body } : {}) })
      expect(response.status).toBe(409)
      expect(response.body).toMatchObject({ error: { code: 'not-started' } })
      expect((response.body as { error: { message: string } }).error.message).toMatch(/start/)
    })
  }

  it('a network step answers 409 too', async () => {
    const response = await lab.lab('/api/network/step', { body: { clocks: 1 } })
    expect(response.status).toBe(409)
  })

  it('start on a started node answers 200 and changes nothing', async () => {
    await lab.node('node3', 'start')
    await lab.node('node3', 'clock/2')
    expect((await lab.node('node3', 'start')).status).toBe(200)
    expect((await lab.node('node3', 'status')).body).toEqual({ clock: 2, status: 'idle' })
  })
})
