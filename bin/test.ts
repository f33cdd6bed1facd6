/*
|--------------------------------------------------------------------------
| Test runner entry point (spawned by `node ace test`)
|--------------------------------------------------------------------------
*/
process.env.NODE_ENV = 'test'
// a port of its own, so a running `npm start` on 3333 does not collide with the suite
process.env.PORT = process.env.TEST_PORT ?? '3391'
process.env.HOST = '127.0.0.1'
// the suites sign in hundreds of times a minute from one address (lockout rules unchanged)
process.env.AUTH_REQUESTS_PER_MINUTE ??= '5000'
// speed over durability, for the throw-away test cluster only (npm start's database stays durable)
process.env.EMBEDDED_PG_NON_DURABLE ??= '1'

import { prettyPrintError } from '@adonisjs/core'
import { configure, processCLIArgs, run } from '@japa/runner'
import { ignite } from './ignite.js'

ignite()
  .testRunner()
  .configure(async (app) => {
    const { runnerHooks, ...config } = await import('../tests/bootstrap.js')

    processCLIArgs(process.argv.splice(2))
    configure({
      ...app.rcFile.tests,
      ...config,
      ...{
        setup: runnerHooks.setup,
        teardown: runnerHooks.teardown.concat([() => app.terminate()]),
      },
    })
  })
  .run(() => run())
  .catch((error) => {
    process.exitCode = 1
    prettyPrintError(error)
  })
