import type { TransferRequest } from './chain/transaction'
import type { Network, SubmitResult } from './network/network'

/**
 * Everything a controller can ask of a network, as data. A run is its config plus the commands it
 * received, in order: replaying them into a fresh network reproduces every event.
 */
export type Command =
  | { readonly type: 'start'; readonly node?: string }
  | { readonly type: 'reset'; readonly node?: string }
  | { readonly type: 'mine'; readonly node: string }
  | { readonly type: 'submit-tx'; readonly node: string; readonly tx: TransferRequest }
  | { readonly type: 'step-node'; readonly node: string; readonly clock: number }
  | { readonly type: 'step'; readonly clocks: number }
  | { readonly type: 'cut-link'; readonly a: string; readonly b: string }
  | { readonly type: 'heal-link'; readonly a: string; readonly b: string }
  | { readonly type: 'add-link'; readonly a: string; readonly b: string }
  | { readonly type: 'clear-peers'; readonly node: string }

export type CommandType = Command['type']

/** What a command answers; only a transfer has something to say. */
export type CommandResult = SubmitResult | null

/** Applies one command; throws an EngineError when the command is not allowed now. */
export function executeCommand(network: Network, command: Command): CommandResult {
  switch (command.type) {
    case 'start':
      network.start(command.node)
      return null
    case 'reset':
      network.reset(command.node)
      return null
    case 'mine':
      network.requestMine(command.node)
      return null
    case 'submit-tx':
      return network.submitTransaction(command.node, command.tx)
    case 'step-node':
      network.stepNode(command.node, command.clock)
      return null
    case 'step':
      network.step(command.clocks)
      return null
    case 'cut-link':
      network.cutLink(command.a, command.b)
      return null
    case 'heal-link':
      network.healLink(command.a, command.b)
      return null
    case 'add-link':
      network.addLink(command.a, command.b)
      return null
    case 'clear-peers':
      network.clearPeers(command.node)
      return null
  }
}
