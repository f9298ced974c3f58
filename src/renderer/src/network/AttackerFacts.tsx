import type { AttackerView } from '../../../shared/api-types'
import { DocLink } from '../help/DocLink'

export const STRATEGY_NAMES: Readonly<Record<AttackerView['strategy'], string>> = {
  selfish: 'selfish mining (Eyal & Sirer, Algorithm 1)',
  'double-spend': 'double spend',
  eclipse: 'eclipse',
}

/** Where the attacker's strategy stands, in words (docs/attacks.md). */
export function phaseWords(view: AttackerView): string {
  const withheld = `${view.withheld.length} block${view.withheld.length === 1 ? '' : 's'}`
  switch (view.phase) {
    case 'public':
      return 'no private block: it mines on the public tip, as an honest node would'
    case 'ahead':
      return `ahead of the public chain: it withholds ${withheld}, to publish when an honest block threatens its lead`
    case 'tie':
      return 'a tie: it published its block to match an honest one; its next block settles it'
    case 'waiting':
      return view.strategy === 'eclipse'
        ? 'it has mined nothing yet: the victim hears only from it'
        : 'waiting for its payment to the merchant to be in a block'
    case 'racing':
      return 'racing: mining a private branch with a payment to itself, while the merchant waits for its confirmations'
    case 'delivered':
      return 'the merchant has delivered: it publishes as soon as its branch is longer than the public chain'
    case 'won':
      return 'won: its branch was longer and was published; the payment to the merchant is reversed'
    case 'gave-up':
      return 'gave up, 20 blocks behind: it mines honestly from now on'
    case 'feeding':
      return 'feeding the eclipsed victim its own chain'
    case 'ended':
      return 'the eclipse is over: the victim has the network’s longer chain, so it stopped feeding and mines honestly'
  }
}

/** The private lead as a signed count, with the heights it compares. */
export function leadWords(view: AttackerView): string {
  if (view.privateHeight === null) return `none (public tip #${view.publicHeight})`
  const sign = view.lead > 0 ? '+' : ''
  return `${sign}${view.lead} (private chain #${view.privateHeight} over the public tip #${view.publicHeight})`
}

/** The node panel's part for an attacking node: its strategy, where it stands, its lead. */
export function AttackerFacts({ id, view }: { id: string; view: AttackerView }) {
  return (
    <section className="attacker-facts" aria-label={`${id}'s attack`}>
      <h4>
        ⚔ Attacker{' '}
        {/* One literal link per strategy: the docs' test reads the sections from the source. */}
        {view.strategy === 'selfish' && (
          <DocLink doc="attacks" section="selfish-mining-against-eyal-and-sirer">
            how selfish mining works
          </DocLink>
        )}
        {view.strategy === 'double-spend' && (
          <DocLink doc="attacks" section="double-spends-against-the-exact-formula">
            how a double spend works
          </DocLink>
        )}
        {view.strategy === 'eclipse' && (
          <DocLink doc="attacks" section="eclipses">
            how an eclipse works
          </DocLink>
        )}
      </h4>
      <dl className="facts">
        <dt>strategy</dt>
        <dd>{STRATEGY_NAMES[view.strategy]}</dd>
        <dt>state</dt>
        <dd data-testid="attack-state" data-phase={view.phase}>
          {phaseWords(view)}
        </dd>
        <dt>private lead</dt>
        <dd data-testid="private-lead">{leadWords(view)}</dd>
        <dt>withheld</dt>
        <dd className="hash">
          {view.withheld.length === 0 ? 'none' : view.withheld.map((h) => h.slice(0, 8)).join(', ')}
        </dd>
      </dl>
    </section>
  )
}
