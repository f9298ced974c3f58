import type { NetworkInfo, NodeSnapshot, NodeSummary } from '../../src/shared/api-types'

// The shapes the lab answers, built for the renderer's tests: each test names only what it is
// about and takes the rest from here.

/** A tip hash of the right length. */
export const TIP = 'ab'.repeat(32)

/** A node as the network overview lists it: started, idle at clock 8, height 1. */
export function createNodeSummary(id: string, fields: Partial<NodeSummary> = {}): NodeSummary {
  return {
    id,
    port: null,
    started: true,
    clock: 8,
    status: 'idle',
    height: 1,
    tip: TIP,
    pool: 0,
    ...fields,
  }
}

/** A node as its API answers: started and idle at genesis, with nothing waiting. */
export function createNodeSnapshot(id: string, fields: Partial<NodeSnapshot> = {}): NodeSnapshot {
  return {
    id,
    started: true,
    clock: 0,
    status: 'idle',
    height: 0,
    tip: TIP,
    pool: [],
    peers: [],
    balances: {},
    queued: 0,
    orphans: 0,
    ...fields,
  }
}

/** The live network as `GET /api/network` answers: a started mesh, in-process, no nodes unless given. */
export function createNetworkInfo(fields: Partial<NetworkInfo> = {}): NetworkInfo {
  return {
    clock: 0,
    started: true,
    dialect: 'readme',
    topology: 'mesh',
    seed: 1,
    difficulty: 8,
    latency: 0,
    autoMine: null,
    workload: null,
    genesis: [{ recipient: 'aki', value: 10 }],
    accounts: ['aki'],
    nodes: [],
    links: [],
    attack: null,
    hosting: { mode: 'in-process', workers: 0 },
    ...fields,
  }
}
