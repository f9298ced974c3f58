import { createServer, type Server } from 'node:net'

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

function bind(port: number): Promise<Server | null> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(null))
    server.listen(port, '127.0.0.1', () => resolve(server))
  })
}

/** The first of `count` consecutive ports that were all free a moment ago on 127.0.0.1. */
export async function freePortRange(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const first = await freePort()
    if (first + count > 65_535) continue
    const held: Server[] = []
    for (let i = 0; i < count; i++) {
      const server = await bind(first + i)
      if (!server) break
      held.push(server)
    }
    await Promise.all(held.map((s) => new Promise((resolve) => s.close(resolve))))
    if (held.length === count) return first
  }
  throw new Error(`no ${count} consecutive free ports found`)
}
