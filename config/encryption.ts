import env from '#start/env'
import { defineConfig, drivers } from '@adonisjs/core/encryption'

/** Cookie and session encryption, keyed by APP_KEY. */
export default defineConfig({
  default: 'app',
  list: {
    app: drivers.legacy({ keys: [env.get('APP_KEY')] }),
  },
})
