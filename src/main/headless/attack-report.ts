import type { DoubleSpendReport } from '../../core/attack/double-spend-trials'
import type { SelfishReport } from '../../core/attack/selfish-metrics'

const pct = (x: number) => `${(100 * x).toFixed(2)} %`

/** Prints an attack's measured figures beside the theory's, one row each. */
export function printAttack(report: SelfishReport | DoubleSpendReport): void {
  const rows: [string, string][] =
    report.kind === 'selfish'
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
          [
            'success rate',
            `${pct(report.successRate)} (${report.successes}/${report.trials}; 95 % ${pct(report.ci95[0])} – ${pct(report.ci95[1])})`,
          ],
          ['predicted (lab rule)', pct(report.predicted)],
          ['Nakamoto (section 11)', pct(report.nakamoto)],
          ['rule', report.rule],
        ]
  for (const [k, v] of rows) console.log(`${k.padEnd(26)} ${v}`)
}
