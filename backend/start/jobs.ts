/*
|--------------------------------------------------------------------------
| Job kinds and schedules
|--------------------------------------------------------------------------
|
| Declared in every environment (so tests and ace commands can run them);
| the queue itself is started by the web server only (see boot.ts).
*/
import jobs from '#services/jobs'

jobs.define(
  'ledger-expire-gift',
  async () => {
    const { expireGiftLots } = await import('#actions/ledger/expire_gift_lots')
    await expireGiftLots()
  },
  { cron: '* * * * *' }
)
