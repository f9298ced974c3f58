import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { NetworkInfo } from '../../../src/shared/api-types'
import { startTestLab, type TestLab } from '../../support/lab'

describe('attacks over the lab API', () => {
  let lab: TestLab
  beforeAll(async () => {
    lab = await startTestLab()
  })
  afterAll(() => lab.close())

  it('POST /api/network with an attack builds it, and GET /api/network shows it', async () => {
    const created = await lab.lab('/api/network', {
      body: { nodes: 4, attack: { kind: 'selfish', attackers: ['node2'], share: 0.35 } },
    })
    expect(created.status).toBe(200)
    const info = (await lab.lab('/api/network')).body as NetworkInfo
    expect(info.attack).toMatchObject({ kind: 'selfish', attackers: ['node2'], share: 0.35 })
    // The overview marks the attacking node, and only it.
    expect(info.nodes.map((n) => n.strategy ?? 'honest')).toEqual([
      'honest',
      'selfish',
      'honest',
      'honest',
    ])
  })

  it('keeps the attack when a new network leaves it out; null or honest ends it', async () => {
    await lab.lab('/api/network', { body: { attack: { kind: 'double-spend', share: 0.2 } } })
    await lab.lab('/api/network', { body: { seed: 5 } })
    expect(((await lab.lab('/api/network')).body as NetworkInfo).attack?.kind).toBe('double-spend')
    await lab.lab('/api/network', { body: { attack: { kind: 'honest' } } })
    expect(((await lab.lab('/api/network')).body as NetworkInfo).attack).toBeNull()
    await lab.lab('/api/network', { body: { attack: { kind: 'selfish' } } })
    await lab.lab('/api/network', { body: { attack: null } })
    expect(((await lab.lab('/api/network')).body as NetworkInfo).attack).toBeNull()
  })

  const refusals: [string, unknown, string][] = [
    ['an unknown strategy', { kind: 'sneaky' }, 'attack: unknown strategy "sneaky"'],
    ['a share outside (0, 1)', { kind: 'selfish', share: 1.5 }, 'attack: share 1.5 is outside'],
    [
      'an attacker that is not a node',
      { kind: 'selfish', attackers: ['node9'] },
      'attack: attacker "node9" is not a node',
    ],
  ]
  for (const [name, attack, reason] of refusals)
    it(`refuses ${name}: 400 with the reason, and the network stays`, async () => {
      const before = (await lab.lab('/api/network')).body as NetworkInfo
      const response = await lab.lab('/api/network', { body: { attack } })
      expect(response.status).toBe(400)
      expect(response.body).toMatchObject({ error: { code: 'invalid-config' } })
      expect((response.body as { error: { message: string } }).error.message).toContain(reason)
      expect(((await lab.lab('/api/network')).body as NetworkInfo).attack).toEqual(before.attack)
    })

  it('publishes the attack fields in /openapi.json', async () => {
    const doc = (await lab.lab('/openapi.json')).body as {
      paths: Record<
        string,
        { post?: { requestBody?: { content: Record<string, { schema: unknown }> } } }
      >
    }
    const schema = JSON.stringify(doc.paths['/api/network']?.post?.requestBody)
    for (const field of ['attack', 'attackers', 'share', 'merchant', 'confirmations'])
      expect(schema).toContain(`"${field}"`)
  })
})
