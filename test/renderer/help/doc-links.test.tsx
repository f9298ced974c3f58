/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest'
import { docSection, type DocName } from '../../../src/renderer/src/help/DocLink'

const RENDERER = '../../../src/renderer/src'
/** The renderer's components, as text (Vite reads them for the test). */
const SOURCES = import.meta.glob<string>('../../../src/renderer/src/**/*.tsx', {
  query: '?raw',
  import: 'default',
  eager: true,
})

/** Every `<DocLink …>` in the renderer's source: where, which document, which section. */
function docLinks(): { file: string; doc: DocName; section: string }[] {
  return Object.entries(SOURCES).flatMap(([file, text]) =>
    [...text.matchAll(/<DocLink\b([^>]*)>/g)].map((m) => ({
      file,
      doc: (/doc="([\w-]+)"/.exec(m[1]!)?.[1] ?? 'node-model') as DocName,
      section: /section="([\w-]+)"/.exec(m[1]!)?.[1] ?? '(none)',
    })),
  )
}

describe('the links from each view to the part of the docs it shows', () => {
  it('names a section its document has, in every view', () => {
    const links = docLinks()
    expect(links.length).toBeGreaterThan(8)
    for (const { file, doc, section } of links)
      expect(() => docSection(doc, section), `${file}: ${doc}#${section}`).not.toThrow()
  })

  it('is there in every view: graph, log, tree, fork guide, attack guide, attacker panel, charts, runs, replay, API, experiments, glossary', () => {
    const files = new Set(docLinks().map((l) => l.file.slice(RENDERER.length + 1)))
    expect([...files].sort()).toEqual(
      [
        'network/Legend.tsx',
        'events/EventLog.tsx',
        'chain/NetworkTreeView.tsx',
        'live/ForkGuide.tsx',
        'live/AttackGuidePanel.tsx',
        'network/AttackerFacts.tsx',
        'charts/Charts.tsx',
        'runs/RunsView.tsx',
        'runs/ReplayView.tsx',
        'api/ApiPanel.tsx',
        'experiments/ExperimentsView.tsx',
        'help/Glossary.tsx',
      ].sort(),
    )
  })

  it('opens the README section of the lab API with its curl lines', () => {
    const api = docSection('readme', 'the-lab-api')
    expect(api.title).toBe('The lab API')
    expect(api.body).toContain('curl -X POST $L/api/network/reset')
  })
})
