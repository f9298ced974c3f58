// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { Glossary } from '../../../src/renderer/src/help/Glossary'
import { GLOSSARY } from '../../../src/renderer/src/help/glossary'
import { Legend } from '../../../src/renderer/src/network/Legend'
import { NodeDetails } from '../../../src/renderer/src/network/NodeDetails'
import { createNodeSnapshot } from '../../support/network-fixtures'

describe('the words a learner meets', () => {
  afterEach(cleanup)

  it('are all in the glossary, the abbreviations included', () => {
    const { container } = render(<Glossary />)
    const terms = [...container.querySelectorAll('dfn')].map((t) => t.textContent)
    expect(terms).toEqual(Object.keys(GLOSSARY))
    for (const word of ['t/h', 'queued', 'tip', 'block to 90 %', 'reorganisation'])
      expect(terms).toContain(word)
  })

  it("explain themselves where they appear: a node's facts and the graph's legend", () => {
    const { container } = render(
      <>
        <NodeDetails node={createNodeSnapshot('node1', { clock: 3, height: 1, queued: 2 })} />
        <Legend />
      </>,
    )
    const explained = Object.fromEntries(
      [...container.querySelectorAll('abbr.term')].map((a) => [
        a.textContent,
        a.getAttribute('title'),
      ]),
    )
    expect(explained['queued']).toBe(GLOSSARY.queued)
    expect(explained['tip']).toBe(GLOSSARY.tip)
    expect(explained['t12 h3']).toBe(GLOSSARY['t/h'])
  })
})
