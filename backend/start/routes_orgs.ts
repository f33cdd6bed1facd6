/*
|--------------------------------------------------------------------------
| Organizations in the portal: the person's organizations, members and invitations of the
| organization acted in (X-Creditdesk-Org), usage per member, and invitation links
|--------------------------------------------------------------------------
|
| An invitation is read without a session (the link's token is the secret, throttled);
| accepting it needs the invited person's session.
*/
import router from '@adonisjs/core/services/router'
import { middleware } from './kernel.js'
import { throttle } from './limiter.js'

const PortalOrgsController = () => import('#controllers/portal_orgs_controller')
const PortalInvitationsController = () => import('#controllers/portal_invitations_controller')

router.get('/api/portal/invitations/:token', [PortalInvitationsController, 'show']).use(throttle)

router
  .group(() => {
    router.post('invitations/:token/accept', [PortalInvitationsController, 'accept']).use(throttle)
    router.get('orgs', [PortalOrgsController, 'index'])
    router.get('org/members', [PortalOrgsController, 'members'])
    router.patch('org/members/:id', [PortalOrgsController, 'updateMember'])
    router.delete('org/members/:id', [PortalOrgsController, 'removeMember'])
    router.get('org/invitations', [PortalOrgsController, 'invitations'])
    router.post('org/invitations', [PortalOrgsController, 'invite'])
    router.delete('org/invitations/:id', [PortalOrgsController, 'revokeInvitation'])
    router.get('org/usage/members', [PortalOrgsController, 'usageByMember'])
  })
  .prefix('/api/portal')
  .use(middleware.customerAuth())
