import type { Attack } from '../core/attack/attack-config'
import { createConfig, formatTopology, parseTopology, type NetworkConfig } from '../core/config'
import type { AttackSettings, CreateNetworkInput } from './schemas'

/**
 * A network's settings as people write them (the New network form, a scenario file, a sweep's
 * settings, a run's scenario): the topology as text, mining and the workload as numbers. Every
 * setting left out takes the engine's default.
 */
export type NetworkSettings = Omit<CreateNetworkInput, 'dialect'>

/** A workload's transfer values, whoever turns it on. */
export function workloadOf(rate: number | null | undefined): NetworkConfig['workload'] {
  return rate === null || rate === undefined || rate <= 0
    ? null
    : { rate, minValue: 1, maxValue: 10 }
}

/** The one converter from settings to the engine's config. */
export function configFromSettings(settings: NetworkSettings): NetworkConfig {
  const s = settings
  return createConfig({
    ...(s.nodes !== undefined ? { nodes: s.nodes } : {}),
    ...(s.topology !== undefined ? { topology: parseTopology(s.topology) } : {}),
    ...(s.seed !== undefined ? { seed: s.seed } : {}),
    ...(s.difficulty !== undefined ? { difficulty: s.difficulty } : {}),
    ...(s.latency !== undefined ? { latency: s.latency } : {}),
    ...(s.latencySpread !== undefined ? { latencySpread: s.latencySpread } : {}),
    ...(s.interval !== undefined && s.interval !== null
      ? { autoMine: { interval: s.interval, hashPower: s.hashPower ?? null } }
      : {}),
    ...(s.txRate ? { workload: workloadOf(s.txRate) } : {}),
    ...(s.genesis !== undefined ? { genesis: s.genesis } : {}),
    ...(isAttack(s.attack) ? { attack: s.attack } : {}),
  })
}

/** Whether settings name an attack: not absent, null or `honest`. */
export function isAttack(attack: AttackSettings | null | undefined): attack is AttackSettings {
  return attack !== undefined && attack !== null && attack.kind !== 'honest'
}

/** An engine attack as settings (what makes it again), its payment left to its defaults. */
export function attackSettings(attack: Attack): AttackSettings {
  return {
    kind: attack.kind,
    attackers: [...attack.attackers],
    share: attack.share,
    ...(attack.merchant !== null ? { merchant: attack.merchant } : {}),
    ...(attack.kind !== 'selfish' ? { confirmations: attack.confirmations } : {}),
  }
}

/** And back: the settings that make this config again (a run as a scenario file). */
export function settingsOfConfig(config: NetworkConfig): NetworkSettings {
  return {
    nodes: config.nodes.length,
    topology: formatTopology(config.topology),
    seed: config.seed,
    difficulty: config.difficulty,
    latency: config.latency,
    latencySpread: config.latencySpread,
    ...(config.autoMine
      ? {
          interval: config.autoMine.interval,
          ...(config.autoMine.hashPower ? { hashPower: [...config.autoMine.hashPower] } : {}),
        }
      : {}),
    ...(config.workload ? { txRate: config.workload.rate } : {}),
    genesis: [...config.genesis],
    ...(config.attack ? { attack: attackSettings(config.attack) } : {}),
  }
}
