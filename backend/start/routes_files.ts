/*
|--------------------------------------------------------------------------
| Stored files and contracts (issue 12 §2): uploads, signed download links, the portal's contracts
|--------------------------------------------------------------------------
|
| Uploads are the only multipart routes (FILE_ROUTES in refuse_multipart_middleware.ts); each
| checks its own permission per purpose after authentication (files_controller.ts). The download
| route checks its signed link and whichever session the link was made for.
*/
import router from '@adonisjs/core/services/router'
import { middleware } from './kernel.js'
import { guarded, SIGNED_IN } from './route_guard.js'

const FilesController = () => import('#controllers/files_controller')
const FileDownloadsController = () => import('#controllers/file_downloads_controller')
const PortalContractsController = () => import('#controllers/portal_contracts_controller')

router
  .group(() => {
    // the permission depends on the purpose (services/files/access.ts), checked by the controller
    guarded(router.post('files', [FilesController, 'adminStore']), SIGNED_IN.resource, SIGNED_IN.action)
    guarded(router.get('files/:id/link', [FilesController, 'adminLink']), SIGNED_IN.resource, SIGNED_IN.action)
  })
  .prefix('/api/admin')
  .use(middleware.staffAuth())

router
  .group(() => {
    router.post('files', [FilesController, 'portalStore'])
    router.get('files/:id/link', [FilesController, 'portalLink'])
    router.get('contracts', [PortalContractsController, 'index'])
    router.get('contracts/:id/link', [PortalContractsController, 'link'])
    router.post('contracts/:id/sign', [PortalContractsController, 'sign'])
  })
  .prefix('/api/portal')
  .use(middleware.customerAuth())

router.get('/api/files/:id/download', [FileDownloadsController, 'show'])
