/*
|--------------------------------------------------------------------------
| HTTP server entry point
|--------------------------------------------------------------------------
|
| `npm start` runs this file through bin/start.js; `node ace serve` runs it too.
*/
import { prettyPrintError } from '@adonisjs/core'
import { ignite } from './ignite.js'

ignite()
  .httpServer()
  .start()
  .catch((error) => {
    process.exitCode = 1
    prettyPrintError(error)
  })
