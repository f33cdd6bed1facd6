/*
|--------------------------------------------------------------------------
| Credit holds for long jobs (service token, no cookies, no CSRF)
|--------------------------------------------------------------------------
*/
import router from '@adonisjs/core/services/router'
import { middleware } from './kernel.js'

const InternalHoldsController = () => import('#controllers/internal_holds_controller')
const InternalGenerationsController = () => import('#controllers/internal_generations_controller')

router
  .group(() => {
    router.post('holds', [InternalHoldsController, 'store'])
    router.post('holds/:id/capture', [InternalHoldsController, 'capture'])
    router.post('holds/:id/release', [InternalHoldsController, 'release'])
    router.get('generations/:id', [InternalGenerationsController, 'show'])
  })
  .prefix('/api/internal')
  .use(middleware.serviceToken())
