import { eq } from 'drizzle-orm'
import type { RecordingDb } from './open-database'
import type { RunOwnership, RunOwnerRow } from './run-owner'
import { IMPORTING, runs } from './schema'

/**
 * Marks the runs that were live when their process died; answers how many. Runs recorded by a
 * process that is still alive (another lab, the desktop app, a sweep's workers) are left alone.
 * Whether an owner lives is its lock's answer (run-owner.ts), known the moment it dies. An
 * import its process's death cut short is no run at all: what it wrote goes.
 */
export function markInterruptedRuns(
  db: RecordingDb,
  owner: RunOwnership,
  isAlive: (row: RunOwnerRow) => boolean,
): number {
  const owned = { id: runs.id, ownerPid: runs.ownerPid, ownerLock: runs.ownerLock }
  const dead = new Set<string>()
  let marked = 0
  for (const run of db.select(owned).from(runs).where(eq(runs.status, 'live')).all()) {
    if (isAlive(run)) continue
    db.update(runs).set({ status: 'interrupted' }).where(eq(runs.id, run.id)).run()
    if (run.ownerLock) dead.add(run.ownerLock)
    marked++
  }
  for (const run of db.select(owned).from(runs).where(eq(runs.status, IMPORTING)).all()) {
    if (isAlive(run)) continue
    db.delete(runs).where(eq(runs.id, run.id)).run()
    if (run.ownerLock) dead.add(run.ownerLock)
  }
  for (const token of dead) owner.forget(token)
  return marked
}
