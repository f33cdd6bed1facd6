/**
 * The bare baseline of bench/http.ts: `node:http` and a `pg` pool, nothing else. Run as its own
 * process by bench/http.ts, which passes (in BENCH_BASELINE, JSON) the database URL and the
 * exact SQL the application ran for the first page of the users list. It answers:
 *
 *   GET /api/admin/users     the same page and count statements, rows as JSON, X-Total-Count
 *   GET /api/admin/auth/me   one primary-key read of the staff row (the least "who am I" costs)
 *   anything else            a JSON 404
 *
 * No session, no authentication, no permission check, no serialisation rules: the floor that
 * the application's figures are compared with. Prints `{"port": n}` once listening.
 */
import { createServer } from 'node:http'
import pg from 'pg'

type Statement = { sql: string; bindings: unknown[] }
const config: { databaseUrl: string; poolSize: number; page: Statement; count: Statement | null; staffId: number } = JSON.parse(
  process.env.BENCH_BASELINE!
)

const pool = new pg.Pool({ connectionString: config.databaseUrl, max: config.poolSize })

function send(res: import('node:http').ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const json = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json), ...headers })
  res.end(json)
}

const server = createServer(async (req, res) => {
  try {
    const path = (req.url ?? '/').split('?')[0]
    if (req.method === 'GET' && path === '/api/admin/users') {
      const [page, count] = await Promise.all([
        pool.query(config.page.sql, config.page.bindings),
        config.count ? pool.query(config.count.sql, config.count.bindings) : null,
      ])
      const total = count ? String(Object.values(count.rows[0] ?? {})[0] ?? '') : String(page.rowCount)
      return send(res, 200, page.rows, { 'x-total-count': total })
    }
    if (req.method === 'GET' && path === '/api/admin/auth/me') {
      const { rows } = await pool.query('SELECT id, email, name, role_id, status, locale FROM staff WHERE id = $1', [config.staffId])
      return send(res, 200, { user: rows[0] })
    }
    send(res, 404, { message: 'Not found' })
  } catch (error: any) {
    send(res, 500, { message: error?.message })
  }
})

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: (server.address() as any).port }) + '\n')
})
process.on('SIGTERM', () => {
  server.close()
  pool.end().finally(() => process.exit(0))
})
