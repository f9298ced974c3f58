import { LabError } from '../../shared/errors'
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'

/** A server could not bind: the message names the port, for a one-line CLI error. */
export class ListenError extends LabError {
  override readonly name = 'ListenError'
  constructor(
    readonly port: number,
    reason: string,
  ) {
    super('port-unavailable', `port ${port} ${reason}`)
  }
}

/** Binds to 127.0.0.1 only (port 0: any free port) and resolves with the bound port. */
export function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    if (!Number.isInteger(port) || port < 0 || port > 65_535)
      return reject(new ListenError(port, 'is not a port number (0 to 65535)'))
    const onError = (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === 'EADDRINUSE'
          ? 'is in use'
          : error.code === 'EACCES'
            ? 'needs privileges'
            : `cannot be bound (${error.code ?? error.message})`
      reject(new ListenError(port, reason))
    }
    server.once('error', onError)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

/** Closes a server, ending idle and streaming connections so shutdown is prompt. */
export function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve()
    server.close(() => resolve())
    server.closeAllConnections()
  })
}
