import { Menu, type MenuItemConstructorOptions } from 'electron'

/** The application menu with the usual roles and shortcuts. */
export function buildMenu(newWindow: () => void, openRun: () => void): Menu {
  const isMac = process.platform === 'darwin'
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'New Window', accelerator: 'CmdOrCtrl+N', click: newWindow },
        { label: 'Open Run…', accelerator: 'CmdOrCtrl+O', click: openRun },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ]
  return Menu.buildFromTemplate(template)
}
