import type { Command, CommandResult } from './command-types'
import type { Network } from './network/network'

export type { Command, CommandResult, CommandType, SubmitResult } from './command-types'

/** Applies one command; throws an EngineError when the command is not allowed now. */
export function executeCommand(network: Network, command: Command): CommandResult {
  switch (command.type) {
    case 'start':
      network.start(command.node)
      return null
    case 'reset':
      network.reset(command.node)
      return null
    case 'restart':
      network.restart(command.node)
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
    case 'remove-link':
      network.removeLink(command.a, command.b)
      return null
    case 'clear-peers':
      network.clearPeers(command.node)
      return null
    case 'set-auto-mine':
      network.setAutoMine(command.interval)
      return null
    case 'set-workload':
      network.setWorkload(command.rate)
      return null
  }
}
