import type { Attack } from '../core/attack/attack-config'
import {
  createConfig,
  DEFAULT_CONFIG,
  formatTopology,
  parseTopology,
  type NetworkConfig,
} from '../core/config'
import type { AttackSettings, CreateNetworkInput } from './schemas'

/**
 * A network's settings as people write them (the New network form, a command line, a scenario
 * file, a sweep's settings, a run's scenario): the topology as text, mining and the workload as
 * numbers. Every setting left out takes the base's (the engine's default unless one is given).
 */
export type NetworkSettings = Omit<CreateNetworkInput, 'dialect'> & {
  /** The workload's transfer values (default 1-10); only the experiment's command line sets it. */
  readonly txValues?: { readonly min: number; readonly max: number }
}

/** A workload's transfer values, whoever turns it on. */
export function workloadOf(
  rate: number | null | undefined,
  values: NetworkSettings['txValues'] = { min: 1, max: 10 },
): NetworkConfig['workload'] {
  return rate === null || rate === undefined || rate <= 0
    ? null
    : { rate, minValue: values.min, maxValue: values.max }
}

/**
 * The one converter from settings to the engine's config. A setting left out keeps `base`'s
 * value: the engine's defaults, or the running network's when the lab replaces it (so a new
 * network keeps the current one's miners, workload and epoch unless the settings say otherwise).
 */
export function configFromSettings(
  settings: NetworkSettings,
  base: NetworkConfig = DEFAULT_CONFIG,
): NetworkConfig {
  const s = settings
  const nodes = s.nodes ?? base.nodes
  return createConfig({
    ...withoutAttack(base),
    nodes,
    topology: s.topology !== undefined ? parseTopology(s.topology) : base.topology,
    seed: s.seed ?? base.seed,
    difficulty: s.difficulty ?? base.difficulty,
    latency: s.latency ?? base.latency,
    latencySpread: s.latencySpread ?? base.latencySpread,
    genesis: s.genesis ?? base.genesis,
    autoMine: autoMineOf(s, base, typeof nodes === 'number' ? nodes : nodes.length),
    workload: s.txRate === undefined ? base.workload : workloadOf(s.txRate, s.txValues),
    // An attack left out stays the base's; null or "honest" makes every node honest.
    ...attackOf(s, base),
  })
}

/** An honest config has no `attack` at all (honest runs stay byte for byte as they were). */
function withoutAttack({ attack: _, ...rest }: NetworkConfig): Omit<NetworkConfig, 'attack'> {
  return rest
}

function attackOf(s: NetworkSettings, base: NetworkConfig): { attack?: AttackSettings | Attack } {
  if (s.attack === undefined) return base.attack ? { attack: base.attack } : {}
  return isAttack(s.attack) ? { attack: s.attack } : {}
}

function autoMineOf(s: NetworkSettings, base: NetworkConfig, nodes: number) {
  const interval = s.interval === undefined ? (base.autoMine?.interval ?? null) : s.interval
  if (interval === null) return null
  // The base's hash power fits only a network of as many nodes.
  const kept = base.autoMine?.hashPower
  return { interval, hashPower: s.hashPower ?? (kept && kept.length === nodes ? kept : null) }
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

/**
 * The settings that make `settings`' network from the engine's defaults, whatever network runs
 * now: every setting is given (mining, the workload and the attack off), so a scenario played
 * from the UI gets the network its file gives, as on the command line.
 */
export function settingsFromDefaults(settings: NetworkSettings): NetworkSettings {
  return {
    ...settingsOfConfig(DEFAULT_CONFIG),
    interval: null,
    txRate: null,
    attack: null,
    ...settings,
  }
}
