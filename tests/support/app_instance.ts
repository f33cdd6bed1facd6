/**
 * Another instance of the app for a test: the real HTTP server (bin/server.ts) in a child process,
 * on the test run's database (the same PostgreSQL URLs, so it sees what tests commit), on a free
 * port of its own, with whatever extra environment the test gives it (REDIS_URL…). No demo data,
 * no background jobs. `stop()` ends it (SIGTERM, then SIGKILL after 10 s).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export class AppInstance {
  child?: ChildProcess
  output = ''
  port = 0

  constructor(private extraEnv: Record<string, string> = {}) {}

  base() {
    return `http://127.0.0.1:${this.port}`
  }

  async start(timeoutMs = 60_000) {
    this.port = await freePort()
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(this.port),
      HOST: '127.0.0.1',
      SEED_DEMO: 'false',
      JOBS_ENABLED: 'false',
      LOG_LEVEL: 'warn',
      ...this.extraEnv,
    }
    delete env.TEST_PORT
    const child = spawn(process.execPath, ['--import=@poppinss/ts-exec', 'bin/server.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
    const keep = (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-20_000))
    child.stdout!.on('data', keep)
    child.stderr!.on('data', keep)
    this.child = child
    const started = Date.now()
    while (Date.now() - started < timeoutMs) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the second server exited while starting:\n${this.output}`)
      try {
        const reply = await fetch(`${this.base()}/api/internal/keys/verify`, { method: 'POST', signal: AbortSignal.timeout(2_000) })
        await reply.text()
        return this
      } catch {
        await sleep(150)
      }
    }
    throw new Error(`the second server did not answer within ${timeoutMs} ms:\n${this.output}`)
  }

  async stop() {
    const child = this.child
    if (!child || child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await Promise.race([exited, sleep(10_000)])
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL')
      await exited
    }
  }
}

function freePort() {
  return new Promise<number>((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
    probe.on('error', reject)
  })
}
