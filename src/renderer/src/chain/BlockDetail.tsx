import type { Block } from '../../../shared/api-types'

/** Every field of a block, as the node API shows it. */
export function BlockDetail({ block, onClose }: { block: Block; onClose: () => void }) {
  return (
    <section className="block-detail" aria-label={`Block ${block.id}`}>
      <header>
        <h4>Block {block.id}</h4>
        <button onClick={onClose} aria-label="close block detail">
          ×
        </button>
      </header>
      <dl className="facts">
        <dt>hash</dt>
        <dd className="hash">{block.hash}</dd>
        <dt>previous</dt>
        <dd className="hash">{block.previous_block_hash}</dd>
        <dt>timestamp</dt>
        <dd>{block.timestamp}</dd>
        <dt>nonce</dt>
        <dd>{block.nonce}</dd>
        <dt>miner</dt>
        <dd>{block.miner ?? '(genesis)'}</dd>
      </dl>
      <h5>Transactions ({block.transactions.length})</h5>
      <ul className="pool">
        {block.transactions.map((tx) => (
          <li key={tx.id}>
            {tx.sender ?? '(genesis)'} → {tx.recipient}: {tx.value}
          </li>
        ))}
      </ul>
    </section>
  )
}
