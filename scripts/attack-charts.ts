// `npm run attack-charts [-- BENCH.json]`: draws docs/attacks/*.svg from the attacks bench's
// figures (ATTACKS_JSON=docs/attacks/bench.json npm run bench -- attacks), measured against the
// theory's curves, so docs/attacks.md's charts always show the committed figures.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  doubleSpendSuccess,
  eclipseSuccess,
  nakamotoSuccess,
  selfishRevenue,
} from '../src/core/attack/attack-theory'
import type { AttacksBench } from '../test/bench/attacks.bench'

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e']
const W = 640
const H = 400
const M = { top: 40, right: 170, bottom: 50, left: 60 }

interface Series {
  readonly label: string
  readonly color: string
  /** Measured points with their 95 % interval. */
  readonly points?: readonly { x: number; y: number; lo: number; hi: number }[]
  /** A curve: solid, dashed or dotted. */
  readonly curve?: readonly { x: number; y: number }[]
  readonly dash?: string
}

interface Chart {
  readonly title: string
  readonly x: { label: string; min: number; max: number; ticks: readonly number[] }
  readonly y: { label: string; min: number; max: number; ticks: readonly number[] }
  readonly series: readonly Series[]
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const r2 = (v: number) => Math.round(v * 100) / 100

/** A chart as a standalone SVG: axes, grid, the curves, then the points with their intervals. */
function svg(c: Chart): string {
  const px = (x: number) =>
    r2(M.left + ((x - c.x.min) / (c.x.max - c.x.min)) * (W - M.left - M.right))
  const py = (y: number) =>
    r2(H - M.bottom - ((y - c.y.min) / (c.y.max - c.y.min)) * (H - M.top - M.bottom))
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${M.left}" y="20" font-size="14" font-weight="bold">${esc(c.title)}</text>`,
  ]
  for (const t of c.x.ticks)
    out.push(
      `<line x1="${px(t)}" x2="${px(t)}" y1="${M.top}" y2="${H - M.bottom}" stroke="#e5e5e5"/>`,
      `<text x="${px(t)}" y="${H - M.bottom + 16}" text-anchor="middle">${t}</text>`,
    )
  for (const t of c.y.ticks)
    out.push(
      `<line x1="${M.left}" x2="${W - M.right}" y1="${py(t)}" y2="${py(t)}" stroke="#e5e5e5"/>`,
      `<text x="${M.left - 6}" y="${py(t) + 4}" text-anchor="end">${t}</text>`,
    )
  out.push(
    `<rect x="${M.left}" y="${M.top}" width="${W - M.left - M.right}" height="${H - M.top - M.bottom}" fill="none" stroke="#888"/>`,
    `<text x="${(M.left + W - M.right) / 2}" y="${H - 12}" text-anchor="middle">${esc(c.x.label)}</text>`,
    `<text transform="translate(16 ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(c.y.label)}</text>`,
  )
  c.series.forEach((s, i) => {
    if (s.curve)
      out.push(
        `<polyline fill="none" stroke="${s.color}" stroke-width="1.5"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''} points="${s.curve.map((p) => `${px(p.x)},${py(p.y)}`).join(' ')}"/>`,
      )
    for (const p of s.points ?? [])
      out.push(
        `<line x1="${px(p.x)}" x2="${px(p.x)}" y1="${py(p.lo)}" y2="${py(p.hi)}" stroke="${s.color}"/>`,
        `<line x1="${px(p.x) - 4}" x2="${px(p.x) + 4}" y1="${py(p.lo)}" y2="${py(p.lo)}" stroke="${s.color}"/>`,
        `<line x1="${px(p.x) - 4}" x2="${px(p.x) + 4}" y1="${py(p.hi)}" y2="${py(p.hi)}" stroke="${s.color}"/>`,
        `<circle cx="${px(p.x)}" cy="${py(p.y)}" r="3.5" fill="${s.color}"/>`,
      )
    const ly = M.top + 8 + 18 * i
    const lx = W - M.right + 12
    out.push(
      s.points
        ? `<circle cx="${lx + 12}" cy="${ly}" r="3.5" fill="${s.color}"/>`
        : `<line x1="${lx}" x2="${lx + 24}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="1.5"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`,
      `<text x="${lx + 30}" y="${ly + 4}">${esc(s.label)}</text>`,
    )
  })
  out.push('</svg>')
  return out.join('\n') + '\n'
}

const range = (from: number, to: number, n: number) =>
  Array.from({ length: n + 1 }, (_, i) => from + ((to - from) * i) / n)

