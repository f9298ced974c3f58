import { describe, expect, it } from 'vitest'
import { Network } from '../../src/core/network/network'
import { snapshotNode } from '../../src/core/snapshot'
import { briefOf } from '../../src/main/host/answer-query'
import { summaryOfSnapshot } from '../../src/shared/node-summary'

describe("a node's summary", () => {
  it("from its snapshot is the live overview's brief, with the port where one is known", () => {
    const network = new Network({ nodes: 2, difficulty: 2 })
    network.start()
    network.submitTransaction('node1', { sender: 'aki', recipient: 'so', value: 1 })
    network.requestMine('node2')
    network.step(3)
    for (const id of network.nodeIds) {
      const snapshot = snapshotNode(network, id)
      expect(summaryOfSnapshot(snapshot)).toEqual({ ...briefOf(network, id), port: null })
      expect(summaryOfSnapshot(snapshot, 50082).port).toBe(50082)
    }
  })
})
