import { createHash } from 'node:crypto'
import type { Command } from '../../src/core/commands'
import type { NetworkConfigInput } from '../../src/core/config'
import { randomWorkload } from './workloads'

/**
 * Configurations whose whole event streams are pinned by hash (test/core/golden-streams.test.ts,
 * test/main/host/golden-streams.test.ts): any change to what the engine does, or to the order or
 * shape of what it reports, changes a hash. They cover the spec's timeline, forks under a
 * partition and their heals, automatic mining with a workload on random and scale-free graphs,
 * per-node stepping, and the run-time link and restart commands.
 */
export interface GoldenCase {
  readonly name: string
  readonly config: NetworkConfigInput
  readonly commands: readonly Command[]
}

const steps = (n: number, clocks: number): Command[] =>
  Array.from({ length: n }, () => ({ type: 'step', clocks }) as const)

export const GOLDEN_CASES: readonly GoldenCase[] = [
  {
    name: 'the spec timeline: a transfer relayed, then a block',
    config: { nodes: 3, difficulty: 4 },
    commands: [
      { type: 'start' },
      { type: 'submit-tx', node: 'node1', tx: { sender: 'aki', recipient: 'so', value: 1 } },
      ...steps(4, 1),
      { type: 'mine', node: 'node1' },
      ...steps(6, 1),
    ],
  },
  {
    name: 'forks under a partition, healed twice',
    // A ring of six cut into node1-3 and node4-6: both sides mine, then the cuts heal.
    config: { nodes: 6, topology: { kind: 'ring' }, latency: 1, difficulty: 5 },
    commands: [
      { type: 'start' },
      { type: 'cut-link', a: 'node3', b: 'node4' },
      { type: 'cut-link', a: 'node6', b: 'node1' },
      { type: 'submit-tx', node: 'node2', tx: { sender: 'aki', recipient: 'so', value: 3 } },
      { type: 'submit-tx', node: 'node5', tx: { sender: 'aki', recipient: 'satoshi', value: 9 } },
      { type: 'mine', node: 'node1' },
      { type: 'mine', node: 'node5' },
      { type: 'step', clocks: 9 },
      { type: 'mine', node: 'node4' },
      { type: 'mine', node: 'node6' },
      { type: 'step', clocks: 12 },
      { type: 'heal-link', a: 'node4', b: 'node3' },
      { type: 'step', clocks: 3 },
      { type: 'heal-link', a: 'node6', b: 'node1' },
      { type: 'step', clocks: 25 },
      { type: 'cut-link', a: 'node1', b: 'node2' },
      { type: 'mine', node: 'node1' },
      { type: 'mine', node: 'node2' },
      { type: 'step', clocks: 10 },
      { type: 'heal-link', a: 'node1', b: 'node2' },
      { type: 'step', clocks: 30 },
    ],
  },
  {
    name: 'automatic mining and a workload on a random graph',
    config: {
      nodes: 40,
      topology: { kind: 'random', degree: 4 },
      latency: 1,
      latencySpread: 2,
      difficulty: 6,
      seed: 7,
      autoMine: { interval: 15, hashPower: null },
      workload: { rate: 0.08, minValue: 1, maxValue: 3 },
    },
    commands: [{ type: 'start' }, ...steps(6, 50)],
  },
  {
    name: 'automatic mining and a workload on a scale-free graph, retuned and partitioned',
    config: {
      nodes: 30,
      topology: { kind: 'scale-free', degree: 2 },
      latency: 0,
      difficulty: 6,
      seed: 3,
      autoMine: { interval: 10, hashPower: null },
      workload: { rate: 0.1, minValue: 1, maxValue: 2 },
    },
    commands: [
      { type: 'start' },
      ...steps(3, 40),
      { type: 'cut-link', a: 'node1', b: 'node2' },
      { type: 'cut-link', a: 'node1', b: 'node3' },
      { type: 'set-auto-mine', interval: 5 },
      ...steps(2, 30),
      { type: 'heal-link', a: 'node1', b: 'node2' },
      { type: 'set-workload', rate: 2 },
      ...steps(2, 25),
      { type: 'set-auto-mine', interval: null },
      { type: 'set-workload', rate: null },
      { type: 'heal-link', a: 'node1', b: 'node3' },
      { type: 'step', clocks: 60 },
    ],
  },
  {
    name: 'automatic mining alone, as the scale experiments run it (long idle stretches)',
    config: {
      nodes: 100,
      topology: { kind: 'random', degree: 8 },
      latency: 0,
      difficulty: 4,
      seed: 5,
      autoMine: { interval: 40, hashPower: null },
    },
    commands: [{ type: 'start' }, { type: 'step', clocks: 150 }, { type: 'step', clocks: 350 }],
  },
  {
    name: 'nodes stepped one by one, at different clocks',
    config: { nodes: 4, topology: { kind: 'line' }, latency: 1, difficulty: 5 },
    commands: [
      { type: 'start' },
      { type: 'submit-tx', node: 'node1', tx: { sender: 'aki', recipient: 'so', value: 2 } },
      { type: 'step-node', node: 'node1', clock: 3 },
      { type: 'step-node', node: 'node2', clock: 6 },
      { type: 'mine', node: 'node3' },
      { type: 'step-node', node: 'node3', clock: 9 },
      { type: 'step-node', node: 'node4', clock: 2 },
      { type: 'step', clocks: 2 },
      { type: 'step-node', node: 'node4', clock: 14 },
      { type: 'mine', node: 'node1' },
      { type: 'step-node', node: 'node1', clock: 20 },
      { type: 'step-node', node: 'node2', clock: 1 },
      { type: 'step', clocks: 10 },
    ],
  },
  {
    name: 'restart, remove-link, add-link, clear-peers and reset among random commands',
    config: { nodes: 8, topology: { kind: 'ring' }, latency: 2, difficulty: 5, seed: 11 },
    commands: [
      ...randomWorkload(31, nodeNames(8), 80),
      { type: 'restart', node: 'node4' },
      { type: 'remove-link', a: 'node2', b: 'node3' },
      { type: 'add-link', a: 'node2', b: 'node6' },
      { type: 'mine', node: 'node6' },
      { type: 'step', clocks: 12 },
      { type: 'clear-peers', node: 'node8' },
      { type: 'add-link', a: 'node8', b: 'node1' },
      { type: 'reset', node: 'node5' },
      ...randomWorkload(32, nodeNames(8), 60).slice(1),
    ],
  },
]

function nodeNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `node${i + 1}`)
}

/** SHA-256 of a value's JSON, in hex: a short, exact fingerprint of a whole stream. */
export function fingerprint(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex')
}
