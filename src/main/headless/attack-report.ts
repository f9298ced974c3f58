import type { DoubleSpendReport } from '../../core/attack/double-spend-trials'
import type { EclipseReport } from '../../core/attack/eclipse-trials'
import type { SelfishReport } from '../../core/attack/selfish-metrics'

const pct = (x: number) => `${(100 * x).toFixed(2)} %`

/** Prints an attack's measured figures beside the theory's, one row each. */
export function printAttack(report: SelfishReport | DoubleSpendReport | EclipseReport): void {
  const rate = (successes: number, trials: number, ci95: readonly [number, number]) =>
    `${pct(successes / trials)} (${successes}/${trials}; 95 % ${pct(ci95[0])} – ${pct(ci95[1])})`
  const rows: [string, string][] =
    report.kind === 'eclipse'
      ? [
          [
            'attack',
            `eclipse + double spend, q = ${report.attackerPower} (victim ${report.victimPower.toFixed(3)}), z = ${report.confirmations}`,
          ],
          ['success rate', rate(report.successes, report.trials, report.ci95)],
          ['predicted', pct(report.predicted)],
          [
            'without the eclipse',
            rate(report.withoutEclipse.successes, report.trials, report.withoutEclipse.ci95),
          ],
          ['predicted (lab rule)', pct(report.withoutEclipse.predicted)],
          ['rule', report.rule],
        ]
      : report.kind === 'selfish'
        ? [
            ['attack', `selfish mining, α = ${report.attackerPower}`],
            ['revenue share', pct(report.revenueShare)],
            [
              'γ measured',
              `${report.gamma.toFixed(3)} (${report.ties} ties settled by honest blocks)`,
            ],
            ['Eyal–Sirer R(α, γ)', pct(report.predictedRevenueShare)],
          ]
        : [
            ['attack', `double spend, q = ${report.attackerPower}, z = ${report.confirmations}`],
            ['success rate', rate(report.successes, report.trials - report.undecided, report.ci95)],
            [
              'published',
              `${report.published} (${report.published - report.successes} of them not won)`,
            ],
            ['undecided at the clock cap', String(report.undecided)],
            ['predicted (lab rule)', pct(report.predicted)],
            ['Nakamoto (section 11)', pct(report.nakamoto)],
            ['rule', report.rule],
          ]
  for (const [k, v] of rows) console.log(`${k.padEnd(26)} ${v}`)
}
