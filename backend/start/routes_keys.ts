/*
|--------------------------------------------------------------------------
| API keys: the customer's keys in the portal, and verify for the platform's gateways
|--------------------------------------------------------------------------
|
| Portal routes need a customer session (CSRF on mutations, as all of /api/portal).
| Verify is a machine route: service token, no session, no cookie, no CSRF.
*/
import router from '@adonisjs/core/services/router'
import { middleware } from './kernel.js'

const PortalKeysController = () => import('#controllers/portal_keys_controller')
const InternalKeysController = () => import('#controllers/internal_keys_controller')

router
  .group(() => {
    router.get('keys', [PortalKeysController, 'index'])
    router.post('keys', [PortalKeysController, 'store'])
    router.patch('keys/:id', [PortalKeysController, 'update'])
    router.post('keys/:id/disable', [PortalKeysController, 'disable'])
    router.post('keys/:id/enable', [PortalKeysController, 'enable'])
    router.post('keys/:id/roll', [PortalKeysController, 'roll'])
    router.delete('keys/:id', [PortalKeysController, 'destroy'])
    router.get('models', [PortalKeysController, 'models'])
  })
  .prefix('/api/portal')
  .use(middleware.customerAuth())

router.post('/api/internal/keys/verify', [InternalKeysController, 'verify']).use(middleware.serviceToken())
