import { GLOSSARY, type GlossaryTerm } from './glossary'

/** A word the glossary explains, its meaning on hover and to screen readers. */
export function Term({ term, children }: { term: GlossaryTerm; children?: React.ReactNode }) {
  return (
    <abbr className="term" title={GLOSSARY[term]}>
      {children ?? term}
    </abbr>
  )
}
