import { afterEach, describe, expect, it } from 'vitest'
import { startTestLab, type TestLab } from '../../support/lab'
import { SPEC_TIMELINE, STEPPING_ORDERS } from '../../support/spec-timeline'

describe('the spec timeline over HTTP, a controller stepping each node with clock/N', () => {
  let lab: TestLab
  afterEach(() => lab.close())

  const runs = [
    ...STEPPING_ORDERS.map((order) => ({ order, workers: 0 })),
    { order: STEPPING_ORDERS[5], workers: 2 },
  ]
  for (const { order, workers } of runs) {
    const where = workers > 0 ? ` with the nodes in ${workers} worker threads` : ''
    it(`holds stepping ${order.join(', ')}${where}`, async () => {
      lab = await startTestLab({}, { workers })
      for (const id of order) expect((await lab.node(id, 'start')).status).toBe(200)
      const added = await lab.node('node1', 'tx/add', {
        body: { sender: 'aki', recipient: 'so', value: 1 },
      })
      expect(added.body).toMatchObject({ result: 'success' })
      const seen: string[] = []
      for (let clock = 0; clock <= 10; clock++) {
        if (clock === 5) expect((await lab.node('node1', 'mine')).text).toBe('')
        if (clock > 0)
          for (const id of order) expect((await lab.node(id, `clock/${clock}`)).status).toBe(200)
        const statuses = await Promise.all(
          ['node1', 'node2', 'node3'].map(async (id) => {
            const { body } = await lab.node(id, 'status')
            expect(body).toMatchObject({ clock })
            return (body as { status: string }).status
          }),
        )
        seen.push(statuses.join(' '))
        if (clock === 1) expect((await lab.node('node1', 'txPool/all')).body).toHaveLength(1)
        if (clock === 8)
          expect((await lab.node('node3', 'block/all')).body).toMatchObject({ length: 2 })
      }
      expect(seen).toEqual(SPEC_TIMELINE)
      for (const id of ['node1', 'node2', 'node3']) {
        expect((await lab.node(id, 'block/all')).body).toMatchObject({ length: 2 })
        expect((await lab.node(id, 'txPool/all')).body).toEqual([])
      }
    })
  }
})
