import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { answerValue, JsonText } from '../../../src/main/handlers/json-text'
import { sendJson } from '../../../src/main/http/http-kit'

describe('an answer already written as JSON', () => {
  let close: () => void = () => {}
  afterEach(() => close())

  it('goes out over HTTP as the very text it is, not serialised again', async () => {
    // Spacing JSON.stringify would never write: only the text itself answers this way.
    const text = '{ "runId": 1,  "clock": 7 }'
    const server = createServer((_req, res) => sendJson(res, 200, new JsonText(text)))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    close = () => server.close()
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(text)))
    expect(await response.text()).toBe(text)
  })

  it('is parsed for a transport that carries values (IPC); other answers pass as they are', () => {
    expect(answerValue(new JsonText('{"clock":7,"nodes":[]}'))).toEqual({ clock: 7, nodes: [] })
    const value = { clock: 7 }
    expect(answerValue(value)).toBe(value)
  })
})
