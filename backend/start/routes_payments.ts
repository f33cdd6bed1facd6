/*
|--------------------------------------------------------------------------
| Payment routes: plans, orders, Stripe checkout and webhooks, refunds,
| reconciliation
|--------------------------------------------------------------------------
|
| Console routes go through guarded(); portal routes need a customer session;
| the Stripe webhook authenticates by signature (and is exempt from CSRF).
*/
import router from '@adonisjs/core/services/router'
import { middleware } from './kernel.js'
import { guarded } from './route_guard.js'
