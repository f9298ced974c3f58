import doubleSpend from '../../../../scenarios/double-spend.json?raw'
import eclipse from '../../../../scenarios/eclipse.json?raw'
import selfishMining from '../../../../scenarios/selfish-mining.json?raw'
import { scenarioSchema, type Scenario } from '../../../shared/scenario'

/** A guided attack: one of the scenario files, and what a learner should watch while it plays. */
export interface AttackGuide {
  readonly id: string
  /** The file it plays, as the command line would (`npm run lab -- --scenario FILE`). */
  readonly file: string
  readonly scenario: Scenario
  /** What to watch, view by view. */
  readonly watch: readonly string[]
}

/** The file's scenario, checked as the command line checks it. */
function parse(file: string, text: string): Scenario {
  const parsed = scenarioSchema.safeParse(JSON.parse(text))
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.message}`)
  return parsed.data
}

/**
 * The three attacks of docs/attacks.md, each bundled with the app (it runs offline and in a
 * browser alike) from the same file the command line plays.
 */
export const ATTACK_GUIDES: readonly AttackGuide[] = [
  {
    id: 'selfish-mining',
    file: 'scenarios/selfish-mining.json',
    scenario: parse('scenarios/selfish-mining.json', selfishMining),
    watch: [
      "The graph marks node1 ⚔ selfish. Select it: the node panel shows its private lead, the blocks it withholds and the step of Eyal & Sirer's algorithm it is at.",
      'The block tree rings each withheld block in red dashes, with the clock it was withheld at; once published it loses the ring.',
      'The event log (filter: attacks) says when node1 publishes and why (to match an honest block, to win a tie, to override with its lead), and which honest blocks each publication orphaned (struck through in the tree).',
    ],
  },
  {
    id: 'double-spend',
    file: 'scenarios/double-spend.json',
    scenario: parse('scenarios/double-spend.json', doubleSpend),
    watch: [
      "Select node1 (⚔ double-spend): its state goes from waiting for the payment's block, to racing, to delivered once the merchant has 2 confirmations, to won.",
      "The block tree shows node1's private branch, withheld, beside the public chain that confirms the payment to so.",
      "When node1 publishes (overtake), every node reorganises: the log names the merchant's blocks orphaned, and the balances show satoshi with the coins.",
    ],
  },
  {
    id: 'eclipse',
    file: 'scenarios/eclipse.json',
    scenario: parse('scenarios/eclipse.json', eclipse),
    watch: [
      "node4, the victim, has only node1's link: its other links start cut (the graph draws them dashed).",
      "node1 feeds node4 its own chain, holding the victim's payment; node2 and node3 confirm the conflicting payment to satoshi. Compare node4's balances with node2's.",
      "When the links heal, node4 reorganises onto the network's longer chain: the log's reorganisation and the tree show its payment's blocks left behind.",
    ],
  },
]
