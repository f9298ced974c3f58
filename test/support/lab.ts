import type { NetworkConfigInput } from '../../src/core/config'
import type { Dialect } from '../../src/shared/api-types'
import { sourcePlatform } from '../../src/main/app/platform'
import { startLab, type LabApp } from '../../src/main/app/lab-app'

export interface TestLab {
  readonly app: LabApp
  /** GET or POST a node API route; `body` is sent as is when a string, else as JSON. */
  node(
    id: string,
    path: string,
    init?: { method?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; body: unknown; headers: Headers; text: string }>
  lab(
    path: string,
    init?: { method?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; body: unknown; headers: Headers; text: string }>
  close(): Promise<void>
}

/** A lab on free loopback ports with a low difficulty; close it in afterEach/afterAll. */
export async function startTestLab(
  network: NetworkConfigInput = {},
  options: { dialect?: Dialect; workers?: number; db?: string; firstPort?: number } = {},
): Promise<TestLab> {
  const app = await startLab({
    ...(options.db ? { recording: { file: options.db, flushMs: 5 } } : {}),
    platform: sourcePlatform('test'),
    network: { difficulty: 4, ...network },
    firstPort: options.firstPort ?? 0,
    labPort: 0,
    workers: options.workers ?? 0,
    ...(options.dialect ? { dialect: options.dialect } : {}),
  })
  const call = async (
    url: string,
    init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) => {
    const body =
      init.body === undefined
        ? undefined
        : typeof init.body === 'string'
          ? init.body
          : JSON.stringify(init.body)
    const response = await fetch(url, {
      method: init.method ?? (body === undefined ? 'GET' : 'POST'),
      headers: {
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...init.headers,
      },
      ...(body !== undefined ? { body } : {}),
    })
    const text = await response.text()
    let parsed: unknown
    try {
      parsed = text ? JSON.parse(text) : undefined
    } catch {
      // Not JSON (a bodiless 200): callers read `text`.
    }
    return { status: response.status, body: parsed, headers: response.headers, text }
  }
  return {
    app,
    node: (id, path, init) => call(`${app.nodeUrls().get(id)}/${path}`, init),
    lab: (path, init) => call(`${app.labUrl}${path}`, init),
    close: () => app.close(),
  }
}
