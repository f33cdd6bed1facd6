import app from '@adonisjs/core/services/app'
import env from '#start/env'

/**
 * Report exports: where the files of background exports are written (under the app's data
 * directory, `.data/` — not in git; tests write to a directory of their own) and how long a
 * finished export's download link works.
 */
const hours = env.get('REPORT_EXPORT_LINK_HOURS')

const reports = {
  exportDirectory: env.get('REPORT_EXPORT_DIR') ?? app.makePath('.data', app.inTest ? 'report-exports-test' : 'report-exports'),
  linkHours: hours && hours > 0 ? hours : 24,
}

export default reports
