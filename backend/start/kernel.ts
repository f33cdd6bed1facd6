/*
|--------------------------------------------------------------------------
| HTTP kernel
|--------------------------------------------------------------------------
|
| Server middleware run on every request; router middleware on every
| matched route; named middleware are applied per route in routes.ts.
*/
import router from '@adonisjs/core/services/router'
import server from '@adonisjs/core/services/server'
import { installKeyedVerifier } from '../http/cookie_signing.js'

server.errorHandler(() => import('#exceptions/handler'))

// signed cookies checked with prepared keys (backend/http/cookie_signing.ts)
await installKeyedVerifier()

server.use([() => import('@adonisjs/cors/cors_middleware')])

router.use([
  () => import('#middleware/refuse_multipart_middleware'),
  () => import('#middleware/body_depth_middleware'),
  () => import('#middleware/body_parser_middleware'),
  () => import('#middleware/reject_nul_middleware'),
  () => import('#middleware/browser_state_middleware'),
  () => import('@adonisjs/auth/initialize_auth_middleware'),
  () => import('#middleware/initialize_bouncer_middleware'),
])

export const middleware = router.named({
  staffAuth: () => import('#middleware/staff_auth_middleware'),
  customerAuth: () => import('#middleware/customer_auth_middleware'),
  authorize: () => import('#middleware/authorize_middleware'),
  serviceToken: () => import('#middleware/service_token_middleware'),
})
