import { describe, expect, it } from 'vitest'
import type { EngineEvent } from '../../../src/core/events'
import type { Network } from '../../../src/core/network/network'
import { viewAttacker } from '../../../src/core/attack/view-attacker'
import { createStartedNetwork, stepUntilQuiet } from '../../support/timeline'

/** The network's attack events since the last drain, as `node kind rule heights`. */
function attackLog(network: Network): string[] {
  return network.drainEvents().flatMap((e: EngineEvent) => {
    if (e.kind === 'attack.withheld') return [`${e.node} withheld ${e.block.height}`]
    if (e.kind === 'attack.published')
      return [`${e.node} published ${e.blocks.map((b) => b.height).join(',')} (${e.rule})`]
    if (e.kind === 'attack.abandoned') return [`${e.node} abandoned ${e.blocks.length} (${e.rule})`]
    return []
  })
}

/** Each node's main chain as its miners, genesis left out: `node1,node2`. */
function miners(network: Network, id: string): string {
  return network
    .node(id)
    .tree.mainChain()
    .slice(1)
    .map((b) => b.miner)
    .join(',')
}

function mine(network: Network, id: string): void {
  network.requestMine(id)
  stepUntilQuiet(network)
}

describe('a selfish miner in the engine', () => {
  const selfish = () =>
    createStartedNetwork({ attack: { kind: 'selfish', attackers: ['node1'], share: 0.3 } })

  it('keeps the block it mines: no peer hears of it', () => {
    const network = selfish()
    mine(network, 'node1')
    expect(attackLog(network)).toEqual(['node1 withheld 1'])
    expect(miners(network, 'node1')).toBe('node1')
    expect(miners(network, 'node2')).toBe('')
    expect(miners(network, 'node3')).toBe('')
  })

  it('matches an honest block with its own: a tie each side keeps as it saw it first', () => {
    const network = selfish()
    mine(network, 'node1')
    attackLog(network)
    mine(network, 'node2')
    expect(attackLog(network)).toEqual(['node1 published 1 (match)'])
    expect(miners(network, 'node1')).toBe('node1')
    expect(miners(network, 'node2')).toBe('node2')
    expect(miners(network, 'node3')).toBe('node2')
  })

  it('wins a tie by publishing its next block: every node adopts its branch', () => {
    const network = selfish()
    mine(network, 'node1')
    mine(network, 'node2')
    attackLog(network)
    mine(network, 'node1')
    expect(attackLog(network)).toEqual(['node1 withheld 2', 'node1 published 2 (win-tie)'])
    for (const id of ['node1', 'node2', 'node3']) expect(miners(network, id)).toBe('node1,node1')
  })

  it('with a lead of two, answers an honest block by publishing all and orphaning it', () => {
    const network = selfish()
    mine(network, 'node1')
    mine(network, 'node1')
    mine(network, 'node3')
    expect(attackLog(network)).toEqual([
      'node1 withheld 1',
      'node1 withheld 2',
      'node1 published 1,2 (override)',
    ])
    for (const id of ['node1', 'node2', 'node3']) expect(miners(network, id)).toBe('node1,node1')
  })

  it('with a longer lead, publishes one block per honest block', () => {
    const network = selfish()
    for (let i = 0; i < 3; i++) mine(network, 'node1')
    attackLog(network)
    mine(network, 'node2')
    expect(attackLog(network)).toEqual(['node1 published 1 (publish-one)'])
    expect(miners(network, 'node3')).toBe('node2')
  })

  it('after a tie that honest miners resolve against it, adopts the public chain', () => {
    const network = selfish()
    mine(network, 'node2')
    mine(network, 'node1')
    mine(network, 'node2')
    mine(network, 'node3')
    expect(attackLog(network)).toEqual(['node1 withheld 2', 'node1 published 2 (match)'])
    for (const id of ['node1', 'node2', 'node3'])
      expect(miners(network, id)).toBe('node2,node2,node3')
    mine(network, 'node1')
    expect(attackLog(network)).toEqual(['node1 withheld 4'])
  })
})

/** Whether each node's main chain holds a transfer from aki to `recipient`, in node order. */
function paidTo(network: Network, recipient: string): boolean[] {
  return network.nodeIds.map((id) =>
    network
      .node(id)
      .tree.mainChain()
      .some((b) => b.transactions.some((tx) => tx.sender === 'aki' && tx.recipient === recipient)),
  )
}

