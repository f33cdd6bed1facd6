import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/core/http'
import { jsonBody } from '#http/json_body'

export const appKey = env.get('APP_KEY')

/**
 * HTTP server settings. Request ids are generated for every request (or taken from an
 * incoming `x-request-id`) so that audit rows can be tied to log lines.
 */
export const http = defineConfig({
  generateRequestId: true,
  allowMethodSpoofing: false,
  useAsyncLocalStorage: true,
  serializeJSON: jsonBody,
  trustProxy: () => false,
  cookie: {
    domain: '',
    path: '/',
    maxAge: '2h',
    httpOnly: true,
    secure: app.inProduction,
    sameSite: 'lax',
  },
})
