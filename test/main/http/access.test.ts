import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestLab, type TestLab } from '../../support/lab'

/** A raw request, so the Host header can be anything (fetch always sends the URL's host). */
function rawGet(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const target = new URL(url)
    const req = request(
      { host: '127.0.0.1', port: target.port, path: target.pathname, headers: { Host: host } },
      (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      },
    )
    req.on('error', reject)
    req.end()
  })
}

describe('who may talk to the lab', () => {
  let lab: TestLab
  beforeAll(async () => {
    lab = await startTestLab()
  })
  afterAll(() => lab.close())

  it('binds loopback only', () => {
    for (const url of [lab.app.labUrl, ...lab.app.nodeUrls().values()])
      expect(new URL(url).hostname).toBe('127.0.0.1')
  })

  it('refuses a Host that is not a loopback name (DNS rebinding)', async () => {
    const node = `${lab.app.nodeUrls().get('node1')}/status`
    expect(await rawGet(node, 'attacker.example:50082')).toBe(403)
    expect(await rawGet(`${lab.app.labUrl}/api/network`, 'attacker.example')).toBe(403)
    expect(await rawGet(node, 'localhost:50082')).toBe(409)
    expect(await rawGet(`${lab.app.labUrl}/api/network`, '127.0.0.1')).toBe(200)
  })

  it('node API: answers cross-origin requests, preflight included, as the original servers did', async () => {
    const pre = await lab.node('node1', 'tx/add', {
      method: 'OPTIONS',
      headers: { Origin: 'http://ui.example', 'Access-Control-Request-Method': 'POST' },
    })
    expect(pre.status).toBe(204)
    expect(pre.headers.get('access-control-allow-origin')).toBe('*')
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST')
    const start = await lab.node('node1', 'start', { headers: { Origin: 'http://ui.example' } })
    expect(start.headers.get('access-control-allow-origin')).toBe('*')
  })

  it('lab API: sends no CORS headers and refuses changes from another origin', async () => {
    const read = await lab.lab('/api/network', { headers: { Origin: 'http://evil.example' } })
    expect(read.headers.get('access-control-allow-origin')).toBeNull()
    const write = await lab.lab('/api/network/start', {
      method: 'POST',
      headers: { Origin: 'http://evil.example' },
    })
    expect(write.status).toBe(403)
    expect(write.body).toMatchObject({ error: { code: 'cross-origin' } })
    const info = (await lab.lab('/api/network')).body as { started: boolean }
    expect(info.started).toBe(false)
  })

  it('lab API: accepts changes from its own page and from tools that send no Origin', async () => {
    const own = await lab.lab('/api/network/start', {
      method: 'POST',
      headers: { Origin: lab.app.labUrl },
    })
    expect(own.status).toBe(200)
    expect((await lab.lab('/api/network/reset', { method: 'POST' })).status).toBe(200)
  })
})
