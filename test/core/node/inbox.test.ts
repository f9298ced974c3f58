import { describe, expect, it } from 'vitest'
import type { Message } from '../../../src/core/network/message'
import { Inbox } from '../../../src/core/node/inbox'

const order = ['node1', 'node2', 'node3']

function ack(from: string, id: number, sent: number, ready: number): Message {
  return { type: 'ACK_TX', txId: 'tx', id, from, to: 'node9', sent, ready }
}

describe('a node inbox', () => {
  it('takes messages by ready clock, then sent clock, sender order and id, however they arrive', () => {
    const inbox = new Inbox((node) => order.indexOf(node))
    const arrivals = [
      ack('node3', 1, 4, 5),
      ack('node1', 2, 4, 5),
      ack('node2', 7, 2, 3),
      ack('node1', 1, 4, 5),
      ack('node2', 8, 3, 5),
      ack('node1', 3, 5, 5),
      ack('node2', 9, 6, 6),
    ]
    for (const message of arrivals) inbox.insert(message)
    expect(inbox.items.map((m) => `${m.ready}/${m.sent}/${m.from}#${m.id}`)).toEqual([
      '3/2/node2#7',
      '5/3/node2#8',
      '5/4/node1#1',
      '5/4/node1#2',
      '5/4/node3#1',
      '5/5/node1#3',
      '6/6/node2#9',
    ])
    expect(inbox.firstReady).toBe(3)
    expect(inbox.readyCount(2)).toBe(0)
    expect(inbox.readyCount(5)).toBe(6)
    expect(inbox.shift()?.id).toBe(7)
    expect(inbox.length).toBe(6)
  })

  it('has nothing ready, ever, when empty', () => {
    const inbox = new Inbox(() => 0)
    expect(inbox.firstReady).toBe(Infinity)
    expect(inbox.readyCount(1_000)).toBe(0)
  })
})
