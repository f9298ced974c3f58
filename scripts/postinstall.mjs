// Runs after every `npm install` / `npm ci`. Two jobs, both skipped cleanly when they cannot run:
//
// 1. Electron types. `electron` is an optional dependency: where its binary cannot be downloaded
//    (offline machines, CI, Node < 22.12) npm leaves it out and everything but the window still
//    works. The Electron shell must still typecheck there, so we fetch the package's own
//    electron.d.ts from the npm registry into node_modules/.chain-lab/electron-types.
//
// 2. better-sqlite3 for Electron. Plain Node (tests, `npm run lab`) and Electron (`npm start`)
//    need different builds of the native module. The Node build stays where npm put it and is
//    never replaced; the Electron build goes into node_modules/.chain-lab/better-sqlite3-electron
//    and src/main/recorder/sqlite-binding.ts picks it at run time. Building it needs Electron's
//    headers or a prebuilt binary from the internet, so offline it is skipped with a notice.
import { execFileSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const modules = join(root, 'node_modules')
const cache = join(modules, '.chain-lab')
const electronDir = join(modules, 'electron')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
// npm and npx are .cmd scripts on Windows, which execFile can only start through a shell.
const shell = process.platform === 'win32'
const electronVersion = pkg.optionalDependencies.electron

function log(message) {
  console.log(`[chain-lab postinstall] ${message}`)
}

function isElectronInstalled() {
  return existsSync(join(electronDir, 'package.json')) && existsSync(join(electronDir, 'path.txt'))
}

function ensureElectronTypes() {
  const typesDir = join(cache, 'electron-types')
  if (existsSync(join(electronDir, 'electron.d.ts'))) {
    rmSync(typesDir, { recursive: true, force: true })
    return
  }
  if (existsSync(join(typesDir, 'electron.d.ts'))) return
  const work = mkdtempSync(join(tmpdir(), 'chain-lab-electron-types-'))
  try {
    const tarball = execFileSync(
      'npm',
      ['pack', `electron@${electronVersion}`, '--silent', '--pack-destination', work],
      { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], shell },
    ).trim()
    execFileSync('tar', ['-xzf', join(work, tarball), '-C', work, 'package/electron.d.ts'])
    mkdirSync(typesDir, { recursive: true })
    cpSync(join(work, 'package', 'electron.d.ts'), join(typesDir, 'electron.d.ts'))
    log(`Electron is not installed here; fetched electron@${electronVersion} types for typecheck`)
  } catch (error) {
    log(`could not fetch Electron types (${firstLine(error)}); typecheck of the shell will fail`)
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

function ensureElectronSqlite() {
  if (!isElectronInstalled()) {
    log('Electron is not installed here: skipping the Electron build of better-sqlite3')
    return
  }
  const version = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version
  const target = join(cache, 'better-sqlite3-electron')
  const binary = join(target, 'build', 'Release', 'better_sqlite3.node')
  const stamp = join(target, '.electron-version')
  if (existsSync(binary) && existsSync(stamp) && readFileSync(stamp, 'utf8') === version) return

  rmSync(target, { recursive: true, force: true })
  cpSync(join(modules, 'better-sqlite3'), target, {
    recursive: true,
    filter: (source) => !source.includes(`${join('better-sqlite3', 'build')}`),
  })
  // The machine-wide npm config may point node-gyp at the system Node's headers; Electron's
  // ABI differs, so that setting must not leak into this build.
  const env = { ...process.env, npm_config_nodedir: '' }
  const attempts = [
    ['prebuild-install', ['--runtime', 'electron', '--target', version]],
    [
      'node-gyp',
      [
        'rebuild',
        '--release',
        '--runtime=electron',
        `--target=${version}`,
        '--dist-url=https://electronjs.org/headers',
      ],
    ],
  ]
  for (const [tool, args] of attempts) {
    try {
      execFileSync('npx', ['--no-install', tool, ...args], {
        cwd: target,
        env,
        stdio: 'pipe',
        shell,
      })
      if (existsSync(binary)) {
        writeFileSync(stamp, version)
        log(`built better-sqlite3 for Electron ${version} with ${tool}`)
        return
      }
    } catch (error) {
      log(`${tool} for Electron ${version} failed: ${firstLine(error)}`)
    }
  }
  rmSync(target, { recursive: true, force: true })
  log('skipped the Electron build of better-sqlite3 (no network?); `npm start` cannot record runs')
}

function firstLine(error) {
  const text = String(error?.stderr || error?.message || error)
  return text.split('\n').find((line) => line.trim()) ?? 'unknown error'
}

ensureElectronTypes()
ensureElectronSqlite()
