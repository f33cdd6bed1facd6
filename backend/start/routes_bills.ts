/*
|--------------------------------------------------------------------------
| Bills: the console's bill document, reconciliation and prepaid statements; the portal's bills,
| card payments, disputes and statements (the bill tables themselves are resources)
|--------------------------------------------------------------------------
*/
import router from '@adonisjs/core/services/router'
import { middleware } from './kernel.js'
import { guarded } from './route_guard.js'

const BillsController = () => import('#controllers/bills_controller')
const PortalBillsController = () => import('#controllers/portal_bills_controller')

router
  .group(() => {
    guarded(router.get('bills/:id/document', [BillsController, 'document']), 'bills', 'view')
    guarded(router.get('bills/:id/reconciliation', [BillsController, 'reconciliation']), 'bills', 'reconcile')
    guarded(router.get('users/:id/statements/:month', [BillsController, 'statement']), 'users', 'view')
  })
  .prefix('/api/admin')
  .use(middleware.staffAuth())

router
  .group(() => {
    router.get('bills', [PortalBillsController, 'index'])
    router.get('bills/:id', [PortalBillsController, 'show'])
    router.post('bills/:id/pay', [PortalBillsController, 'pay'])
    router.post('bills/:id/disputes', [PortalBillsController, 'dispute'])
    router.get('statements/:month', [PortalBillsController, 'statement'])
  })
  .prefix('/api/portal')
  .use(middleware.customerAuth())
