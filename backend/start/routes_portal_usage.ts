/*
|--------------------------------------------------------------------------
| Portal: the customer's own usage (list, CSV export, totals by day and model)
|--------------------------------------------------------------------------
*/
import router from '@adonisjs/core/services/router'
import { middleware } from './kernel.js'

const PortalUsageController = () => import('#controllers/portal_usage_controller')

router
  .group(() => {
    router.get('usage', [PortalUsageController, 'index'])
    router.get('usage/export', [PortalUsageController, 'export'])
    router.get('usage/summary', [PortalUsageController, 'summary'])
  })
  .prefix('/api/portal')
  .use(middleware.customerAuth())
