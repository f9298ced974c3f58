import { readdirSync } from 'node:fs'
import { createServer, request, type Server } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sendError, sendJson } from '../../../src/main/http/http-kit'
import { importRunBody } from '../../../src/main/http/lab-api/run-import-route'
import { listen, close } from '../../../src/main/http/listen'
import type { EventPage, RunSummary } from '../../../src/shared/run-types'
import { startTestLab, type TestLab } from '../../support/lab'
import { tempDir } from '../../support/recording'

/** POSTs `body` as a chunked stream of `pieceBytes` pieces, each written once the last one left. */
function postInPieces(
  url: string,
  body: string,
  pieceBytes: number,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST' }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown,
        }),
      )
    })
    req.on('error', reject)
    const bytes = Buffer.from(body)
    let offset = 0
    const next = () => {
      if (offset >= bytes.length) return void req.end()
      const piece = bytes.subarray(offset, offset + pieceBytes)
      offset += pieceBytes
      req.write(piece, () => setImmediate(next))
    }
    next()
  })
}

describe('importing a run file streamed as the request body', () => {
  let temp: ReturnType<typeof tempDir>
  let lab: TestLab
  let file: string

  beforeAll(async () => {
    temp = tempDir()
    lab = await startTestLab({ nodes: 4 }, { db: join(temp.dir, 'runs.sqlite') })
    await lab.lab('/api/network/start', { method: 'POST' })
    await lab.lab('/api/network/workload', { body: { rate: 1 } })
    await lab.lab('/api/network/step', { body: { clocks: 300 } })
    file = (await lab.lab('/api/runs/1/export?format=run')).text
  }, 60_000)
  afterAll(async () => {
    await lab.close()
    temp.remove()
  })

  it('imports a body that arrives in many pieces, with no length given', async () => {
    expect(file.length).toBeGreaterThan(20 * 16 * 1024)
    const imported = await postInPieces(`${lab.app.labUrl}/api/runs/import`, file, 16 * 1024)
    expect(imported.status).toBe(200)
    const run = imported.body as RunSummary
    expect(run).toMatchObject({ status: 'finished', clocks: 300 })
    const original = (await lab.lab('/api/runs/1/events?limit=10000')).body as EventPage
    const copy = (await lab.lab(`/api/runs/${run.id}/events?limit=10000`)).body as EventPage
    expect(copy.events).toEqual(original.events)
  })

  it('refuses a streamed body damaged in its last piece, importing nothing', async () => {
    const before = (await lab.lab('/api/runs')).body as RunSummary[]
    const damaged = `${file.slice(0, -80)}${file.slice(-80).replace(/[0-9a-f](?="})/, 'x')}`
    expect(damaged).not.toBe(file)
    const refused = await postInPieces(`${lab.app.labUrl}/api/runs/import`, damaged, 16 * 1024)
    expect(refused).toMatchObject({ status: 400, body: { error: { code: 'invalid-run-file' } } })
    expect((await lab.lab('/api/runs')).body).toEqual(before)
  })

  describe('over the size limit', () => {
    let server: Server
    let url: string
    let uploads: ReturnType<typeof tempDir>
    beforeAll(async () => {
      uploads = tempDir()
      const recorder = lab.app.recorder
      server = createServer((req, res) => {
        importRunBody(recorder, req, { limit: 64 * 1024, tempRoot: uploads.dir }).then(
          (id) => sendJson(res, 200, { id }),
          (error: unknown) => sendError(res, error),
        )
      })
      url = `http://127.0.0.1:${await listen(server, 0)}/`
    })
    afterAll(async () => {
      await close(server)
      uploads.remove()
    })

    it('answers 413 mid-stream, keeps nothing and removes the partial upload', async () => {
      const before = (await lab.lab('/api/runs')).body as RunSummary[]
      const refused = await postInPieces(url, file, 16 * 1024)
      expect(refused).toMatchObject({ status: 413, body: { error: { code: 'body-too-large' } } })
      expect(readdirSync(uploads.dir)).toEqual([])
      expect((await lab.lab('/api/runs')).body).toEqual(before)
    })
  })
})
