import type { IncomingMessage, ServerResponse } from 'node:http'
import { STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import { LabError, STATUS_OF, toErrorData, type ErrorCode } from '../../shared/errors'
import { JsonText } from '../handlers/json-text'

/** The largest request body any route accepts. */
export const MAX_BODY_BYTES = 64 * 1024

const LOOPBACK_HOST = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[::1\])(:\d{1,5})?$/i

/**
 * Is the Host header a loopback name? A web page that rebinds its own domain to 127.0.0.1 still
 * sends its domain as Host, so refusing other names stops DNS-rebinding attacks on the lab.
 */
export function isLoopbackHost(host: string | undefined): boolean {
  return host !== undefined && LOOPBACK_HOST.test(host)
}

/** Reads a body of at most `limit` bytes as UTF-8 text; a larger one is refused with 413. */
export async function readText(req: IncomingMessage, limit: number): Promise<string> {
  const tooLarge = () => {
    req.resume()
    return new LabError('body-too-large', `the body is over ${limit} bytes`)
  }
  if (Number(req.headers['content-length'] ?? 0) > limit) throw tooLarge()
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) throw tooLarge()
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** Reads a JSON body of at most MAX_BODY_BYTES; an empty body reads as undefined. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const text = await readText(req, MAX_BODY_BYTES)
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw new LabError('invalid-json', 'the body is not valid JSON')
  }
}

/** Answers `body` as JSON; a JsonText is sent as the text it already is. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = body instanceof JsonText ? body.text : JSON.stringify(body)
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  })
  res.end(text)
}

/** A bodiless 200, as the spec's `mine` and `clock/N` answer. */
export function sendEmpty(
  res: ServerResponse,
  headers: Readonly<Record<string, string>> = {},
): void {
  res.writeHead(200, { ...headers, 'Content-Length': 0 })
  res.end()
}

/** Answers an error as `{"error": {"code", "message"}}`; unknown errors leak nothing but a 500. */
export function sendError(
  res: ServerResponse,
  error: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const { code, message } = toErrorData(error)
  const extra = error instanceof LabError ? error.headers : {}
  if (res.headersSent) {
    res.destroy()
    return
  }
  sendJson(res, STATUS_OF[code], { error: { code, message } }, { ...headers, ...extra })
}

/** What Node's HTTP parser refuses before any route sees the request, in the error model's words. */
function clientErrorOf(error: Error & { code?: string }): { code: ErrorCode; message: string } {
  switch (error.code) {
    case 'HPE_INVALID_METHOD':
      return { code: 'method-not-allowed', message: 'the request method is not one HTTP knows' }
    case 'HPE_HEADER_OVERFLOW':
      return { code: 'headers-too-large', message: 'the request headers are too large' }
    default:
      return {
        code: 'malformed-request',
        message: `the request is not valid HTTP (${error.code ?? error.message})`,
      }
  }
}

/**
 * A server's `clientError` listener: a request the HTTP parser refuses (an unknown method such as
 * BREW, 20 KB of headers) is answered with a JSON error body like every other, where Node's own
 * answer has none, and the connection closed.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  // A connection reset or timed out mid-request has no one to answer.
  if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy()
  const { code, message } = clientErrorOf(error)
  const status = STATUS_OF[code]
  const body = JSON.stringify({ error: { code, message } })
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      'Content-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  )
}