function doubleSpendChart(bench: AttacksBench): Chart {
  const zs = [...new Set(bench.doubleSpend.map((c) => c.confirmations))]
  const trials = bench.doubleSpend[0]?.trials ?? 0
  const qs = range(0.05, 0.45, 40)
  return {
    title: `Double spend: success against q (${trials} trials per point, 95 % intervals)`,
    x: { label: 'attacker’s hash share q', min: 0.05, max: 0.45, ticks: [0.1, 0.2, 0.3, 0.4] },
    y: { label: 'success rate', min: 0, max: 1, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] },
    series: zs.flatMap((z, i) => {
      const color = PALETTE[i % PALETTE.length] as string
      return [
        {
          label: `z = ${z} measured`,
          color,
          points: bench.doubleSpend
            .filter((c) => c.confirmations === z)
            .map((c) => ({ x: c.attackerPower, y: c.successRate, lo: c.ci95[0], hi: c.ci95[1] })),
        },
        {
          label: `z = ${z} exact (lab rule)`,
          color,
          curve: qs.map((q) => ({ x: q, y: doubleSpendSuccess(q, z) })),
        },
        {
          label: `z = ${z} Nakamoto`,
          color,
          dash: '2 3',
          curve: qs.map((q) => ({ x: q, y: nakamotoSuccess(q, z) })),
        },
      ]
    }),
  }
}

function eclipseChart(bench: AttacksBench): Chart {
  const zs = [...new Set(bench.eclipse.map((c) => c.confirmations))]
  const nodes = bench.eclipse[0]?.nodes ?? 10
  const trials = bench.eclipse[0]?.trials ?? 0
  const qs = range(0.05, 0.35, 30)
  return {
    title: `Eclipse + double spend vs none (${nodes}-node mesh, ${trials} trials per point)`,
    x: { label: 'attacker’s hash share q', min: 0.05, max: 0.35, ticks: [0.1, 0.2, 0.3] },
    y: { label: 'success rate', min: 0, max: 1, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] },
    series: zs.flatMap((z, i) => {
      const color = PALETTE[i % PALETTE.length] as string
      const cells = bench.eclipse.filter((c) => c.confirmations === z)
      // The victim holds one honest node's part of the rest: (1 − q) / (nodes − 1).
      const victim = (q: number) => (1 - q) / (nodes - 1)
      return [
        {
          label: `z = ${z} eclipsed`,
          color,
          points: cells.map((c) => ({
            x: c.attackerPower,
            y: c.successRate,
            lo: c.ci95[0],
            hi: c.ci95[1],
          })),
          curve: qs.map((q) => ({ x: q, y: eclipseSuccess(q + victim(q), z) })),
        },
        {
          label: `z = ${z} not eclipsed`,
          color,
          dash: '5 4',
          points: cells.map((c) => ({
            x: c.attackerPower,
            y: c.withoutEclipse.successRate,
            lo: c.withoutEclipse.ci95[0],
            hi: c.withoutEclipse.ci95[1],
          })),
          curve: qs.map((q) => ({ x: q, y: doubleSpendSuccess(q, z) })),
        },
      ]
    }),
  }
}

function selfishChart(bench: AttacksBench): Chart {
  const alphas = range(0.15, 0.45, 30)
  const seeds = bench.selfish[0]?.seeds ?? 0
  const series: Series[] = [
    {
      label: 'honest share (y = α)',
      color: '#888',
      dash: '5 4',
      curve: alphas.map((a) => ({ x: a, y: a })),
    },
  ]
  ;(['mesh', 'star'] as const).forEach((topology, i) => {
    const cells = bench.selfish.filter((c) => c.topology === topology)
    const ties = cells.reduce((a, c) => a + c.ties, 0)
    const gamma = cells.reduce((a, c) => a + c.gamma * c.ties, 0) / Math.max(1, ties)
    const color = PALETTE[i] as string
    series.push({
      label: `${topology}: γ = ${gamma.toFixed(2)}`,
      color,
      points: cells.map((c) => ({
        x: c.alpha,
        y: c.revenueShare,
        lo: c.revenueShare - c.ci95,
        hi: c.revenueShare + c.ci95,
      })),
      curve: alphas.map((a) => ({ x: a, y: selfishRevenue(a, gamma) })),
    })
  })
  return {
    title: `Selfish mining: revenue against α (10 nodes, ${seeds} seeds each)`,
    x: {
      label: 'selfish miner’s hash share α',
      min: 0.15,
      max: 0.45,
      ticks: [0.2, 0.25, 0.3, 0.35, 0.4],
    },
    y: { label: 'share of main-chain blocks', min: 0, max: 0.8, ticks: [0, 0.2, 0.4, 0.6, 0.8] },
    series,
  }
}

const file = process.argv[2] ?? 'docs/attacks/bench.json'
const bench = JSON.parse(readFileSync(file, 'utf8')) as AttacksBench
const dir = 'docs/attacks'
writeFileSync(join(dir, 'double-spend.svg'), svg(doubleSpendChart(bench)))
writeFileSync(join(dir, 'eclipse.svg'), svg(eclipseChart(bench)))
writeFileSync(join(dir, 'selfish.svg'), svg(selfishChart(bench)))
console.log(`drew ${dir}/double-spend.svg, eclipse.svg and selfish.svg from ${file}`)
