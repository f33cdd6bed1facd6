import { defineConfig } from '@adonisjs/shield'

/**
 * CSRF protection for cookie-authenticated APIs: the server sets a readable XSRF-TOKEN
 * cookie and checks it back in the X-XSRF-TOKEN header on every mutation. The internal
 * service API (bearer token) and payment webhooks (signed) carry no cookies and are exempt.
 */
const shieldConfig = defineConfig({
  csp: {
    enabled: false,
    directives: {},
    reportOnly: false,
  },
  csrf: {
    enabled: true,
    exceptRoutes: (ctx) => ctx.request.url().startsWith('/api/internal/') || ctx.request.url().startsWith('/api/webhooks/'),
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
  },
  contentTypeSniffing: {
    enabled: true,
  },
})

export default shieldConfig
