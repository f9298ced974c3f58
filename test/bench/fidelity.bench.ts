import { readFileSync, writeFileSync } from 'node:fs'
import { runSweep } from '../../src/main/experiment/run-sweep'
import { sweepSchema, type SweepRow } from '../../src/shared/sweep'
import { heading, row } from './report'

const CHART = 'docs/experiments.svg'

/** Measured fork rate (mean ± 95 % CI across seeds) against the analytic model, as an SVG. */
function chart(rows: readonly SweepRow[]): string {
  const W = 640
  const H = 380
  const left = 60
  const bottom = 50
  const maxLatency = Math.max(...rows.map((r) => r.settings.latency))
  const maxRate =
    Math.max(
      ...rows.map((r) =>
        Math.max(r.forkRate.mean + (r.forkRate.ci95 || 0), r.predictedForkRate ?? 0),
      ),
    ) * 1.1
  const x = (latency: number) => left + ((W - left - 20) * latency) / maxLatency
  const y = (rate: number) => H - bottom - ((H - bottom - 20) * rate) / maxRate
  const colors = ['#2563eb', '#d97706', '#059669', '#db2777']
  const intervals = [...new Set(rows.map((r) => r.settings.interval))]
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<line x1="${left}" y1="${H - bottom}" x2="${W - 10}" y2="${H - bottom}" stroke="#333"/>`,
    `<line x1="${left}" y1="20" x2="${left}" y2="${H - bottom}" stroke="#333"/>`,
    `<text x="${(W + left) / 2}" y="${H - 12}" text-anchor="middle">link latency (clocks)</text>`,
    `<text transform="translate(16 ${(H - bottom) / 2}) rotate(-90)" text-anchor="middle">fork rate (forks per main-chain block)</text>`,
  ]
  for (let l = 0; l <= maxLatency; l += 2)
    parts.push(`<text x="${x(l)}" y="${H - bottom + 16}" text-anchor="middle">${l}</text>`)
  for (let i = 0; i <= 5; i++) {
    const rate = (maxRate * i) / 5
    parts.push(
      `<text x="${left - 6}" y="${y(rate) + 4}" text-anchor="end">${(100 * rate).toFixed(0)}%</text>`,
    )
    parts.push(`<line x1="${left}" y1="${y(rate)}" x2="${W - 10}" y2="${y(rate)}" stroke="#eee"/>`)
  }
  intervals.forEach((interval, i) => {
    const color = colors[i % colors.length]
    const series = rows
      .filter((r) => r.settings.interval === interval)
      .sort((a, b) => a.settings.latency - b.settings.latency)
    const predicted = series.filter((r) => r.predictedForkRate !== null)
    parts.push(
      `<polyline fill="none" stroke="${color}" stroke-dasharray="5 4" points="${predicted.map((r) => `${x(r.settings.latency)},${y(r.predictedForkRate as number)}`).join(' ')}"/>`,
    )
    for (const r of series) {
      const cx = x(r.settings.latency)
      const ci = Number.isNaN(r.forkRate.ci95) ? 0 : r.forkRate.ci95
      parts.push(
        `<line x1="${cx}" x2="${cx}" y1="${y(r.forkRate.mean - ci)}" y2="${y(r.forkRate.mean + ci)}" stroke="${color}"/>`,
      )
      parts.push(`<circle cx="${cx}" cy="${y(r.forkRate.mean)}" r="4" fill="${color}"/>`)
    }
    parts.push(`<circle cx="${left + 20}" cy="${30 + i * 18}" r="4" fill="${color}"/>`)
    parts.push(
      `<text x="${left + 30}" y="${34 + i * 18}">measured, interval ${interval} (mean ± 95 % CI)</text>`,
    )
    parts.push(
      `<line x1="${left + 300}" x2="${left + 320}" y1="${30 + i * 18}" y2="${30 + i * 18}" stroke="${color}" stroke-dasharray="5 4"/>`,
    )
    parts.push(`<text x="${left + 326}" y="${34 + i * 18}">predicted</text>`)
  })
  parts.push('</svg>')
  return parts.join('\n')
}

/** Runs sweeps/stale-vs-latency.json and draws docs/experiments.svg from it. */
export async function benchFidelity(): Promise<void> {
  heading('Fidelity: measured fork rate against the analytic model (10-node mesh)')
  const sweep = sweepSchema.parse(JSON.parse(readFileSync('sweeps/stale-vs-latency.json', 'utf8')))
  const started = performance.now()
  const { rows } = await runSweep(sweep, { parallel: 2, db: null, appVersion: 'bench' })
  for (const r of rows) {
    const predicted = r.predictedForkRate ?? NaN
    row(
      `latency ${r.settings.latency}, interval ${r.settings.interval}: measured / predicted`,
      r.forkRate.mean / predicted,
      '×',
      `measured ${(100 * r.forkRate.mean).toFixed(2)} ± ${(100 * r.forkRate.ci95).toFixed(2)} %, predicted ${(100 * predicted).toFixed(2)} %`,
    )
  }
  row('sweep time', (performance.now() - started) / 1000, 's')
  writeFileSync(CHART, chart(rows))
  console.log(`wrote ${CHART}`)
}
