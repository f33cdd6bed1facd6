/**
 * The bare baseline of bench/usage.ts's verify figure: `node:http` answering
 * `POST /api/internal/keys/verify` from an in-memory Map (SHA-256 of the key → the answer the
 * application gave for it), filled from BENCH_BASELINE (JSON: { answers: { [hash]: body } }).
 * It checks the bearer token as the application does and hashes the key as the application
 * does; no framework, no cache invalidation, no database. Prints `{"port": n}` once listening.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import { createServer } from 'node:http'

const config: { token: string; answers: Record<string, unknown> } = JSON.parse(process.env.BENCH_BASELINE!)
const answers = new Map(Object.entries(config.answers).map(([hash, body]) => [hash, JSON.stringify(body)]))
const digest = (text: string) => createHash('sha256').update(text).digest()
const expected = digest(`Bearer ${config.token}`)

const server = createServer((req, res) => {
  const chunks: Buffer[] = []
  req.on('data', (chunk) => chunks.push(chunk))
  req.on('end', () => {
    const send = (status: number, json: string) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) })
      res.end(json)
    }
    if (req.method !== 'POST' || req.url !== '/api/internal/keys/verify') return send(404, '{"message":"Not found"}')
    if (!timingSafeEqual(digest(String(req.headers.authorization ?? '')), expected)) return send(401, '{"message":"Unauthorized"}')
    let key = ''
    try {
      key = String(JSON.parse(Buffer.concat(chunks).toString('utf8')).key ?? '')
    } catch {
      return send(400, '{"message":"Malformed JSON"}')
    }
    const answer = answers.get(createHash('sha256').update(key).digest('hex'))
    send(200, answer ?? '{"ok":false,"code":"INVALID_KEY","message":"Unknown key"}')
  })
})
server.listen(0, '127.0.0.1', () => {
  const address = server.address() as { port: number }
  process.stdout.write(JSON.stringify({ port: address.port }) + '\n')
})
process.on('SIGTERM', () => server.close(() => process.exit(0)))
