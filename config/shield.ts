import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/shield'
import { isMachineRequest } from '#middleware/machine_routes'

/**
 * Security headers and CSRF for the two single-page apps and their API.
 *
 * CSP: both apps are Vite builds whose index.html loads only same-origin module scripts, so
 * scripts are limited to 'self' with no inline script and no eval. antd (CSS-in-JS) injects
 * <style> elements at run time; the HTML is served as a static file, so there is no per-request
 * nonce to hand to antd: styles allow 'unsafe-inline' (styles only, never scripts). Images and
 * fonts may also be data: URIs (antd's icons and empty-state pictures). Nothing may frame the
 * apps (frame-ancestors 'none' and X-Frame-Options DENY).
 *
 * CSRF: the server sets a readable XSRF-TOKEN cookie and checks it back in the X-XSRF-TOKEN
 * header on every mutation. Machine routes (service token, signed webhooks) carry no cookies
 * and skip session and CSRF altogether (backend/http/middleware/browser_state_middleware.ts).
 */
const shieldConfig = defineConfig({
  csp: {
    enabled: true,
    directives: {
      defaultSrc: [`'self'`],
      scriptSrc: [`'self'`],
      scriptSrcAttr: [`'none'`],
      styleSrc: [`'self'`, `'unsafe-inline'`],
      imgSrc: [`'self'`, 'data:'],
      fontSrc: [`'self'`, 'data:'],
      connectSrc: [`'self'`],
      objectSrc: [`'none'`],
      baseUri: [`'self'`],
      formAction: [`'self'`],
      frameAncestors: [`'none'`],
      ...(app.inProduction ? { upgradeInsecureRequests: [] } : {}),
    },
    reportOnly: false,
  },
  csrf: {
    enabled: true,
    exceptRoutes: (ctx) => isMachineRequest(ctx),
    enableXsrfCookie: true,
    methods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  },
  xFrame: {
    enabled: true,
    action: 'DENY',
  },
  hsts: {
    enabled: true,
    maxAge: '180 days',
    includeSubDomains: true,
  },
  contentTypeSniffing: {
    enabled: true,
  },
})

export default shieldConfig
