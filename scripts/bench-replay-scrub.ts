/**
 * Scrubbing a recorded 2,000-node run: how long `state?clock=N` takes (the replayer's stateAt
 * plus the JSON the handler answers) for N, N+1, N+2, N-1, next to a fresh replayer (no cache)
 * at the same clocks. A script that prints figures, not a test:
 *
 *   npx tsx scripts/bench-replay-scrub.ts [--db /tmp/scrub.sqlite] [--nodes 2000] [--clocks 300] [--at 250] [--interval 50]
 *
 * With `--model`, a person scrubbing instead, modelled against the replay thread's answers
 * (StateAnswers) in this one thread, no page and no HTTP: the jumps and scrubs
 * `npm run bench -- ui-replay` makes (test/bench/replay-scrubs.ts), a clock every `--cadence` ms
 * (150) after the last answer, the work ahead run in between as the thread would while idle.
 * Prints each jump's time and each scrub's wait (0 when its answer was made before it was
 * asked): where the first clocks back after a jump come too late.
 *
 * The run is recorded once into --db (kept, so later runs reuse it; delete it to re-record).
 */
import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { hostFactory } from '../src/main/host/create-host'
import { LabService } from '../src/main/lab/lab-service'
import { Recorder } from '../src/main/recorder/recorder'
import type { RunReader } from '../src/main/recorder/read/run-reader'
import { RunReplayer } from '../src/main/recorder/replay/run-replay'
import { StateAnswers } from '../src/main/recorder/replay/state-answers'
import type { RunSummary } from '../src/shared/run-types'
import { FORWARD_PER_JUMP, JUMPS, SCRUBS_PER_JUMP } from '../test/bench/replay-scrubs'
import { percentile } from '../test/bench/report'

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: '/tmp/chain-lab-scrub.sqlite' },
    nodes: { type: 'string', default: '2000' },
    clocks: { type: 'string', default: '300' },
    at: { type: 'string', default: '250' },
    interval: { type: 'string', default: '50' },
    model: { type: 'boolean', default: false },
    cadence: { type: 'string', default: '150' },
  },
})
const nodes = Number(values.nodes)
const clocks = Number(values.clocks)
const at = Number(values.at)

async function record(file: string): Promise<void> {
  const service = await LabService.create(
    {
      nodes,
      difficulty: 4,
      topology: { kind: 'random', degree: 8 },
      autoMine: { interval: Number(values.interval), hashPower: null },
    },
    { createHost: hostFactory(0) },
  )
  const recorder = Recorder.open(file, { appVersion: 'bench' })
  recorder.attach(service)
  const started = performance.now()
  await service.execute({ type: 'start' }, 'scenario')
  for (let clock = 0; clock < clocks; clock++)
    await service.execute({ type: 'step', clocks: 1 }, 'scenario')
  await recorder.sync()
  console.log(
    `recorded ${nodes} nodes × ${clocks} clocks in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  )
  await recorder.close()
  await service.close()
}

function time(replayer: RunReplayer, runId: number, clock: number, chainsOf?: string) {
  const t0 = performance.now()
  const state = replayer.stateAt(runId, clock, chainsOf)
  const t1 = performance.now()
  const json = JSON.stringify(state)
  const t2 = performance.now()
  return { state: t1 - t0, json: t2 - t1, bytes: json.length }
}

/** See `--model` above. */
function modelScrubs(reader: RunReader, run: RunSummary): void {
  const cadence = Number(values.cadence)
  const node = reader.config(run.id)?.config.nodes[0]
  const idle: (() => void)[] = []
  const readyAt = new Map<number, number>()
  const answers = new StateAnswers(
    new RunReplayer(reader),
    reader,
    (work) => void idle.push(work),
    (ready) => readyAt.set(ready.clock, performance.now()),
  )
  let ticket = 0
  let previous: number | undefined
  const ask = (clock: number): number => {
    const mine = ++ticket
    const started = performance.now()
    answers.answer(run.id, clock, node, () => ticket !== mine)
    const took = performance.now() - started
    answers.followScrub({
      runId: run.id,
      clock,
      chainsOf: node,
      current: () => ticket === mine,
      previous,
    })
    previous = clock
    return took
  }
  // The thread works ahead until the next request comes (a piece of work, once begun, ends first).
  const idleUntil = (at: number) => {
    while (performance.now() < at) idle.shift()?.()
  }
  const waits: number[] = []
  const steps = [
    ...Array<number>(SCRUBS_PER_JUMP).fill(-1),
    ...Array<number>(FORWARD_PER_JUMP).fill(1),
  ]
  for (const share of JUMPS) {
    let clock = Math.round(share * run.clocks)
    const row = [`jump to ${clock}: ${ask(clock).toFixed(0)} ms; scrubs waited`]
    for (const step of steps) {
      const asked = performance.now() + cadence
      idleUntil(asked)
      clock += step
      const ready = readyAt.get(clock)
      ask(clock)
      const waited = ready !== undefined && ready <= asked ? 0 : performance.now() - asked
      waits.push(waited)
      row.push(`${clock} ${waited.toFixed(0)}`)
    }
    console.log(row.join(', '))
    idleUntil(performance.now() + 1_000)
  }
  const p90 = percentile(
    [...waits].sort((a, b) => a - b),
    90,
  )
  console.log(
    `${waits.length} scrubs, a clock every ${cadence} ms: waited p90 ${p90.toFixed(0)} ms`,
  )
}

async function main(): Promise<void> {
  if (!existsSync(values.db)) await record(values.db)
  const recorder = Recorder.open(values.db, { appVersion: 'bench' })
  const run = recorder.reader.listRuns().find((r) => r.nodes === nodes)
  if (!run) throw new Error(`no ${nodes}-node run in ${values.db}`)
  console.log(`run ${run.id}: ${run.nodes} nodes, ${run.clocks} clocks, ${run.events} events`)
  if (values.model) {
    modelScrubs(recorder.reader, run)
    await recorder.close()
    return
  }
  console.log('clock  cached: state ms + JSON ms  | fresh replayer: state ms + JSON ms | JSON MB')
  for (const clock of [at, at + 1, at + 2, at - 1, at + 3, at - 5]) {
    const cached = time(recorder.replayer, run.id, clock)
    const fresh = time(new RunReplayer(recorder.reader), run.id, clock)
    console.log(
      `${String(clock).padStart(5)}  ${cached.state.toFixed(0).padStart(6)} + ${cached.json.toFixed(0).padStart(4)}` +
        `                  | ${fresh.state.toFixed(0).padStart(6)} + ${fresh.json.toFixed(0).padStart(4)}` +
        `                    | ${(cached.bytes / 1e6).toFixed(2)}`,
    )
  }
  console.log('the same, cached, with chainsOf=node1 (one node with its chain and tree)')
  for (const clock of [at + 10, at + 11, at + 12, at + 9]) {
    const light = time(recorder.replayer, run.id, clock, 'node1')
    console.log(
      `${String(clock).padStart(5)}  ${light.state.toFixed(0).padStart(6)} + ${light.json.toFixed(0).padStart(4)}` +
        ` | JSON ${(light.bytes / 1e6).toFixed(2)} MB`,
    )
  }
  await recorder.close()
}

void main()
