import { describe, expect, it } from 'vitest'
import { hostFactory } from '../../../src/main/host/create-host'
import { LabService } from '../../../src/main/lab/lab-service'

describe('the lab service', () => {
  it('runs the next command only once a listener that asked it to wait is done', async () => {
    const service = await LabService.create({ difficulty: 4 }, { createHost: hostFactory(0) })
    let release = () => {}
    const order: string[] = []
    service.onCommand(({ command }) => {
      order.push(`heard ${command.type}`)
      if (command.type === 'start')
        return new Promise<void>((resolve) => (release = () => (order.push('released'), resolve())))
    })
    const first = service.execute({ type: 'start' }, 'lab-api')
    const second = service.execute({ type: 'step', clocks: 1 }, 'lab-api')
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(order).toEqual(['heard start'])
    release()
    await Promise.all([first, second])
    expect(order).toEqual(['heard start', 'released', 'heard step'])
    await service.close()
  })
})
