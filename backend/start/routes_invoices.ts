/*
|--------------------------------------------------------------------------
| Bill and statement PDFs (console and portal) and the portal's invoices
| (the console's invoices are the `invoices` resource)
|--------------------------------------------------------------------------
*/
import router from '@adonisjs/core/services/router'
import { middleware } from './kernel.js'
import { guarded } from './route_guard.js'

const BillPdfController = () => import('#controllers/bill_pdf_controller')
const PortalInvoicesController = () => import('#controllers/portal_invoices_controller')

router
  .group(() => {
    guarded(router.get('bills/:id/pdf', [BillPdfController, 'adminBill']), 'bills', 'view')
    guarded(router.get('users/:id/statements/:month/pdf', [BillPdfController, 'adminStatement']), 'users', 'view')
  })
  .prefix('/api/admin')
  .use(middleware.staffAuth())

router
  .group(() => {
    router.get('bills/:id/pdf', [BillPdfController, 'portalBill'])
    router.get('statements/:month/pdf', [BillPdfController, 'portalStatement'])
    router.get('invoices', [PortalInvoicesController, 'index'])
    router.post('invoices', [PortalInvoicesController, 'store'])
    router.delete('invoices/:id', [PortalInvoicesController, 'destroy'])
    router.get('invoices/:id/link', [PortalInvoicesController, 'link'])
  })
  .prefix('/api/portal')
  .use(middleware.customerAuth())
