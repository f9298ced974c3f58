// A worker thread holding one shard of a network: parentPort message → core → postMessage.
import { parentPort } from 'node:worker_threads'
import { executeCommand } from '../../core/commands'
import { isEngineError } from '../../core/errors'
import { Network } from '../../core/network/network'
import { answerQuery } from '../host/answer-query'
import type {
  EventBatch,
  ShardReply,
  ShardRequest,
  WrappedShardRequest,
  WrappedShardResponse,
} from './shard-protocol'

if (!parentPort) throw new Error('shard-worker must run in a worker thread')
const port = parentPort
let network: Network | null = null

function handle(request: ShardRequest): ShardReply {
  if (request.type === 'init') {
    network = request.state
      ? Network.fromState(request.config, request.state, request.owned)
      : new Network(request.config, request.owned)
    return reply(network, null, [], true)
  }
  if (!network) throw new Error('shard used before init')
  for (const message of request.inbound) network.deliverFromShard(message)
  switch (request.type) {
    case 'command': {
      const result = executeCommand(network, request.command)
      return reply(network, result, [{ tick: null, events: network.drainEvents() }], true)
    }
    case 'run': {
      const batches: EventBatch[] = []
      // Clocks at which no node of the shard has anything due are passed without a tick.
      for (let t = network.skipIdle(request.from - 1, request.to) + 1; t <= request.to; t++) {
        network.tick(t)
        const events = network.drainEvents()
        if (events.length > 0) batches.push({ tick: t, events })
        t = network.skipIdle(t, request.to)
      }
      return reply(network, null, batches, request.report)
    }
    case 'query':
      return reply(network, answerQuery(network, request.query), [], false)
  }
}

function reply(net: Network, result: unknown, batches: EventBatch[], report: boolean): ShardReply {
  return {
    briefs: report ? answerQuery(net, { type: 'briefs' }) : null,
    result,
    batches,
    outbound: net.drainOutbox(),
    earliestSend: net.earliestSend(),
    clock: net.clock,
    minClock: net.minClock,
    started: net.isStarted,
  }
}

port.on('message', ({ seq, request }: WrappedShardRequest) => {
  let response: WrappedShardResponse
  try {
    response = { seq, ok: true, reply: handle(request) }
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error))
    response = {
      seq,
      ok: false,
      error: {
        name: e.name,
        message: e.message,
        ...(isEngineError(e) ? { code: e.code } : {}),
        ...(e.stack ? { stack: e.stack } : {}),
      },
    }
    // An engine refusal is an answer that changed nothing; anything else means the shard may be
    // inconsistent, so it refuses all further work rather than give silent wrong answers.
    network?.drainEvents()
    network?.drainOutbox()
    if (!isEngineError(e)) network = null
  }
  port.postMessage(response)
})
