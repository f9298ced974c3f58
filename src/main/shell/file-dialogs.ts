import {
  BrowserWindow,
  app,
  dialog,
  type OpenDialogOptions,
  type SaveDialogOptions,
} from 'electron'
import { join } from 'node:path'
import type { FileDialogs } from '../handlers/caller'

const RUN_FILES = { name: 'Chain Lab runs', extensions: ['chain-lab-run'] }

/** The system's file dialogs, attached to the focused window (the one whose click asked). */
export function electronFileDialogs(): FileDialogs {
  return {
    chooseRunFile: async () => {
      const options: OpenDialogOptions = {
        title: 'Open run',
        properties: ['openFile'],
        filters: [RUN_FILES],
      }
      const window = BrowserWindow.getFocusedWindow()
      const { canceled, filePaths } = window
        ? await dialog.showOpenDialog(window, options)
        : await dialog.showOpenDialog(options)
      return canceled ? null : (filePaths[0] ?? null)
    },
    chooseExportPath: async (name) => {
      const options: SaveDialogOptions = {
        title: 'Export run',
        defaultPath: join(app.getPath('downloads'), name),
        properties: ['showOverwriteConfirmation', 'createDirectory'],
      }
      const window = BrowserWindow.getFocusedWindow()
      const { canceled, filePath } = window
        ? await dialog.showSaveDialog(window, options)
        : await dialog.showSaveDialog(options)
      return canceled || !filePath ? null : filePath
    },
  }
}
