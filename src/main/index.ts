// The Electron shell: one window on the lab. Everything below it (the simulation, the service,
// the HTTP APIs) is the same code `npm run lab` runs headless.
import { join } from 'node:path'
import { app, BrowserWindow, dialog, ipcMain, Menu, session, type WebContents } from 'electron'
import { FORWARDED_EVENTS } from '../shared/lab-events'
import { EVENT_CHANNEL } from '../shared/lab-method-names'
import { registerIpc } from './ipc/register-ipc'
import { startLab, WRITER_LIMIT_MS, type LabApp } from './app/lab-app'
import type { Platform } from './app/platform'
import { DatabaseFileError } from './recorder/database-check'
import { DB_FILE } from './recorder/default-db-path'
import { sqliteNativeBinding } from './recorder/sqlite-binding'
import { buildMenu } from './shell/app-menu'
import { electronFileDialogs } from './shell/file-dialogs'
import { CONTENT_SECURITY_POLICY } from '../shared/content-security-policy'

const windows = new Set<BrowserWindow>()
let lab: LabApp | undefined

function isOwnWindow(sender: WebContents): boolean {
  return [...windows].some((w) => !w.isDestroyed() && w.webContents === sender)
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Chain Lab',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  })
  windows.add(window)
  window.on('closed', () => windows.delete(window))
  window.once('ready-to-show', () => window.show())
  const devUrl = process.env['ELECTRON_RENDERER_URL']
  if (!app.isPackaged && devUrl) void window.loadURL(devUrl)
  else void window.loadFile(join(import.meta.dirname, '../renderer/index.html'))
  return window
}

function hardenContents(): void {
  // No remote content: the window never navigates away and never opens another.
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault())
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  })
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    })
  })
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  )
}

/** The built app: its workers bundled next to this file, its migrations, Electron's SQLite. */
function desktopPlatform(): Platform {
  return {
    appVersion: app.getVersion(),
    // electron-vite builds each worker next to this bundle (see electron.vite.config.ts).
    workers: {
      shard: new URL('./shard-worker.js', import.meta.url),
      writer: new URL('./writer-worker.js', import.meta.url),
      replay: new URL('./replay-worker.js', import.meta.url),
      sweep: new URL('./sweep-worker.js', import.meta.url),
      databaseCheck: new URL('./database-check-worker.js', import.meta.url),
      job: new URL('./job-worker.js', import.meta.url),
    },
    // drizzle/ ships with the app (electron-builder `files`); in development it is the repo's.
    migrationsFolder: join(app.getAppPath(), 'drizzle'),
    nativeBinding: sqliteNativeBinding(app.getAppPath(), app.isPackaged),
  }
}

async function startApp(): Promise<void> {
  hardenContents()
  Menu.setApplicationMenu(
    buildMenu(
      () => createWindow(),
      // The window's Runs view asks for the file (openRunFile), so it shows the import's outcome.
      () =>
        BrowserWindow.getFocusedWindow()?.webContents.send(EVENT_CHANNEL, {
          name: 'menu',
          payload: 'open-run',
        }),
    ),
  )
  try {
    lab = await startLab({
      firstPort: 50082,
      labPort: 50080,
      platform: desktopPlatform(),
      // One worker hosts the nodes, so the window and the APIs never wait on the simulation.
      workers: 1,
      recording: { file: join(app.getPath('userData'), DB_FILE) },
    })
  } catch (error) {
    // A database file the lab cannot use is the user's to fix: its one line says how. It exits
    // with 2, as `npm run lab` does, so a script starting the app can tell it from a crash.
    const unusable = error instanceof DatabaseFileError
    dialog.showErrorBox(
      unusable ? 'Chain Lab cannot use its database' : 'Chain Lab cannot start',
      error instanceof Error ? error.message : String(error),
    )
    if (unusable) app.exit(2)
    else app.quit()
    return
  }
  registerIpc(
    ipcMain,
    lab.handlers,
    { origin: 'desktop', dialogs: electronFileDialogs() },
    isOwnWindow,
  )
  for (const name of FORWARDED_EVENTS) {
    lab.service.bus.on(name, (payload) => {
      for (const window of windows) window.webContents.send(EVENT_CHANNEL, { name, payload })
    })
  }
  createWindow()
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    const [window] = windows
    if (window) {
      if (window.isMinimized()) window.restore()
      window.focus()
    }
  })
  app.whenReady().then(startApp, (error: unknown) => console.error(error))
  app.on('activate', () => {
    if (windows.size === 0 && lab) createWindow()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('will-quit', (event) => {
    if (!lab) return
    event.preventDefault()
    const closing = lab
    lab = undefined
    void closing.close({ deadline: Date.now() + WRITER_LIMIT_MS }).finally(() => app.quit())
  })
}
