// A worker thread holding one shard of a network: parentPort message → core → postMessage.
import { parentPort } from 'node:worker_threads'
import { executeCommand } from '../../core/commands'
import { isEngineError } from '../../core/errors'
import { Network } from '../../core/network/network'
import { allRows } from '../../core/event-log'
import { answerQuery } from './answer-query'
import { shipBriefs } from './shipped-briefs'
import { serveCalls } from '../workers/worker-protocol'
import type { EventBatch, ShardCalls, ShardReply } from './shard-protocol'
import type { Message } from '../../core/network/message'

if (!parentPort) throw new Error('shard-worker must run in a worker thread')
let network: Network | null = null

/** The shard's network, with the messages from other shards delivered. */
function ready(inbound: readonly Message[]): Network {
  if (!network) throw new Error('shard used before init')
  for (const message of inbound) network.deliverFromShard(message)
  return network
}

function reply(net: Network, result: unknown, batches: EventBatch[], report: boolean): ShardReply {
  return {
    briefs: report ? shipBriefs(net) : null,
    result,
    batches,
    outbound: net.drainOutbox(),
    earliestSend: net.earliestSend(),
    clock: net.clock,
    minClock: net.minClock,
    started: net.isStarted,
  }
}

serveCalls<ShardCalls>(
  parentPort,
  {
    init: ({ config, owned, state, events }) => {
      network = state ? Network.fromState(config, state, { owned }) : new Network(config, owned)
      if (events) network.observe(events)
      return reply(network, null, [], true)
    },
    command: ({ command, inbound }) => {
      const net = ready(inbound)
      const result = executeCommand(net, command)
      return reply(net, result, [{ tick: null, ...allRows(net.drainLog().ship()) }], true)
    },
    run: ({ from, to, report, inbound }) => {
      const net = ready(inbound)
      // Each clock's events are rows of the one log the step ships, as a batch of their own.
      const pieces: { tick: number; from: number; to: number }[] = []
      let logged = 0
      // Clocks at which no node of the shard has anything due are passed without a tick.
      for (let t = net.skipIdle(from - 1, to) + 1; t <= to; t++) {
        net.tick(t)
        if (net.logged > logged) pieces.push({ tick: t, from: logged, to: net.logged })
        logged = net.logged
        t = net.skipIdle(t, to)
      }
      if (pieces.length === 0) return reply(net, null, [], report)
      const log = net.drainLog().ship()
      const batches: EventBatch[] = pieces.map((piece) => ({ ...piece, log }))
      return reply(net, null, batches, report)
    },
    query: ({ query, inbound }) => {
      const net = ready(inbound)
      return reply(net, answerQuery(net, query), [], false)
    },
  },
  (error) => {
    // An engine refusal is an answer that changed nothing; anything else means the shard may be
    // inconsistent, so it refuses all further work rather than give silent wrong answers.
    network?.drainLog()
    network?.drainOutbox()
    if (!isEngineError(error)) network = null
  },
)
