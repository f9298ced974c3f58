import { describe, expect, it } from 'vitest'
import { ROW_OBJECT, type EventLog } from '../../../src/core/event-log'
import { EventChunkEncoder, type EncodedChunk } from '../../../src/main/recorder/event-codec'
import { ChartChunkPacker, type ChartChunk } from '../../../src/main/recorder/series/chart-chunk'
import { GOLDEN_CASES } from '../../support/golden'
import { goldenLogs } from '../../support/event-logs'

/**
 * The recorder reads message events from the network's columns (EventLog), never making them
 * into objects; what it writes must be exactly what it wrote from the objects: the same chunk
 * tables and bytes, the same chart chunks.
 */
function encode(logs: readonly EventLog[], size: number, fromColumns: boolean) {
  const encoder = new EventChunkEncoder()
  const chunks: EncodedChunk[] = []
  const charts: ChartChunk[] = []
  // A chart chunk per log, as a flush per command would make it.
  for (const log of logs) {
    const packer = new ChartChunkPacker()
    for (let row = 0; row < log.length; row++) {
      if (fromColumns && log.kindAt(row) !== ROW_OBJECT) {
        packer.addRow(log, row)
        encoder.addRow(log, row)
      } else {
        const event = log.eventAt(row)
        packer.add(event)
        encoder.add(event)
      }
      if (encoder.count >= size) chunks.push(encoder.finish()!)
    }
    const chart = packer.finish()
    if (chart) charts.push(chart)
  }
  const last = encoder.finish()
  if (last) chunks.push(last)
  return { chunks, charts }
}

describe('message events recorded from columns are recorded as they were from objects', () => {
  GOLDEN_CASES.forEach((golden, i) => {
    it(golden.name, () => {
      const logs = goldenLogs(i)
      // Small chunks too: a chunk's tables and the encoder's caches start afresh at each.
      for (const size of [7, 2_048]) {
        const columns = encode(logs, size, true)
        expect(columns).toEqual(encode(logs, size, false))
        expect(columns.chunks.length).toBeGreaterThan(0)
      }
    })
  })
})