describe('a double spender in the engine', () => {
  /** node1 pays so (node2's merchant) all of aki's 10 coins; node2 mines the payment's block. */
  function paid(confirmations: number): Network {
    const network = createStartedNetwork({
      attack: { kind: 'double-spend', attackers: ['node1'], merchant: 'node2', confirmations },
    })
    network.submitTransaction('node1', { sender: 'aki', recipient: 'so', value: 10 })
    stepUntilQuiet(network)
    mine(network, 'node2')
    attackLog(network)
    return network
  }

  it('mines a private branch from the payment block’s parent holding a payment to itself', () => {
    const network = paid(1)
    mine(network, 'node1')
    expect(attackLog(network)).toEqual(['node1 withheld 1'])
    const privateTip = network.node('node1').attacker?.exportState().privateTip ?? ''
    const branch = network.node('node1').tree.entry(privateTip)
    expect(branch?.height).toBe(1)
    expect(branch?.block.transactions).toMatchObject([
      { sender: 'aki', recipient: 'satoshi', value: 10 },
    ])
    // A tie after delivery is not enough: first-seen would keep the merchant on its chain.
    expect(paidTo(network, 'so')).toEqual([true, true, true])
  })

  it('publishes once its branch is strictly longer after delivery: the payment is reversed', () => {
    const network = paid(1)
    mine(network, 'node1')
    mine(network, 'node1')
    expect(attackLog(network)).toEqual([
      'node1 withheld 1',
      'node1 withheld 2',
      'node1 published 1,2 (overtake)',
    ])
    expect(paidTo(network, 'satoshi')).toEqual([true, true, true])
    expect(paidTo(network, 'so')).toEqual([false, false, false])
  })

  it('waits for the merchant’s z confirmations however far ahead it is', () => {
    const network = paid(3)
    mine(network, 'node1')
    mine(network, 'node1')
    mine(network, 'node2')
    expect(attackLog(network)).toEqual(['node1 withheld 1', 'node1 withheld 2'])
    mine(network, 'node2')
    mine(network, 'node1')
    expect(attackLog(network)).toEqual(['node1 withheld 3'])
    mine(network, 'node1')
    expect(attackLog(network)).toEqual(['node1 withheld 4', 'node1 published 1,2,3,4 (overtake)'])
    expect(paidTo(network, 'satoshi')).toEqual([true, true, true])
  })

  it('races on after losing a tie it published into, and overtakes again', () => {
    const network = paid(1)
    mine(network, 'node1')
    // node1 mines its second block while node2 mines a rival at the same height: node1 publishes
    // a branch one longer than the chain it has heard of, but node2's block is already on its way.
    network.requestMine('node1')
    network.requestMine('node2')
    stepUntilQuiet(network)
    expect(attackLog(network)).toEqual([
      'node1 withheld 1',
      'node1 withheld 2',
      'node1 published 1,2 (overtake)',
    ])
    // node2 keeps its own block (seen first): the public chain is level with the branch again.
    expect(paidTo(network, 'so')[1]).toBe(true)
    const race = () => network.node('node1').attacker?.exportState().race
    expect(race()?.outcome).toBe('racing')
    expect(race()?.publicHeight).toBe(2)
    // The race goes on from the tie: the attacker withholds again and publishes once longer.
    mine(network, 'node1')
    expect(attackLog(network)).toEqual(['node1 withheld 3', 'node1 published 3 (overtake)'])
    expect(paidTo(network, 'satoshi')).toEqual([true, true, true])
    expect(race()?.outcome).toBe('published')
  })

  it('counts the blocks honest nodes add to its published branch: not a tie to race again', () => {
    const network = paid(1)
    mine(network, 'node1')
    mine(network, 'node1')
    attackLog(network)
    mine(network, 'node3')
    expect(network.node('node1').attacker?.exportState().race).toMatchObject({
      outcome: 'published',
      privateHeight: 3,
    })
    expect(paidTo(network, 'satoshi')).toEqual([true, true, true])
  })

  it('gives up 20 blocks behind and mines honestly from then on', () => {
    const network = paid(1)
    mine(network, 'node1')
    for (let i = 0; i < 20; i++) mine(network, 'node2')
    expect(attackLog(network)).toEqual(['node1 withheld 1', 'node1 abandoned 1 (gave-up)'])
    mine(network, 'node1')
    expect(attackLog(network)).toEqual([])
    expect(network.node('node3').tree.tip.block.miner).toBe('node1')
    expect(paidTo(network, 'so')).toEqual([true, true, true])
  })
})

