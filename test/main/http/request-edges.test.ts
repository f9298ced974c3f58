import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { NetworkInfo } from '../../../src/shared/api-types'
import { LAB_LIMITS } from '../../../src/shared/limits'
import { startTestLab, type TestLab } from '../../support/lab'
import { tempDir } from '../../support/recording'

/** Sends `request` as raw bytes and reads the whole answer: what fetch would refuse to send. */
function raw(
  url: string,
  request: string,
): Promise<{ status: number; headers: string; body: string }> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(request))
    let text = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => (text += chunk))
    socket.on('error', reject)
    socket.on('close', () => {
      const [head = '', body = ''] = text.split('\r\n\r\n')
      resolve({ status: Number(head.split(' ')[1]), headers: head, body })
    })
  })
}

describe('requests at the edges of the API', () => {
  let temp: ReturnType<typeof tempDir>
  let lab: TestLab

  beforeAll(async () => {
    temp = tempDir()
    lab = await startTestLab({}, { db: `${temp.dir}/runs.sqlite` })
    await lab.lab('/api/network/start', { method: 'POST' })
    await lab.lab('/api/network/step', { body: { clocks: 20 } })
  })
  afterAll(async () => {
    await lab.close()
    temp.remove()
  })

  const refusal = async (path: string) => {
    const answer = await lab.lab(path)
    expect(answer.status, path).toBe(400)
    return (answer.body as { error: { code: string; message: string } }).error
  }

  describe('ids and clocks are plain decimal integers', () => {
    for (const path of ['/api/runs/0x1', '/api/runs/1e3', '/api/runs/%201', '/api/runs/1.0'])
      it(`refuses ${path}`, async () => {
        expect(await refusal(path)).toMatchObject({
          code: 'invalid-body',
          message: expect.stringMatching(/^id: a plain decimal integer/),
        })
      })
    for (const clock of ['0x10', '1e1', '', '-1'])
      it(`refuses state?clock=${clock}`, async () => {
        expect((await refusal(`/api/runs/1/state?clock=${clock}`)).message).toMatch(/^clock: /)
      })
    it('takes the plain decimal ones', async () => {
      expect((await lab.lab('/api/runs/1')).status).toBe(200)
      expect((await lab.lab('/api/runs/1/state?clock=10')).body).toMatchObject({ clock: 10 })
    })
  })

  it('refuses series and events whose from is after their to', async () => {
    expect((await refusal('/api/runs/1/series?from=10&to=2')).message).toBe(
      'from: from must not be after to',
    )
    expect((await refusal('/api/runs/1/events?from=10&to=2')).message).toBe(
      'from: from must not be after to',
    )
    expect((await lab.lab('/api/runs/1/series?from=2&to=10')).status).toBe(200)
  })

  describe('every error body is JSON, the parser’s refusals too', () => {
    const servers = () => [
      ['lab API', lab.app.labUrl],
      ['node API', lab.app.nodeUrls().get('node1') as string],
    ]
    it('answers an unknown method (BREW) with 405 JSON', async () => {
      for (const [name, url] of servers()) {
        const answer = await raw(
          url as string,
          'BREW /api/network HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
        )
        expect(answer.status, name).toBe(405)
        expect(answer.headers).toMatch(/content-type: application\/json/i)
        expect(JSON.parse(answer.body)).toEqual({
          error: {
            code: 'method-not-allowed',
            message: 'the request method is not one HTTP knows',
          },
        })
      }
    })
    it('answers a 20 KB header with 431 JSON', async () => {
      for (const [name, url] of servers()) {
        const answer = await raw(
          url as string,
          `GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
        )
        expect(answer.status, name).toBe(431)
        expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'headers-too-large' } })
      }
    })
    it('answers a request that is not HTTP with 400 JSON', async () => {
      const answer = await raw(lab.app.labUrl, 'GET / HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n')
      expect(answer.status).toBe(400)
      expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'malformed-request' } })
    })
  })

  it('answers each of concurrent steps with the clock that step reached', async () => {
    const before = ((await lab.lab('/api/network')).body as NetworkInfo).clock
    // Through the handlers, so that all eight are queued before the first one ends.
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => lab.app.handlers.step({ clocks: 1 }, { origin: 'lab-api' })),
    )
    expect(answers.map((a) => a.clock)).toEqual(Array.from({ length: 8 }, (_, i) => before + i + 1))
    const overHttp = await Promise.all(
      Array.from({ length: 8 }, () => lab.lab('/api/network/step', { body: { clocks: 1 } })),
    )
    const clocks = overHttp.map((a) => (a.body as NetworkInfo).clock).sort((a, b) => a - b)
    expect(clocks).toEqual(Array.from({ length: 8 }, (_, i) => before + i + 9))
  })

  describe('limits are checked before any work, each refusal naming its limit', () => {
    const cases: [string, string, unknown, string][] = [
      ['nodes', '/api/network', { nodes: LAB_LIMITS.nodes + 1 }, 'nodes'],
      ['difficulty', '/api/network', { difficulty: LAB_LIMITS.difficulty + 1 }, 'difficulty'],
      ['txRate 1e308 at creation', '/api/network', { txRate: 1e308 }, 'txRate'],
      ['txRate 1e308 on the workload', '/api/network/workload', { rate: 1e308 }, 'txRate'],
      ['latency', '/api/network', { latency: LAB_LIMITS.latency + 1 }, 'latency'],
      [
        'clocks per step',
        '/api/network/step',
        { clocks: LAB_LIMITS.clocksPerStep + 1 },
        'clocksPerStep',
      ],
    ]
    for (const [name, path, body, limit] of cases)
      it(`refuses ${name} over its limit`, async () => {
        const answer = await lab.lab(path, { body })
        expect(answer.status).toBe(400)
        expect((answer.body as { error: { message: string } }).error.message).toContain(
          `over the limit of ${LAB_LIMITS[limit as keyof typeof LAB_LIMITS]} (x-limits.${limit} in /openapi.json)`,
        )
      })
    it('takes the limits themselves', async () => {
      const answer = await lab.lab('/api/network', {
        body: { difficulty: 4, txRate: LAB_LIMITS.txRate, nodes: 3 },
      })
      expect(answer.status).toBe(200)
    })
    it('publishes every limit in /openapi.json', async () => {
      expect((await lab.lab('/openapi.json')).body).toMatchObject({ 'x-limits': LAB_LIMITS })
    })
  })
})
