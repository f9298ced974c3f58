/** One message of the lab's event stream: its event's name and its data line, as sent. */
export interface StreamMessage {
  readonly event: string
  readonly data: string
}

/**
 * The messages of an event stream's body (`GET /api/events`) as they arrive, each an `event:`
 * and a `data:` line; ends with the body, and a read that fails (the request aborted) throws.
 * Leaving the loop early releases the body for the caller to abort.
 */
export async function* streamMessages(
  body: ReadableStream<Uint8Array>,
): AsyncGenerator<StreamMessage> {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let text = ''
  try {
    for (;;) {
      const { value, done } = await reader.read()
      if (done) return
      text += decoder.decode(value, { stream: true })
      for (let end = text.indexOf('\n\n'); end >= 0; end = text.indexOf('\n\n')) {
        const message = text.slice(0, end)
        text = text.slice(end + 2)
        const event = /^event: (.*)$/m.exec(message)?.[1]
        const data = /^data: (.*)$/m.exec(message)?.[1]
        if (event !== undefined && data !== undefined) yield { event, data }
      }
    }
  } finally {
    reader.releaseLock()
  }
}
