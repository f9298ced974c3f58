import { readFileSync } from 'node:fs'
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

/**
 * The ports the system hands out to outgoing connections and to port-0 servers (Linux's
 * ip_local_port_range; elsewhere the IANA range). A port there that is free now may be taken a
 * moment later by any connection on the machine.
 */
function ephemeralRange(): [number, number] {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number)
    if (low && high) return [low, high]
  } catch {
    // Not Linux: fall through.
  }
  return [49_152, 65_535]
}

/**
 * The first of `count` consecutive ports that were all free a moment ago on 127.0.0.1, below the
 * ephemeral range: a lab binds its node ports one by one as its network grows (up to 256 for a
 * big network), long after they were found free, and in the ephemeral range any connection on
 * the machine (other tests, a browser, other labs) may have taken one meanwhile ("port … is in
 * use").
 */
export async function freePortRange(count: number): Promise<number> {
  const [ephemeralLow] = ephemeralRange()
  const low = 10_000
  const high = ephemeralLow > low + count ? ephemeralLow - count : 65_535 - count
  for (let attempt = 0; attempt < 50; attempt++) {
    const first = low + Math.floor(Math.random() * (high - low))
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
