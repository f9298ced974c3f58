import { homedir } from 'node:os'
import { join } from 'node:path'

export const APP_NAME = 'Chain Lab'
export const DB_FILE = 'chain-lab.sqlite'

/**
 * The per-user application-data folder, as Electron's app.getPath('userData') names it for this
 * app, so the headless lab and the desktop app share one file.
 */
export function userDataFolder(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32')
    return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), APP_NAME)
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME)
  return join(env['XDG_CONFIG_HOME'] ?? join(home, '.config'), APP_NAME)
}

export function defaultDbPath(): string {
  return join(userDataFolder(), DB_FILE)
}
