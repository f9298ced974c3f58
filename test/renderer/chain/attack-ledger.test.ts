import { describe, expect, it } from 'vitest'
import type { Network } from '../../../src/core/network/network'
import type { SequencedEvent } from '../../../src/shared/api-types'
import { AttackLedger } from '../../../src/renderer/src/chain/attack-ledger'
import { attackNote, ledgerOf } from '../../../src/renderer/src/events/attack-notes'
import { createStartedNetwork, stepUntilQuiet } from '../../support/timeline'

/** A network with its events numbered as the lab streams them, and a helper to mine on a node. */
function story(network: Network) {
  const events: SequencedEvent[] = []
  const take = () => {
    for (const e of network.drainEvents()) events.push({ ...e, seq: events.length + 1 })
  }
  const mine = (id: string): string => {
    network.requestMine(id)
    stepUntilQuiet(network)
    take()
    const mined = events.filter((e) => e.kind === 'block.mined' && e.node === id).at(-1)
    if (mined?.kind !== 'block.mined') throw new Error(`${id} mined nothing`)
    return mined.block.hash
  }
  return { events, take, mine, network }
}

function ledger(events: readonly SequencedEvent[]): AttackLedger {
  const l = new AttackLedger()
  for (const e of events) l.apply(e)
  return l
}

const selfish = () =>
  story(createStartedNetwork({ attack: { kind: 'selfish', attackers: ['node1'], share: 0.35 } }))

const doubleSpend = () =>
  story(
    createStartedNetwork({
      attack: { kind: 'double-spend', attackers: ['node1'], merchant: 'node2', confirmations: 1 },
    }),
  )

describe('the attacks told by the events: withheld, published, orphaned blocks', () => {
  it('marks a block withheld by its attacker from the clock it was mined, until published', () => {
    const s = selfish()
    const own = s.mine('node1')
    const withheldAt = s.events.find((e) => e.kind === 'attack.withheld')!.clock
    expect(ledger(s.events).markOf(own)).toEqual({
      kind: 'withheld',
      by: 'node1',
      since: withheldAt,
    })
    // Before that clock (a replay scrubbed back) no attack had touched it.
    expect(ledger(s.events).markOf(own, withheldAt - 1)).toBeNull()
  })

  it('marks it published when the attacker matches an honest block: a tie orphans nothing yet', () => {
    const s = selfish()
    const own = s.mine('node1')
    const honest = s.mine('node2')
    const l = ledger(s.events)
    const mark = l.markOf(own)
    expect(mark).toMatchObject({ kind: 'published', by: 'node1', publication: { rule: 'match' } })
    expect(l.markOf(honest)).toBeNull()
    const published = s.events.find((e) => e.kind === 'attack.published')!
    expect(attackNote(published, l)).toMatch(/nothing orphaned yet/)
    // Scrubbed back to before the publication, it was still withheld.
    if (mark?.kind !== 'published') throw new Error('not published')
    expect(l.markOf(own, mark.publication.at - 1)?.kind).toBe('withheld')
  })

  it('credits the honest block the other nodes abandon to the publication that won them over', () => {
    const s = selfish()
    s.mine('node1')
    const honest = s.mine('node2')
    s.mine('node1')
    const l = ledger(s.events)
    const winTie = s.events.filter((e) => e.kind === 'attack.published').at(-1)!
    expect(winTie).toMatchObject({ rule: 'win-tie' })
    expect(l.markOf(honest)).toMatchObject({
      kind: 'orphaned',
      publication: { by: 'node1', rule: 'win-tie' },
    })
    expect(attackNote(winTie, l)).toBe(` · orphaned 1 block: ${honest.slice(0, 8)}`)
    const reorgs = s.events.filter((e) => e.kind === 'chain.reorg')
    expect(reorgs.length).toBeGreaterThan(0)
    for (const reorg of reorgs)
      expect(attackNote(reorg, l)).toBe(` · onto node1's branch published at clock ${winTie.clock}`)
  })

  it('marks the blocks a double spender gives up on, 20 blocks behind, as abandoned', () => {
    const s = doubleSpend()
    s.network.submitTransaction('node1', { sender: 'aki', recipient: 'so', value: 10 })
    stepUntilQuiet(s.network)
    s.mine('node2')
    const own = s.mine('node1')
    for (let i = 0; i < 20; i++) s.mine('node2')
    const abandoned = s.events.find((e) => e.kind === 'attack.abandoned')!
    expect(ledger(s.events).markOf(own)).toEqual({
      kind: 'abandoned',
      by: 'node1',
      at: abandoned.clock,
      rule: 'gave-up',
    })
  })

  it('credits a double spend with the merchant’s blocks it orphans when it overtakes', () => {
    const s = doubleSpend()
    s.network.submitTransaction('node1', { sender: 'aki', recipient: 'so', value: 10 })
    stepUntilQuiet(s.network)
    const payment = s.mine('node2')
    s.mine('node1')
    s.mine('node1')
    const l = ledger(s.events)
    const overtake = s.events.find((e) => e.kind === 'attack.published')!
    expect(overtake).toMatchObject({ rule: 'overtake' })
    expect(l.markOf(payment)).toMatchObject({ kind: 'orphaned', publication: { rule: 'overtake' } })
    expect(attackNote(overtake, l)).toContain(payment.slice(0, 8))
  })

  it('reads a log that grows in place once, entry by entry, and starts over for a new log', () => {
    const s = selfish()
    s.mine('node1')
    const log = [...s.events]
    const first = ledgerOf(log)
    expect(first.blocks.size).toBe(1)
    s.mine('node2')
    s.mine('node1')
    log.push(...s.events.slice(log.length))
    expect(ledgerOf(log)).toBe(first)
    expect(first.blocks.size).toBe(2)
    expect(ledgerOf([...log])).not.toBe(first)
  })
})
