/**
 * What differs between the places the lab runs: the desktop bundle (its workers built as .js
 * files next to it, its own migrations folder, better-sqlite3 built for Electron) and the sources
 * run by tsx or vitest. The composition root builds the hosts, the recorder and the handlers from
 * this one object, so a worker's URL given here reaches every place that starts that worker.
 */
export interface Platform {
  readonly appVersion: string
  /** Each worker thread's code; absent: its TypeScript source (loaded through tsx). */
  readonly workers?: {
    readonly shard?: URL
    readonly writer?: URL
    readonly replay?: URL
    readonly sweep?: URL
    readonly databaseCheck?: URL
    readonly job?: URL
  }
  /** drizzle/'s migrations; absent: the repository's. */
  readonly migrationsFolder?: string
  /** The better-sqlite3 build to load; absent: the one npm built for Node. */
  readonly nativeBinding?: string | undefined
}

/** The lab run from its sources (`npm run lab`, tests): every default. */
export function sourcePlatform(appVersion: string): Platform {
  return { appVersion }
}
