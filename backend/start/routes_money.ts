/*
|--------------------------------------------------------------------------
| Money routes: ledger, wallet, redemption codes, campaigns
|--------------------------------------------------------------------------
|
| Console routes go through guarded(); portal routes need a customer session.
*/
import router from '@adonisjs/core/services/router'
import { middleware } from './kernel.js'
import { guarded } from './route_guard.js'
