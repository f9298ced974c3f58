import { existsSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Which native build of better-sqlite3 to load. Plain Node (tests, `npm run lab`) uses the one npm
 * built in node_modules/better-sqlite3. Electron needs one built for its own ABI: scripts/
 * postinstall.mjs puts it in node_modules/.chain-lab/better-sqlite3-electron, and a packaged app
 * carries its own rebuilt copy, so there the default is right again. Nothing else knows this.
 */
export function sqliteNativeBinding(appRoot: string, isPackaged: boolean): string | undefined {
  if (!process.versions['electron'] || isPackaged) return undefined
  const binding = join(
    appRoot,
    'node_modules/.chain-lab/better-sqlite3-electron/build/Release/better_sqlite3.node',
  )
  if (!existsSync(binding))
    throw new Error(
      'better-sqlite3 has no Electron build: run `npm install` where the network reaches ' +
        'electronjs.org (scripts/postinstall.mjs makes it)',
    )
  return binding
}
