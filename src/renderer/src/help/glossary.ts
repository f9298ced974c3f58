/**
 * Every word and abbreviation the UI uses that a learner may not know, in one place: the
 * glossary shows them all, and `<Term>` puts the same words in a tooltip where the word appears.
 */
export const GLOSSARY = {
  clock: 'The simulated time. Every node does one thing per clock; nothing happens between clocks.',
  't/h':
    "On a node in the graph: t12 is the node's clock (12), h3 the height of its main chain (3 blocks after genesis).",
  height: 'How many blocks a chain has after the genesis block.',
  tip: "The newest block of a node's main chain (its hash, shortened).",
  'main chain':
    'The longest chain a node knows: the one whose balances it believes. Blocks on other branches are stale.',
  genesis: 'The first block, the same for every node: it gives the accounts their coins.',
  queued:
    'Work waiting for the node: requests (mine, a transaction), a relay of what it just received, messages in its inbox.',
  orphans: 'Blocks a node holds whose parent it has not received yet.',
  pool: 'Transactions a node has accepted but no block of its main chain holds yet.',
  status:
    'What the node does this clock: idle, mining (3 clocks), broadcasting or receiving a block or a transaction (1 clock each).',
  fork: 'Two blocks on the same parent: for a while, nodes disagree on the newest block.',
  'stale block': 'A block that ended up off the main chain: its work and its reward are lost.',
  'rival block':
    'A block some node took in off its main chain: both blocks of a fork are rivals until one branch wins.',
  reorganisation:
    'A node switches its main chain to a longer branch: it abandons blocks at its tip and adopts the other branch’s (depth = blocks abandoned).',
  partition: 'Cut links split the network into sides that cannot hear each other.',
  'link cut / healed':
    'A cut link drops every message on it. When it comes up again, each end announces its tip to the other.',
  announce:
    'On a link coming up, each end sends its tip; a peer that lacks it asks for the blocks it misses.',
  difficulty:
    'Leading zero bits a block hash must have: the higher, the rarer a valid block (the lab mines in simulated time).',
  latency: 'Extra clocks a message spends on a link.',
  'fork rate': 'Share of heights at which more than one block was mined.',
  'stale rate': 'Share of mined blocks that ended off the final main chain.',
  predicted: 'The fork rate the analytic model predicts for the settings (docs/experiments.md).',
  'block to 90 %':
    'Median clocks from a block being mined until 90 % of the nodes have it: how fast blocks spread.',
  seeds: 'How many runs with different random seeds each row averages.',
} as const

export type GlossaryTerm = keyof typeof GLOSSARY
