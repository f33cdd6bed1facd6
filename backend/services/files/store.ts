/**
 * Writing a file to the configured disk and recording it (stored_files) in the caller's
 * transaction. Every check happens before a byte is written: the size limit, the kind (name and
 * first bytes agree, and the kind is accepted), and the SHA-256 the client announced, if any.
 * The key is ours (`<purpose>/<yyyy>/<mm>/<uuid>.<ext>`), never the client's name.
 *
 * A transaction that rolls back after the write leaves an unreferenced object on the disk; it is
 * never served (nothing points at it). The row is written after the object, so no row ever
 * points at missing bytes.
 */
import { createHash, randomUUID } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import drive from '@adonisjs/drive/services/main'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import creditdesk from '#config/creditdesk'
import { FILES_DISK } from '#config/drive'
import { isFilePurpose, type FilePurpose } from '#contract/files'
import { InvalidInput } from '#exceptions/domain_errors'
import { acceptedList, detectKind, HEAD_BYTES } from './kinds.js'
import { megabytes, PayloadTooLarge, type ReceivedFile } from './receive.js'
import type { StoredFileRow } from './rows.js'

export type StoreInput = {
  file: ReceivedFile
  purpose: FilePurpose
  staffId?: number | null
  customerId?: number | null
  /** The SHA-256 (hex) the client computed; the upload is refused when the bytes differ. */
  expectedSha256?: string | null
}

const fieldError = (field: string, message: string, rule: string) => new InvalidInput([{ field, message, rule }])

/** Stores a received upload (a temporary file the caller deletes afterwards). */
export async function storeUpload(trx: TransactionClientContract, input: StoreInput): Promise<StoredFileRow> {
  const { file, purpose } = input
  if (!isFilePurpose(purpose)) throw fieldError('purpose', 'Say what the file is for: contract, contract_template, kyc_document or invoice', 'enum')
  if (file.size > creditdesk.files.maxBytes) throw new PayloadTooLarge(`The file is larger than ${megabytes(creditdesk.files.maxBytes)}`)
  if (file.size === 0) throw fieldError('file', 'The file is empty', 'required')
  const kind = detectKind(file.clientName, file.head)
  if (!kind) throw fieldError('file', `This kind of file is not accepted: upload ${acceptedList()} (the name and the content must agree)`, 'fileType')
  const expected = input.expectedSha256?.trim().toLowerCase()
  if (expected && expected !== file.sha256) throw fieldError('sha256', 'The file received differs from the one sent (SHA-256 mismatch): upload it again', 'sha256')

  const key = newKey(purpose, kind.extensions[0])
  await drive.use(FILES_DISK).putStream(key, createReadStream(file.tmpPath), { contentType: kind.mime })
  return recordStored(trx, key, {
    purpose,
    original_name: file.clientName,
    mime_type: kind.mime,
    size: file.size,
    sha256: file.sha256,
    uploaded_by_staff_id: input.staffId ?? null,
    uploaded_by_customer_id: input.customerId ?? null,
  })
}

const newKey = (purpose: FilePurpose, extension: string) => `${purpose}/${new Date().toISOString().slice(0, 7).replace('-', '/')}/${randomUUID()}.${extension}`

/** The row of an object just written; the object is deleted again if the row cannot be. */
async function recordStored(trx: TransactionClientContract, key: string, values: Record<string, unknown>): Promise<StoredFileRow> {
  try {
    const [row] = await trx.insertQuery().table('stored_files').insert({ disk: FILES_DISK, key, ...values }).returning('*')
    return row
  } catch (error) {
    await drive.use(FILES_DISK).delete(key).catch(() => {})
    throw error
  }
}

/**
 * A copy of a stored file with a purpose of its own (a template's file becomes a contract's
 * draft): its own object and row, so each file belongs to exactly one record.
 */
export async function copyStored(trx: TransactionClientContract, source: StoredFileRow, purpose: FilePurpose, staffId: number | null): Promise<StoredFileRow> {
  const key = newKey(purpose, (/\.([a-z0-9]+)$/.exec(source.key)?.[1] ?? 'bin').toLowerCase())
  await drive.use(FILES_DISK).putStream(key, await readStored(source), { contentType: source.mime_type })
  return recordStored(trx, key, {
    purpose,
    original_name: source.original_name,
    mime_type: source.mime_type,
    size: source.size,
    sha256: source.sha256,
    uploaded_by_staff_id: staffId,
    uploaded_by_customer_id: null,
  })
}

/** Stores bytes made on the server (a generated PDF, demo data) under the same rules. */
export async function storeBuffer(
  trx: TransactionClientContract,
  input: Omit<StoreInput, 'file' | 'expectedSha256'> & { bytes: Buffer; name: string }
): Promise<StoredFileRow> {
  const { bytes, name, ...rest } = input
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  const dir = await mkdtemp(join(tmpdir(), 'creditdesk-file-'))
  const tmpPath = join(dir, 'bytes')
  try {
    await writeFile(tmpPath, bytes)
    return await storeUpload(trx, { ...rest, file: { tmpPath, clientName: name, size: bytes.length, sha256, head: bytes.subarray(0, HEAD_BYTES) } })
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** The bytes of a stored file, as a stream from the disk it was written to. */
export async function readStored(row: Pick<StoredFileRow, 'disk' | 'key'>): Promise<Readable> {
  return drive.use(row.disk as typeof FILES_DISK).getStream(row.key)
}
