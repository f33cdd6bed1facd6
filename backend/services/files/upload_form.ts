/** The text fields of an upload form (`purpose`, optional `sha256`) and its one file, checked. */
import { isFilePurpose, type FilePurpose } from '#contract/files'
import { InvalidInput } from '#exceptions/domain_errors'
import { assertOnlyKeys } from '#validators/strict'
import { megabytes, PayloadTooLarge, type Received, type ReceivedFile } from './receive.js'

export type UploadForm = { purpose: FilePurpose; file: ReceivedFile; expectedSha256: string | null }

export function readUploadForm(received: Received, allowed: readonly FilePurpose[], maxBytes: number): UploadForm {
  const fields = received.fields
  assertOnlyKeys(fields, ['file', 'purpose', 'sha256'])
  const purpose = fields.purpose
  if (!isFilePurpose(purpose) || !allowed.includes(purpose)) {
    throw new InvalidInput([{ field: 'purpose', message: `Say what the file is for: ${allowed.join(', ')}`, rule: 'enum' }])
  }
  const sha256 = fields.sha256
  if (sha256 !== undefined && sha256 !== null && (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/i.test(sha256))) {
    throw new InvalidInput([{ field: 'sha256', message: 'The SHA-256 must be 64 hexadecimal characters', rule: 'sha256' }])
  }
  if (received.tooLarge) throw new PayloadTooLarge(`The file is larger than ${megabytes(maxBytes)}`)
  if (!received.file) throw new InvalidInput([{ field: 'file', message: 'Choose a file to upload (multipart field "file")', rule: 'required' }])
  return { purpose, file: received.file, expectedSha256: typeof sha256 === 'string' ? sha256 : null }
}
