/*
|--------------------------------------------------------------------------
| Usage routes for the platform's gateways (service token; no session, cookie or CSRF)
|--------------------------------------------------------------------------
*/
import router from '@adonisjs/core/services/router'
import { middleware } from './kernel.js'

const InternalUsageController = () => import('#controllers/internal_usage_controller')

router
  .group(() => {
    router.post('usage', [InternalUsageController, 'store'])
  })
  .prefix('/api/internal')
  .use(middleware.serviceToken())