describe('an eclipse in the engine', () => {
  /** node4 is the victim: node1 holds its only link; node2 and node3 are the honest network. */
  const eclipsed = () =>
    createStartedNetwork({
      nodes: 4,
      attack: { kind: 'eclipse', attackers: ['node1'], merchant: 'node4', confirmations: 1 },
    })

  it('starts with every link of the victim’s but the attacker’s cut', () => {
    const links = eclipsed()
      .allLinks()
      .filter((l) => l.a === 'node4' || l.b === 'node4')
    expect(links.map((l) => `${l.a}-${l.b} ${l.up ? 'up' : 'cut'}`)).toEqual([
      'node1-node4 up',
      'node2-node4 cut',
      'node3-node4 cut',
    ])
  })

  it('feeds the victim a chain with the payment while the network confirms its twin', () => {
    const network = eclipsed()
    network.submitTransaction('node4', { sender: 'aki', recipient: 'so', value: 10 })
    stepUntilQuiet(network)
    network.submitTransaction('node2', { sender: 'aki', recipient: 'satoshi', value: 10 })
    stepUntilQuiet(network)
    mine(network, 'node1')
    mine(network, 'node2')
    expect(attackLog(network)).toEqual(['node1 withheld 1', 'node1 published 1 (feed-victim)'])
    // The attacker's own main chain is the branch it feeds (it saw its block first).
    expect(paidTo(network, 'so')).toEqual([true, false, false, true])
    expect(paidTo(network, 'satoshi')).toEqual([false, true, true, false])
    // The eclipse ends: the victim adopts the network's longer chain, and the payment is gone.
    network.healLink('node4', 'node2')
    network.healLink('node4', 'node3')
    mine(network, 'node3')
    expect(paidTo(network, 'satoshi')).toEqual([true, true, true, true])
    expect(paidTo(network, 'so')).toEqual([false, false, false, false])
  })

  it('starts its branch below a block of the network’s that confirmed the conflicting payment', () => {
    const network = eclipsed()
    network.submitTransaction('node4', { sender: 'aki', recipient: 'so', value: 10 })
    stepUntilQuiet(network)
    network.submitTransaction('node2', { sender: 'aki', recipient: 'satoshi', value: 10 })
    stepUntilQuiet(network)
    // The network mines first; the attacker hears of its block but does not build on it.
    mine(network, 'node2')
    mine(network, 'node1')
    expect(miners(network, 'node2')).toBe('node2')
    expect(miners(network, 'node4')).toBe('node1')
    expect(paidTo(network, 'so')).toEqual([false, false, false, true])
  })

  /** The victim paid on the branch, the network paid the twin, and one block on each side. */
  function fedAndConfirmed(): Network {
    const network = eclipsed()
    network.submitTransaction('node4', { sender: 'aki', recipient: 'so', value: 10 })
    stepUntilQuiet(network)
    network.submitTransaction('node2', { sender: 'aki', recipient: 'satoshi', value: 10 })
    stepUntilQuiet(network)
    mine(network, 'node1')
    mine(network, 'node2')
    attackLog(network)
    return network
  }

  it('stops feeding once the victim has the network’s longer chain, and mines honestly', () => {
    const network = fedAndConfirmed()
    mine(network, 'node3')
    network.healLink('node4', 'node2')
    network.healLink('node4', 'node3')
    stepUntilQuiet(network)
    // The victim relayed the network's chain (two blocks over the branch's one) to node1.
    const attacker = network.node('node1')
    expect(attacker.attacker?.exportState()).toMatchObject({ ended: true, privateTip: null })
    expect(
      viewAttacker(attacker.attacker!.attack, attacker.attacker!.exportState(), attacker.tree),
    ).toMatchObject({ phase: 'ended', lead: 0, privateHeight: null })
    // Its next block extends the network's chain and goes to every peer: nothing withheld or fed.
    mine(network, 'node1')
    expect(attackLog(network)).toEqual([])
    for (const id of network.nodeIds) expect(miners(network, id)).toBe('node2,node3,node1')
    expect(paidTo(network, 'satoshi')).toEqual([true, true, true, true])
  })

  it('feeds on through a tie when the eclipse ends: the next block decides', () => {
    const network = fedAndConfirmed()
    network.healLink('node4', 'node2')
    network.healLink('node4', 'node3')
    stepUntilQuiet(network)
    // One block each side: the victim keeps the branch it saw first, and the attacker feeds on.
    expect(network.node('node1').attacker?.exportState().ended).toBeUndefined()
    mine(network, 'node1')
    expect(attackLog(network)).toEqual(['node1 withheld 2', 'node1 published 2 (feed-victim)'])
    // The victim relays the longer branch: the network reorganises onto the victim's payment.
    expect(paidTo(network, 'so')).toEqual([true, true, true, true])
  })

  it('builds on the blocks the victim mines: the eclipsed branch is one chain', () => {
    const network = eclipsed()
    network.submitTransaction('node4', { sender: 'aki', recipient: 'so', value: 10 })
    stepUntilQuiet(network)
    mine(network, 'node1')
    mine(network, 'node4')
    mine(network, 'node1')
    // Not a rival of the victim's block at height 2, but the block after it.
    expect(miners(network, 'node4')).toBe('node1,node4,node1')
    expect(miners(network, 'node1')).toBe('node1,node4,node1')
    // The network heard of none of it.
    expect(miners(network, 'node2')).toBe('')
  })
})
