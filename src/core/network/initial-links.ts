import type { NetworkConfig } from '../config'
import { createRandom, mixSeed } from '../random'
import type { LinkTable } from './links'
import { createEdges } from './topology'

/**
 * The links a new network starts with: its config's topology (each link's latency drawn from the
 * seed when latencies spread), then an eclipse's hold on its victim. A restore skips this: its
 * links are the state's.
 */
export function linkFromConfig(links: LinkTable, config: NetworkConfig): void {
  const { topology, seed, latency, latencySpread, nodes } = config
  const latencies = createRandom(mixSeed(seed, 2))
  for (const [a, b] of createEdges(topology, nodes.length, seed))
    links.add(
      nodes[a] as string,
      nodes[b] as string,
      latency + (latencySpread > 0 ? latencies.int(latencySpread + 1) : 0),
    )
  const attack = config.attack
  if (attack?.kind === 'eclipse')
    eclipse(links, config, attack.merchant as string, attack.attackers)
}

/**
 * The outcome of an eclipse (Heilman et al. 2015): the attackers hold every link the victim
 * has. The victim's other links start cut, so healing them ends the eclipse.
 */
function eclipse(
  links: LinkTable,
  config: NetworkConfig,
  victim: string,
  attackers: readonly string[],
): void {
  for (const [peer, link] of links.of(config.nodes.indexOf(victim)))
    if (!attackers.includes(peer)) links.setUp(link, false)
  for (const attacker of attackers)
    if (!links.get(victim, attacker)) links.add(victim, attacker, config.latency)
}
