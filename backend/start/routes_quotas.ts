/*
|--------------------------------------------------------------------------
| Plan quotas: the platform's check/consume (service token) and the portal's quotas and
| notifications (customer session)
|--------------------------------------------------------------------------
*/
import router from '@adonisjs/core/services/router'
import { middleware } from './kernel.js'

const InternalQuotaController = () => import('#controllers/internal_quota_controller')
const PortalQuotasController = () => import('#controllers/portal_quotas_controller')
const PortalNotificationsController = () => import('#controllers/portal_notifications_controller')

router
  .group(() => {
    router.post('quota/consume', [InternalQuotaController, 'consume'])
    router.get('quota/check', [InternalQuotaController, 'check'])
  })
  .prefix('/api/internal')
  .use(middleware.serviceToken())

router
  .group(() => {
    router.get('quotas', [PortalQuotasController, 'index'])
    router.get('notifications', [PortalNotificationsController, 'index'])
    router.post('notifications/read-all', [PortalNotificationsController, 'readAll'])
    router.post('notifications/:id/read', [PortalNotificationsController, 'read'])
  })
  .prefix('/api/portal')
  .use(middleware.customerAuth())
