import { describe, expect, it, vi } from 'vitest'
import Graph from 'graphology'
import { listenToPointer } from '../../../src/renderer/src/network/graph-pointer'

/** Sigma's events without its drawing: what the pointer code listens to, emitted by hand. */
function fakeRenderer() {
  const listeners = new Map<string, ((e: unknown) => void)[]>()
  const on = (name: string, fn: (e: unknown) => void) => {
    listeners.set(name, [...(listeners.get(name) ?? []), fn])
  }
  const renderer = {
    on,
    getMouseCaptor: () => ({ on }),
    graphToViewport: (p: { x: number; y: number }) => p,
    scaleSize: (s: number) => s,
    getNodeDisplayData: () => ({ size: 2 }),
  }
  const emit = (name: string, e: unknown) => listeners.get(name)?.forEach((fn) => fn(e))
  return { renderer, emit }
}

const at = (x: number, y: number) => ({ x, y, original: { buttons: 1 }, preventSigmaDefault() {} })

describe("the graph's pointer", () => {
  function listening(nodesAsPoints: boolean) {
    const graph = new Graph()
    graph.addNode('node1', { x: 0, y: 0, size: 2 })
    graph.addNode('node2', { x: 50, y: 0, size: 2 })
    const { renderer, emit } = fakeRenderer()
    const onPress = vi.fn()
    const onSelect = vi.fn()
    listenToPointer(
      renderer as never,
      { graph } as never,
      { current: { onPress, onSelect, links: [] } },
      { nodesAsPoints, linksClickable: false },
    )
    return { emit, onPress, onSelect }
  }

  it('tells a press on a node before its click', () => {
    const { emit, onPress, onSelect } = listening(false)
    emit('downNode', { node: 'node2', event: at(50, 0) })
    expect(onPress).toHaveBeenCalledWith('node2')
    expect(onSelect).not.toHaveBeenCalled()
    emit('clickNode', { node: 'node2', event: at(50, 0) })
    expect(onSelect).toHaveBeenCalledWith('node2')
  })

  it('on a large graph, finds the pressed node by where it is drawn', () => {
    const { emit, onPress } = listening(true)
    emit('downStage', { event: at(51, 1) })
    expect(onPress).toHaveBeenCalledWith('node2')
    emit('downStage', { event: at(25, 25) })
    expect(onPress).toHaveBeenCalledTimes(1)
  })

  it('tells no press of another button than the main one (a menu, not a selection)', () => {
    const { emit, onPress } = listening(false)
    emit('downNode', { node: 'node2', event: { ...at(50, 0), original: { button: 2 } } })
    expect(onPress).not.toHaveBeenCalled()
    emit('downNode', { node: 'node2', event: { ...at(50, 0), original: { button: 0 } } })
    expect(onPress).toHaveBeenCalledWith('node2')
  })
})
