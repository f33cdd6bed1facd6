import type { HttpContext } from '@adonisjs/core/http'
import { existsSync, statSync } from 'node:fs'
import { extname, join, normalize, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const DIST = { admin: join(ROOT, 'admin', 'dist'), portal: join(ROOT, 'portal', 'dist') }

/**
 * Serves the built console (/admin) and portal (/). A path that is not a file gets the
 * app's index.html so client-side routes work on reload; hashed assets are cached for good.
 */
export default class SpaController {
  async admin(ctx: HttpContext) {
    return serve(ctx, 'admin', ctx.request.url().replace(/^\/admin\/?/, ''))
  }

  async portal(ctx: HttpContext) {
    return serve(ctx, 'portal', ctx.request.url().replace(/^\//, ''))
  }
}

function serve({ response }: HttpContext, app: keyof typeof DIST, relative: string) {
  const dist = DIST[app]
  const index = join(dist, 'index.html')
  if (!existsSync(index)) {
    return response.status(503).send(`The ${app} app is not built yet. Run "npm run build:ui" (npm start does it for you).`)
  }
  let decoded = relative
  try {
    decoded = decodeURIComponent(relative)
  } catch {}
  const candidate = normalize(join(dist, decoded))
  if (decoded && candidate.startsWith(dist + sep) && existsSync(candidate) && statSync(candidate).isFile()) {
    if (candidate.includes(`${sep}assets${sep}`)) response.header('Cache-Control', 'public, max-age=31536000, immutable')
    response.type(extname(candidate))
    return response.download(candidate)
  }
  response.header('Cache-Control', 'no-cache')
  response.type('.html')
  return response.download(index)
}
