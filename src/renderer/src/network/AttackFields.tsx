import type { Attack, AttackerView } from '../../../shared/api-types'
import type { AttackSettings } from '../../../shared/schemas'
import './attack-fields.css'

type Strategy = AttackerView['strategy'] | 'honest'

/** The attack part of the New network form, as typed: the lab checks it (see `attackInput`). */
export interface AttackDraft {
  readonly kind: Strategy
  readonly attackers: string
  readonly share: string
  readonly merchant: string
  readonly confirmations: string
}

/** The draft a form opens with: the current network's attack, or an honest network. */
export function draftOf(attack: Attack | null): AttackDraft {
  if (!attack)
    return { kind: 'honest', attackers: 'node1', share: '', merchant: '', confirmations: '2' }
  return {
    kind: attack.kind,
    attackers: attack.attackers.join(','),
    share: String(attack.share),
    merchant: attack.merchant ?? '',
    confirmations: String(attack.confirmations || 2),
  }
}

/**
 * The attack to send: null for an honest network; fields left empty take the lab's defaults.
 * Nothing is checked here beyond turning text into numbers and lists: the lab validates the attack
 * as it does for every client (a share outside (0, 1), an attacker that is not a node…) and its
 * reason is what the form shows.
 */
export function attackInput(draft: AttackDraft): AttackSettings | null {
  if (draft.kind === 'honest') return null
  const names = draft.attackers
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  const needsMerchant = draft.kind !== 'selfish'
  return {
    kind: draft.kind,
    ...(names.length > 0 ? { attackers: names } : {}),
    ...(draft.share.trim() ? { share: Number(draft.share) } : {}),
    ...(needsMerchant && draft.merchant.trim() ? { merchant: draft.merchant.trim() } : {}),
    ...(needsMerchant && draft.confirmations.trim()
      ? { confirmations: Number(draft.confirmations) }
      : {}),
  }
}

const HINTS: Readonly<Record<Strategy, string>> = {
  honest: 'every node follows the protocol',
  selfish: 'keeps its blocks private and publishes them to match or override honest ones',
  'double-spend': 'pays the merchant, then mines a private branch paying itself the same coins',
  eclipse: "holds every link of a victim and feeds it its own chain, with the victim's payment",
}

/** Strategy, attacker node(s), hash share, merchant or victim, confirmations. */
export function AttackFields({
  draft,
  nodes,
  onChange,
}: {
  draft: AttackDraft
  /** The node names the form's node count gives, offered as suggestions. */
  nodes: readonly string[]
  onChange: (draft: AttackDraft) => void
}) {
  const set = (patch: Partial<AttackDraft>) => onChange({ ...draft, ...patch })
  return (
    <fieldset className="attack-fields">
      <legend>Attack</legend>
      <label>
        strategy{' '}
        <select value={draft.kind} onChange={(e) => set({ kind: e.target.value as Strategy })}>
          {(['honest', 'selfish', 'double-spend', 'eclipse'] as const).map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
      </label>
      <p className="hint">{HINTS[draft.kind]}</p>
      <datalist id="attack-node-names">
        {nodes.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      {draft.kind !== 'honest' && (
        <>
          <label>
            {draft.kind === 'eclipse' ? 'attacker nodes' : 'attacker node'}{' '}
            <input
              value={draft.attackers}
              list="attack-node-names"
              placeholder="node1"
              title={draft.kind === 'eclipse' ? 'One or more nodes, comma-separated' : 'One node'}
              onChange={(e) => set({ attackers: e.target.value })}
            />
          </label>
          <label>
            hash share{' '}
            <input
              value={draft.share}
              placeholder="1/3"
              inputMode="decimal"
              title="The attackers' share of the hash power, between 0 and 1 (0.35 is 35 %)"
              onChange={(e) => set({ share: e.target.value })}
            />
          </label>
        </>
      )}
      {(draft.kind === 'double-spend' || draft.kind === 'eclipse') && (
        <>
          <label>
            {draft.kind === 'eclipse' ? 'victim' : 'merchant'}{' '}
            <input
              value={draft.merchant}
              list="attack-node-names"
              placeholder="first honest node"
              onChange={(e) => set({ merchant: e.target.value })}
            />
          </label>
          <label>
            confirmations{' '}
            <input
              value={draft.confirmations}
              inputMode="numeric"
              title="Blocks the merchant waits for, its payment's own counting as the first"
              onChange={(e) => set({ confirmations: e.target.value })}
            />
          </label>
        </>
      )}
    </fieldset>
  )
}
