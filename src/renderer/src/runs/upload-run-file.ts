import { fromErrorData } from '../../../shared/errors'
import type { RunSummary } from '../../../shared/run-types'

/**
 * Imports a run file from a browser: the File goes up as the request body, which the browser
 * streams from disk, so a run file of any size imports (a JSON method could not carry it).
 */
export async function uploadRunFile(file: Blob, baseUrl = ''): Promise<RunSummary> {
  const response = await fetch(`${baseUrl}/api/runs/import`, { method: 'POST', body: file })
  const body = (await response.json()) as
    RunSummary | { error?: { code?: unknown; message?: unknown } }
  if (!response.ok) {
    const error = 'error' in body ? body.error : undefined
    throw fromErrorData(error ?? { message: response.statusText })
  }
  return body as RunSummary
}
