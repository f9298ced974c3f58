// `npm run bench`: figures measured in one run on this machine, with ratios against the bare
// platform measured in the same run. Nothing here asserts on time.
import { availableParallelism, cpus, loadavg } from 'node:os'
import { benchAttacks } from './attacks.bench'
import { benchEngine } from './engine.bench'
import { benchFidelity } from './fidelity.bench'
import { benchHttp } from './http.bench'
import { benchIdleClients } from './idle-clients.bench'
import { benchLabStep } from './lab-step.bench'
import { benchPageSize } from './page-size.bench'
import { benchPow } from './pow.bench'
import { benchScale } from './scale.bench'
import { benchScaleOut } from './scale-out.bench'
import { benchLargeRun, benchRecorder } from './recorder.bench'
import { benchRecordCost } from './record-cost.bench'
import { benchReplay } from './replay.bench'
import { benchReplayRoutes } from './replay-routes.bench'
import { benchUi } from './ui.bench'
import { benchUiAb } from './ui-ab.bench'
import { benchUiLarge } from './ui-large.bench'
import { benchUiProfile } from './ui-profile.bench'
import { benchUiReplay } from './ui-replay.bench'

const only = process.argv.slice(2)
const want = (name: string) => only.length === 0 || only.includes(name)

console.log(`# Chain Lab bench — ${new Date().toISOString()}`)
console.log(
  `node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown'})`,
)
if (want('pow')) benchPow()
if (want('engine')) await benchEngine()
if (want('http')) await benchHttp()
if (want('recorder')) await benchRecorder()
if (want('large-run')) await benchLargeRun()
if (want('page-size')) benchPageSize()
if (want('fidelity')) await benchFidelity()
if (want('scale')) await benchScale()
if (want('replay')) await benchReplay()
// Two pairs of 1,000-node runs, a minute or more: only when asked for (`npm run bench -- record-cost`).
if (only.includes('record-cost')) await benchRecordCost()
// Records a 300-node experiment and reads it in three forms: minutes, only when asked for
// (`npm run bench -- replay-routes`).
if (only.includes('replay-routes')) await benchReplayRoutes()
// Needs a redis-server and some minutes: only when asked for (`npm run bench -- scale-out`).
if (only.includes('scale-out')) await benchScaleOut()
// A lab stepped as the page plays three nodes, 15 s: only when asked for (`npm run bench -- lab-step`).
if (only.includes('lab-step')) await benchLabStep()
// 300 sockets and 30,000 clocks: only when asked for (`npm run bench -- idle-clients`).
if (only.includes('idle-clients')) await benchIdleClients()
// Statistics, not timings, and a minute or more: only when asked for (`npm run bench -- attacks`).
if (only.includes('attacks')) benchAttacks(loadavg)
// Not in the default run: it drives a browser for a minute or two.
if (only.includes('ui')) await benchUi()
// Its three-node figures alone (issue 11's speeds, frames and clicks): a minute or two.
if (only.includes('ui-3')) await benchUi(true)
// The large networks of `ui` alone (2,000 and 10,000 nodes).
if (only.includes('ui-large')) await benchUiLarge()
// The replay part of `ui` alone, on a run recorded for it (UI_REPLAY_CLOCKS long, default 200).
if (only.includes('ui-replay')) await benchUiReplay(Number(process.env['UI_REPLAY_CLOCKS'] ?? 200))
// Where the live page's time goes at 100 and 1,000 clocks/s (a CPU profile): only when asked for.
if (only.includes('ui-profile')) await benchUiProfile()
// Two builds of the UI in turn against one lab (UI_AB=before,after): only when asked for.
if (only.includes('ui-ab')) await benchUiAb()
