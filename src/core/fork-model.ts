import { ACTIVITY_CLOCKS } from './node-status'

/**
 * The clocks a node stays unaware of a block mined by another, in a full mesh: the miner starts
 * at clock s and holds the block at the end of s + 2 (mining takes 3 clocks); it broadcasts at
 * s + 3, and a peer has the block from s + 3 + latency. A peer that starts mining in any of the
 * clocks s .. s + 2 + latency builds on the old tip: a rival. Each further hop of a sparser
 * topology adds one clock (receive and relay overlap) plus its latency.
 */
export function unawareClocks(latency: number, hops = 1): number {
  return ACTIVITY_CLOCKS.mine + hops * (latency + 1) - 1
}

/**
 * The chance that a block gets a rival: p = 1 − (1 − q)^((n − 1)k), with n nodes that each start
 * mining with chance q per clock and stay unaware of the block for k clocks. Its continuous limit
 * is Decker and Wattenhofer's 1 − e^(−(1 − α)d/T). Automatic miners only start on idle clocks, so
 * q is their chance times the share of clocks a node is idle.
 */
export function predictedForkRate(options: {
  nodes: number
  /** Target clocks between blocks, network-wide. */
  interval: number
  latency: number
  hops?: number
  /** Share of node-clocks spent busy (measured); 0 gives the plain formula. */
  busyShare?: number
}): number {
  const q = (1 / (options.nodes * options.interval)) * (1 - (options.busyShare ?? 0))
  const k = unawareClocks(options.latency, options.hops)
  return 1 - (1 - q) ** ((options.nodes - 1) * k)
}
