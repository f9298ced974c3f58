import { spawn, type ChildProcess } from 'node:child_process'
import { Agent, request } from 'node:http'
import { freePort } from '../support/free-port'
import { freeLabPorts, labReady, spawnLab } from '../support/lab-process'
import { heading, percentile, row } from './report'

const DURATION_MS = 5_000
const CONCURRENCY = 10

/** A bare node:http server answering what `GET status` answers, as the ceiling to compare with. */
const BARE_SERVER = `
const http = require('node:http')
const body = JSON.stringify({ clock: 0, status: 'idle' })
http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) })
  res.end(body)
}).listen(Number(process.argv[1]), '127.0.0.1', () => console.log('ready'))
`

function startChild(args: string[], ready: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      if (out.includes(ready)) resolve(child)
    })
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)))
  })
}

function get(agent: Agent, port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', reject)
    req.end()
  })
}

/** Keep-alive load from this process: requests/s, p50 and p99 latency, errors. */
async function load(port: number, path: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })
  for (let i = 0; i < 200; i++) await get(agent, port, path)
  const latencies: number[] = []
  let errors = 0
  const deadline = performance.now() + DURATION_MS
  const started = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now()
        const status = await get(agent, port, path)
        latencies.push(performance.now() - t0)
        if (status !== 200) errors++
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  agent.destroy()
  latencies.sort((a, b) => a - b)
  return {
    rate: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors,
  }
}

export async function benchHttp(): Promise<void> {
  heading(`HTTP: GET status, keep-alive, ${CONCURRENCY} concurrent, ${DURATION_MS / 1000} s each`)
  const barePort = await freePort()
  const bare = await startChild(['-e', BARE_SERVER, String(barePort)], 'ready')
  const results: [string, Awaited<ReturnType<typeof load>>][] = []
  try {
    results.push(['bare node:http, same JSON', await load(barePort, '/status')])
  } finally {
    bare.kill()
  }
  for (const workers of [0, 2]) {
    const { nodePort, args } = await freeLabPorts()
    const spawned = spawnLab([...args, '--workers', String(workers), '--db', ':memory:'])
    // The renderer may need a build on a first run: allow for it.
    await labReady(spawned, 120_000)
    const lab = spawned.child
    try {
      await fetch(`http://127.0.0.1:${nodePort}/start`)
      const where = workers === 0 ? 'nodes in the main thread' : `nodes in ${workers} workers`
      results.push([`node server, ${where}`, await load(nodePort, '/status')])
    } finally {
      lab.kill('SIGTERM')
    }
  }
  const base = results[0]![1].rate
  for (const [name, r] of results) {
    row(
      name,
      r.rate,
      'req/s',
      `p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, ${r.errors} errors`,
    )
    row(`  ratio to bare node:http`, r.rate / base, '×')
  }
}
