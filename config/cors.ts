import { defineConfig } from '@adonisjs/cors'

/**
 * The console and the portal are served from the same origin as the API, so
 * cross-origin requests are refused. X-Total-Count is exposed for tools that
 * call the API from elsewhere once an origin is allowed.
 */
const corsConfig = defineConfig({
  enabled: true,
  origin: [],
  methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
  headers: true,
  exposeHeaders: ['X-Total-Count', 'X-Total-Count-Estimated', 'Retry-After', 'X-Request-Id'],
  credentials: true,
  maxAge: 90,
})

export default corsConfig
