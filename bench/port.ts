import { createServer } from 'node:net'

/** A free local TCP port (benchmarks start their server on one before the app is imported). */
export async function freePort() {
  return new Promise<number>((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
    probe.on('error', reject)
  })
}
