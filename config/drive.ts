import app from '@adonisjs/core/services/app'
import { defineConfig, services } from '@adonisjs/drive'
import env from '#start/env'

/**
 * Where stored files (contracts, templates, KYC documents, invoice files) are kept. The default is
 * a private local disk under the app's data directory (`.data/files`, not in git; tests use a
 * directory of their own); with `S3_BUCKET` set, an S3-compatible bucket (AWS, MinIO, R2 …) is
 * the default instead. Nothing is served directly from either: every download goes through the
 * signed, audited link of backend/services/files/links.ts. A row remembers the disk it was
 * written to, so files stored before a switch stay readable while both disks are configured.
 */
const bucket = env.get('S3_BUCKET')

const local = services.fs({
  location: env.get('FILES_DIR') ?? app.makePath('.data', app.inTest ? 'files-test' : 'files'),
  visibility: 'private',
  serveFiles: false,
})

const s3 = bucket
  ? services.s3({
      bucket,
      region: env.get('S3_REGION') ?? 'us-east-1',
      endpoint: env.get('S3_ENDPOINT'),
      forcePathStyle: env.get('S3_FORCE_PATH_STYLE') ?? Boolean(env.get('S3_ENDPOINT')),
      visibility: 'private',
      // without keys the SDK's own chain applies (instance role, AWS_* variables)
      credentials:
        env.get('S3_ACCESS_KEY_ID') && env.get('S3_SECRET_ACCESS_KEY')
          ? { accessKeyId: env.get('S3_ACCESS_KEY_ID')!, secretAccessKey: env.get('S3_SECRET_ACCESS_KEY')! }
          : undefined,
    })
  : undefined

/** The disk new files are written to. */
export const FILES_DISK: 'local' | 's3' = s3 ? 's3' : 'local'

const driveConfig = defineConfig({
  default: FILES_DISK,
  services: { local, ...(s3 ? { s3 } : {}) } as { local: typeof local; s3: NonNullable<typeof s3> },
})

export default driveConfig

declare module '@adonisjs/drive/types' {
  export interface DriveDisks extends InferDriveDisks<typeof driveConfig> {}
}
