import { describe, expect, it } from 'vitest'
import { parseQueueUrl, QueueUrlError } from '../../../../src/main/experiment/queue/queue-url'
import {
  jobData,
  MalformedJobError,
  parseJob,
  parseResult,
  RUN_KIND,
} from '../../../../src/main/experiment/queue/sweep-jobs'
import { expandSweep } from '../../../../src/shared/sweep'

describe('a queue URL', () => {
  it('gives the connection, with its password, and a label without it', () => {
    const target = parseQueueUrl('redis://:s%23cret@queue.lab:6380/2')
    expect(target.label).toBe('redis://queue.lab:6380/2')
    expect(target.connection).toEqual({ host: 'queue.lab', port: 6380, password: 's#cret', db: 2 })
    expect(target.redact('WRONGPASS for s#cret and s%23cret')).toBe('WRONGPASS for *** and ***')
    expect(parseQueueUrl('rediss://user:pw@h').connection).toMatchObject({
      username: 'user',
      port: 6379,
      tls: {},
    })
  })

  it('takes the password from the environment when the URL carries none', () => {
    const target = parseQueueUrl('redis://queue.lab:6380', 'from-env')
    expect(target.connection).toMatchObject({ password: 'from-env' })
    expect(target.redact('said from-env')).toBe('said ***')
    expect(parseQueueUrl('redis://:in-url@h', 'from-env').connection.password).toBe('in-url')
  })

  it('is refused when it is not a Redis URL, without repeating it', () => {
    for (const text of ['queue.lab:6379', 'http://:secret@h', 'redis://:secret@h/x'])
      expect(() => parseQueueUrl(text)).toThrow(QueueUrlError)
    expect(() => parseQueueUrl('http://:secret@h')).not.toThrow(/secret/)
  })
})

describe('a job on the queue', () => {
  const [job] = expandSweep({ base: { nodes: 4 }, vary: {}, seeds: [7] })

  it('is a run of a sweep as data: its settings and seed come back as the sweep gave them', () => {
    const data = JSON.parse(JSON.stringify(jobData('abc', 3, job!, true))) as unknown
    expect(parseJob(RUN_KIND, data)).toEqual({ sweep: 'abc', index: 3, job, record: true })
  })

  it('is refused when it is not a run the lab defines, or its settings are not a sweep file’s', () => {
    const data = jobData('abc', 0, job!, false)
    const refused = (name: string, value: unknown) => () => parseJob(name, value)
    expect(refused('eval', data)).toThrow(MalformedJobError)
    expect(refused(RUN_KIND, { ...data, settings: { ...data.settings, nodes: 0 } })).toThrow(
      /nodes/,
    )
    expect(refused(RUN_KIND, { ...data, settings: { nodes: 4 } })).toThrow(/missing topology/)
    expect(refused(RUN_KIND, { ...data, settings: { ...data.settings, run: 'x' } })).toThrow(
      MalformedJobError,
    )
    expect(refused(RUN_KIND, { ...data, sweep: '../../etc' })).toThrow(MalformedJobError)
    expect(refused(RUN_KIND, { ...data, extra: 1 })).toThrow(MalformedJobError)
  })
})

describe('a run’s result from the queue', () => {
  const worker = 'lab-a:101'
  it('takes a clocked experiment’s metrics and a double spend’s attempts', () => {
    const clocked = { metrics: { clocks: 100, staleRate: 0 }, runFile: null, worker }
    expect(parseResult(JSON.stringify(clocked))).toEqual(clocked)
    const trials = {
      metrics: { kind: 'trials', attack: { kind: 'double-spend', trials: 30 }, runId: null },
      runFile: null,
      worker,
    }
    expect(parseResult(trials)).toEqual(trials)
  })

  it('refuses anything else', () => {
    const metrics = { kind: 'trials', attack: { kind: 'selfish', trials: 30 } }
    expect(() => parseResult({ metrics, runFile: null, worker })).toThrow(MalformedJobError)
    expect(() => parseResult({ metrics: {}, runFile: null, worker })).toThrow(MalformedJobError)
  })
})
