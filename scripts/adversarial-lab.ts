// Fires issue 14's cases at a running lab and prints, by category, the cases tried and held, and
// the figures measured on the way (answer times while a verify or an export runs). A script that
// prints, not a test: run it against a lab started with --db (its runs are verified, exported
// and re-imported).
//
//   npm run lab -- --db /tmp/x.sqlite --lab-port 56080 --first-port 56082 --difficulty 4
//   npx tsx scripts/adversarial-lab.ts http://127.0.0.1:56080
import { createHash } from 'node:crypto'
import { connect } from 'node:net'

const LAB = process.argv[2] ?? 'http://127.0.0.1:50080'
const results: { category: string; name: string; held: boolean; note: string }[] = []

function record(category: string, name: string, held: boolean, note = ''): void {
  results.push({ category, name, held, note })
  console.log(`${held ? 'held  ' : 'FAILED'} ${category}: ${name}${note ? ` (${note})` : ''}`)
}

async function call(path: string, init: { method?: string; body?: unknown } = {}) {
  const started = performance.now()
  const body = init.body === undefined ? undefined : JSON.stringify(init.body)
  const response = await fetch(`${LAB}${path}`, {
    method: init.method ?? (body === undefined ? 'GET' : 'POST'),
    ...(body !== undefined ? { body, headers: { 'Content-Type': 'application/json' } } : {}),
  })
  const text = await response.text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: response.status, json, text, ms: performance.now() - started }
}

function raw(
  request: string,
  port = Number(new URL(LAB).port),
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(request))
    let text = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => (text += chunk))
    socket.on('error', reject)
    socket.on('close', () => {
      const [head = '', body = ''] = text.split('\r\n\r\n')
      resolve({ status: Number(head.split(' ')[1]), body })
    })
  })
}

const isJson = (text: string) => {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}
const message = (json: unknown) =>
  (json as { error?: { message?: string } } | undefined)?.error?.message ?? ''
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ??
  NaN

/** GET /api/network and a 1-clock step, one after the other, until `done` settles: their times. */
async function probeWhile(done: Promise<unknown>): Promise<number[]> {
  let finished = false
  void done.finally(() => (finished = true))
  const times: number[] = []
  while (!finished) {
    times.push((await call('/api/network')).ms)
    times.push((await call('/api/network/step', { body: { clocks: 1 } })).ms)
  }
  return times
}

async function limits(): Promise<void> {
  const cases: [string, string, unknown][] = [
    ['nodes 10,001', '/api/network', { nodes: 10_001 }],
    ['difficulty 19', '/api/network', { difficulty: 19 }],
    ['difficulty 32', '/api/network', { difficulty: 32 }],
    ['txRate 1e308 at creation', '/api/network', { txRate: 1e308 }],
    ['workload rate 1e308', '/api/network/workload', { rate: 1e308 }],
    ['latency 1,001', '/api/network', { latency: 1_001 }],
    ['step 100,001 clocks', '/api/network/step', { clocks: 100_001 }],
  ]
  for (const [name, path, body] of cases) {
    const answer = await call(path, { body })
    const held = answer.status === 400 && /x-limits\./.test(message(answer.json)) && answer.ms < 100
    record(
      'limits',
      name,
      held,
      `${answer.status} in ${answer.ms.toFixed(1)} ms: ${message(answer.json)}`,
    )
  }
  const ten = (from: number) => Array.from({ length: 10 }, (_, i) => from + i)
  const vary = { nodes: ten(2), latency: ten(0), latencySpread: ten(0), interval: ten(10) }
  const big = await call('/api/sweeps', {
    body: {
      sweep: {
        vary: { ...vary, txRate: ten(0), accounts: ten(2), clocks: ten(100), difficulty: ten(0) },
        seeds: [1],
      },
    },
  })
  record(
    'limits',
    'sweep of 10^8 runs',
    big.status === 400 && big.ms < 100,
    `${big.status} in ${big.ms.toFixed(1)} ms`,
  )
  const long = await call('/api/sweeps', {
    body: { sweep: { base: { clocks: 1e12 }, vary: {}, seeds: [1] } },
  })
  record(
    'limits',
    'sweep run of 10^12 clocks',
    long.status === 400 && long.ms < 100,
    `${long.status} in ${long.ms.toFixed(1)} ms`,
  )
}

async function numbers(): Promise<void> {
  for (const path of [
    '/api/runs/0x1',
    '/api/runs/1e3',
    '/api/runs/1/state?clock=0x10',
    '/api/runs/1/state?clock=',
    '/api/runs/1/series?from=10&to=2',
    '/api/runs/1/events?from=10&to=2',
  ]) {
    const answer = await call(path)
    record(
      'ids and clocks',
      path,
      answer.status === 400 && isJson(answer.text),
      `${answer.status}: ${message(answer.json)}`,
    )
  }
  const sweep = await call('/api/sweeps/0x1/cancel', { method: 'POST' })
  record(
    'ids and clocks',
    'POST /api/sweeps/0x1/cancel',
    sweep.status === 400,
    String(sweep.status),
  )
}

