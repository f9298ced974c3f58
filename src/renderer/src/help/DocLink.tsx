import { memo } from 'react'
import attacks from '../../../../docs/attacks.md?raw'
import experiments from '../../../../docs/experiments.md?raw'
import nodeModel from '../../../../docs/node-model.md?raw'
import recording from '../../../../docs/recording.md?raw'
import readme from '../../../../README.md?raw'
import { docSections, type DocSection } from './doc-sections'
import './help.css'

/** The documents a view may link to, each split into its sections once. */
const DOCS = {
  'node-model': { file: 'docs/node-model.md', sections: docSections(nodeModel) },
  recording: { file: 'docs/recording.md', sections: docSections(recording) },
  experiments: { file: 'docs/experiments.md', sections: docSections(experiments) },
  attacks: { file: 'docs/attacks.md', sections: docSections(attacks) },
  readme: { file: 'README.md', sections: docSections(readme) },
} as const

export type DocName = keyof typeof DOCS

/** The section of a document of this slug (a typo fails the component tests). */
export function docSection(doc: DocName, section: string): DocSection & { file: string } {
  const { file, sections } = DOCS[doc]
  const found = sections.get(section)
  if (!found) throw new Error(`${file} has no section ${section}`)
  return { ...found, file }
}

/** The section of docs/node-model.md of this slug. */
export function nodeModelSection(section: string): DocSection {
  return docSection('node-model', section)
}

/**
 * A link from a view to the part of the documentation it shows (by default docs/node-model.md),
 * opened in place: the app runs offline and in a browser alike, so the text is bundled rather
 * than fetched. Memoised: the section's paragraphs are in the page while closed, and the views
 * around it (the charts, the block tree) render on every clock while the network plays.
 */
export const DocLink = memo(function DocLink({
  section,
  doc = 'node-model',
  children,
}: {
  section: string
  doc?: DocName
  children: React.ReactNode
}) {
  const found = docSection(doc, section)
  return (
    <details className="doc-link">
      <summary>{children}</summary>
      <div className="doc-section" role="note" aria-label={`From ${found.file}: ${found.title}`}>
        <h4>{found.title}</h4>
        {found.body
          .split(/\n{2,}/)
          .map((para, i) =>
            para.startsWith('```') || para.startsWith('    ') || para.startsWith('|') ? (
              <pre key={i}>{para.replace(/^```\w*\n?|```$/g, '')}</pre>
            ) : (
              <p key={i}>{para.replace(/\n/g, ' ')}</p>
            ),
          )}
      </div>
    </details>
  )
})
