/*
|--------------------------------------------------------------------------
| npm start
|--------------------------------------------------------------------------
|
| Builds the console and the portal when their sources are newer than their
| build, then runs the HTTP server (which migrates, seeds a fresh database
| and serves everything on one port).
*/
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../', import.meta.url))

if (Number(process.versions.node.split('.')[0]) < 24) {
  console.error(`Creditdesk needs Node 24 (this is ${process.version}). Run it through npm (npm start), which uses the Node installed in node_modules.`)
  process.exit(1)
}

function newest(path) {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs)
}

for (const app of ['admin', 'portal']) {
  const built = join(root, app, 'dist', 'index.html')
  const sources = Math.max(newest(join(root, app, 'src')), newest(join(root, app, 'index.html')), newest(join(root, app, 'vite.config.ts')))
  if (!existsSync(built) || statSync(built).mtimeMs < sources) {
    console.log(`Building ${app}…`)
    const result = spawnSync('npm', ['run', 'build', '-w', app], { cwd: root, stdio: 'inherit' })
    if (result.status !== 0) process.exit(result.status ?? 1)
  }
}

const server = spawn(process.execPath, ['--import=@poppinss/ts-exec', '--enable-source-maps', 'bin/server.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: process.env,
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
