import { describe, expect, it } from 'vitest'
import { Deliveries } from '../../../src/core/network/deliveries'
import type { MessagePayload } from '../../../src/core/network/message'

const ack = (txId: string): MessagePayload => ({ type: 'ACK_TX', txId })
const names = ['node1', 'node2', 'node3', 'node4']

function setUp(): { deliveries: Deliveries; links: { downs: number } } {
  const links = { downs: 0 }
  return { deliveries: new Deliveries(names.length, (i) => names[i] as string, links), links }
}

/** What node `to` takes by clock t, as `ready/sent/from#id txId linkUp`. */
function take(deliveries: Deliveries, to: number, t: number): string[] {
  const taken: string[] = []
  deliveries.take(to, t, (payload, from, id, sent, ready, linkUp) => {
    const txId = payload.type === 'ACK_TX' ? payload.txId : payload.type
    taken.push(`${ready}/${sent}/${names[from]}#${id} ${txId}${linkUp ? '' : ' check'}`)
  })
  return taken
}

describe('messages in flight, by the clock they become ready', () => {
  it('gives a node its messages in the order its inbox takes them, however they were sent', () => {
    const { deliveries } = setUp()
    // To node4 (index 3): ready at 5, 3 and 9, appended out of order within clock 5.
    deliveries.add(3, 2, 1, 4, 5, ack('a'))
    deliveries.add(3, 0, 2, 4, 5, ack('b'))
    deliveries.add(3, 1, 7, 2, 3, ack('c'))
    deliveries.add(3, 0, 1, 4, 5, ack('d'))
    deliveries.add(3, 1, 8, 3, 5, ack('e'))
    deliveries.add(3, 0, 3, 5, 5, ack('f'))
    deliveries.add(3, 1, 9, 6, 9, ack('g'))
    deliveries.add(0, 1, 10, 6, 6, ack('h'))
    expect(deliveries.firstReady(3)).toBe(3)
    expect(deliveries.count(3)).toBe(7)
    expect(take(deliveries, 3, 2)).toEqual([])
    expect(take(deliveries, 3, 5)).toEqual([
      '3/2/node2#7 c',
      '5/3/node2#8 e',
      '5/4/node1#1 d',
      '5/4/node1#2 b',
      '5/4/node3#1 a',
      '5/5/node1#3 f',
    ])
    expect(deliveries.firstReady(3)).toBe(9)
    expect(deliveries.count(3)).toBe(1)
    expect(take(deliveries, 0, 6)).toEqual(['6/6/node2#10 h'])
    expect(deliveries.firstReady(0)).toBe(Infinity)
  })

  it('lists a node’s messages as messages, and takes them all when asked to remove them', () => {
    const { deliveries } = setUp()
    deliveries.add(1, 0, 1, 2, 4, ack('x'))
    deliveries.add(1, 2, 1, 2, 3, ack('y'))
    const listed = deliveries.messagesFor(1, false)
    expect(listed).toContainEqual({
      type: 'ACK_TX',
      txId: 'x',
      id: 1,
      from: 'node1',
      to: 'node2',
      sent: 2,
      ready: 4,
    })
    expect(listed).toHaveLength(2)
    expect(deliveries.count(1)).toBe(2)
    expect(deliveries.messagesFor(1, true)).toHaveLength(2)
    expect(deliveries.count(1)).toBe(0)
    expect(deliveries.firstReady(1)).toBe(Infinity)
  })

  it('vouches for a message’s link only while no link went down since and every row was checked', () => {
    const { deliveries, links } = setUp()
    deliveries.add(1, 0, 1, 1, 1, ack('up'))
    expect(take(deliveries, 1, 1)).toEqual(['1/1/node1#1 up'])
    deliveries.add(1, 0, 2, 2, 2, ack('cut later'))
    links.downs++
    expect(take(deliveries, 1, 2)).toEqual(['2/2/node1#2 cut later check'])
    deliveries.add(1, 0, 3, 3, 3, ack('from a shard'), false)
    expect(take(deliveries, 1, 3)).toEqual(['3/3/node1#3 from a shard check'])
  })
})