async function errorBodies(nodePort: number): Promise<void> {
  const labPort = Number(new URL(LAB).port)
  for (const [where, port] of [
    ['lab', labPort],
    ['node', nodePort],
  ] as const) {
    const brew = await raw('BREW /api/network HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', port)
    record(
      'error bodies',
      `BREW on the ${where} API`,
      brew.status === 405 && isJson(brew.body),
      `${brew.status} ${brew.body}`,
    )
    const big = await raw(
      `GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      port,
    )
    record(
      'error bodies',
      `20 KB header on the ${where} API`,
      big.status === 431 && isJson(big.body),
      `${big.status} ${big.body}`,
    )
  }
  const bad = await raw('GET / HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n')
  record(
    'error bodies',
    'a header line without a colon',
    bad.status === 400 && isJson(bad.body),
    `${bad.status}`,
  )
  const missing = await call('/api/nope')
  record(
    'error bodies',
    'an unknown route',
    missing.status === 404 && isJson(missing.text),
    String(missing.status),
  )
}

async function concurrentSteps(): Promise<void> {
  await call('/api/network/start', { method: 'POST' })
  const before = ((await call('/api/network')).json as { clock: number }).clock
  const answers = await Promise.all(
    Array.from({ length: 10 }, () => call('/api/network/step', { body: { clocks: 1 } })),
  )
  const clocks = answers.map((a) => (a.json as { clock: number }).clock).sort((a, b) => a - b)
  const held = clocks.every((clock, i) => clock === before + i + 1)
  record(
    'concurrency',
    '10 concurrent 1-clock steps each answer their own clock',
    held,
    clocks.join(','),
  )
}

/** A long run (one big step) to verify and export; its id. */
async function longRun(): Promise<number> {
  await call('/api/network', { body: { nodes: 3, difficulty: 4, interval: null, txRate: null } })
  await call('/api/network/start', { method: 'POST' })
  await call('/api/network/auto-mine', { body: { interval: 10 } })
  await call('/api/network/step', { body: { clocks: 50_000 } })
  const runs = (await call('/api/runs')).json as { id: number; status: string }[]
  const live = runs.find((r) => r.status === 'live')!.id
  await call('/api/network', { body: { interval: null } })
  await call('/api/network/start', { method: 'POST' })
  return live
}

async function longWork(runId: number): Promise<void> {
  const verify = call(`/api/runs/${runId}/verify`, { method: 'POST' })
  const times = await probeWhile(verify)
  const p99 = percentile(times, 0.99)
  console.log(
    `  during a verify: ${times.length} answers, p50 ${percentile(times, 0.5).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms; verify ${(await verify).ms.toFixed(0)} ms`,
  )
  record(
    'long work',
    'network and 1-clock steps answer within 50 ms p99 during a verify',
    p99 < 50,
    `p99 ${p99.toFixed(1)} ms`,
  )
  record(
    'long work',
    'the verify finds the run identical',
    (await verify).json !== undefined && (await verify).text.includes('"identical":true'),
  )

  const exported = call(`/api/runs/${runId}/export?format=run`)
  const exportTimes = await probeWhile(exported)
  const exportP99 = percentile(exportTimes, 0.99)
  console.log(
    `  during an export: ${exportTimes.length} answers, p99 ${exportP99.toFixed(1)} ms; export ${(await exported).ms.toFixed(0)} ms, ${((await exported).text.length / 1e6).toFixed(1)} MB`,
  )
  record(
    'long work',
    'network and 1-clock steps answer within 50 ms p99 during an export',
    exportP99 < 50,
    `p99 ${exportP99.toFixed(1)} ms`,
  )

  const again = call(`/api/runs/${runId}/verify`, { method: 'POST' })
  await new Promise((resolve) => setTimeout(resolve, 300))
  const cancel = await call(`/api/runs/${runId}/verify/cancel`, { method: 'POST' })
  const cancelledAt = performance.now()
  const answer = await again
  const after = performance.now() - cancelledAt
  record(
    'long work',
    'a verify cancel answers cancelled: true within 100 ms',
    cancel.ms < 100 && (cancel.json as { cancelled: boolean }).cancelled,
    `${cancel.ms.toFixed(1)} ms`,
  )
  record(
    'long work',
    'the cancelled verify answers 409 within 100 ms of the cancel',
    answer.status === 409 && after < 100,
    `${answer.status} ${after.toFixed(1)} ms after`,
  )

  // The run file back in, with its header's status changed and its checksum made to match.
  const file = (await exported).text.trimEnd().split('\n')
  for (const status of ['importing', 'bogus']) {
    const header = JSON.parse(file[0]!) as { run: Record<string, unknown> }
    header.run['status'] = status
    const lines = [JSON.stringify(header), ...file.slice(1, -1)]
    const hash = createHash('sha256')
    for (const line of lines) hash.update(`${line}\n`)
    const end = { ...(JSON.parse(file.at(-1)!) as object), sha256: hash.digest('hex') }
    const body = `${[...lines, JSON.stringify(end)].join('\n')}\n`
    const name = `a header whose status is "${status}"`
    try {
      const response = await fetch(`${LAB}/api/runs/import`, { method: 'POST', body })
      const text = await response.text()
      record(
        'run files',
        name,
        response.status === 400 && text.includes('run.status'),
        `${response.status}`,
      )
    } catch (error) {
      record('run files', name, false, `${String(error)}: ${String((error as Error).cause)}`)
    }
  }
}

async function sweeps(): Promise<void> {
  const answer = call('/api/sweeps', {
    body: {
      sweep: {
        base: { nodes: 20, topology: 'ring', clocks: 1_000_000, interval: 10, difficulty: 1 },
        vary: { latency: [0, 1] },
        seeds: [1, 2],
      },
    },
  })
  await new Promise((resolve) => setTimeout(resolve, 1_000))
  // The id as the UI learns it: the sweeps started so far are numbered from 1.
  let cancelled = false
  let id = 1
  for (; id <= 50 && !cancelled; id++)
    cancelled = (
      (await call(`/api/sweeps/${id}/cancel`, { method: 'POST' })).json as { cancelled: boolean }
    ).cancelled
  const at = performance.now()
  const result = await answer
  record(
    'sweeps',
    'POST /api/sweeps/:id/cancel stops the sweep, its runs within a second',
    cancelled && result.status === 409 && performance.now() - at < 1_000,
    `id ${id - 1}, answered ${(performance.now() - at).toFixed(0)} ms after`,
  )
}

async function uiStream(): Promise<void> {
  await call('/api/network', { body: { nodes: 3, difficulty: 4, interval: 2, txRate: 2 } })
  await call('/api/network/start', { method: 'POST' })
  const response = await fetch(`${LAB}/api/events?format=batch`)
  const reader = response.body!.getReader()
  const decoder = new TextDecoder()
  let text = ''
  let engineBytes = 0
  let overflowed = false
  let seqs = 0
  let last = -1
  let gaps = 0
  const reading = (async () => {
    for (;;) {
      const { value, done } = await reader.read()
      if (done) return
      text += decoder.decode(value, { stream: true })
      let end: number
      while ((end = text.indexOf('\n\n')) >= 0) {
        const chunk = text.slice(0, end)
        text = text.slice(end + 2)
        const match = /^event: (.*)\ndata: (.*)$/s.exec(chunk)
        if (!match) continue
        if (match[1] === 'overflow') return void (overflowed = true)
        if (match[1] === 'engine') {
          engineBytes += match[2]!.length
          for (const e of JSON.parse(match[2]!) as { seq: number }[]) {
            if (last >= 0 && e.seq !== last + 1) gaps++
            last = e.seq
            seqs++
          }
        }
        if (match[1] === 'network' && (JSON.parse(match[2]!) as { clock: number }).clock >= 15_000)
          return
      }
    }
  })()
  await call('/api/network/step', { body: { clocks: 15_000 } })
  await Promise.race([reading, new Promise((resolve) => setTimeout(resolve, 60_000))])
  await reader.cancel().catch(() => undefined)
  record(
    'event stream',
    'the UI stream takes one step of over 8 MiB whole',
    !overflowed && gaps === 0 && engineBytes > 8 * 1024 * 1024,
    `${(engineBytes / 1024 / 1024).toFixed(1)} MiB, ${seqs} events, ${gaps} gaps, overflow ${overflowed}`,
  )
}

async function main(): Promise<void> {
  const info = (await call('/api/network')).json as { nodes: { port: number | null }[] }
  const nodePort = info.nodes[0]?.port ?? 0
  // Warm up: the first request of a lab compiles its validation.
  await call('/api/network', { body: { nodes: 0 } })
  await limits()
  await errorBodies(nodePort)
  await concurrentSteps()
  const runId = await longRun()
  await numbers()
  await longWork(runId)
  await sweeps()
  await uiStream()
  console.log('\n| category | tried | held |\n|---|---:|---:|')
  const categories = [...new Set(results.map((r) => r.category))]
  for (const category of categories) {
    const mine = results.filter((r) => r.category === category)
    console.log(`| ${category} | ${mine.length} | ${mine.filter((r) => r.held).length} |`)
  }
  console.log(`| all | ${results.length} | ${results.filter((r) => r.held).length} |`)
}

await main()
