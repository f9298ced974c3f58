// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { NetworkInfo } from '../../../src/shared/api-types'
import { ControlBar } from '../../../src/renderer/src/controls/ControlBar'
import type { usePlayer } from '../../../src/renderer/src/controls/use-player'

type Player = ReturnType<typeof usePlayer>

const network = { clock: 120, started: true } as NetworkInfo

function playing(achieved: number | null, paced: boolean): Player {
  const nothing = () => {}
  return {
    playing: true,
    toggle: nothing,
    stop: nothing,
    speed: 1000,
    setSpeed: nothing,
    achieved,
    paced,
    runTo: () => Promise.resolve(),
    progress: null,
    cancelRun: nothing,
  }
}

function bar(player: Player) {
  const nothing = () => {}
  render(
    <ControlBar
      network={network}
      player={player}
      onStart={nothing}
      onReset={nothing}
      onStep={nothing}
      onNewNetwork={nothing}
    />,
  )
  return screen.getByTestId('achieved')
}

describe('the speed control while playing', () => {
  afterEach(cleanup)

  it('shows the rate reached beside the setting', () => {
    expect(bar(playing(null, false)).textContent).toBe('measuring…')
    cleanup()
    const achieved = bar(playing(98.44, false))
    expect(achieved.textContent).toBe('reached 98.4/s')
    expect(achieved.getAttribute('title')).toBe('clocks per second reached')
  })

  it('says when the lab is rested to keep the frames, and why, rather than only a lower rate', () => {
    const achieved = bar(playing(61.2, true))
    expect(achieved.textContent).toBe('reached 61.2/s, paced to keep the frames')
    expect(achieved.getAttribute('title')).toMatch(
      /fewer clocks a step, or rests between steps, .* 30 frames a second/,
    )
  })
})
