/**
 * Reads a multipart upload (field `file`, plus text fields such as `purpose`) into a temporary
 * file, counting its size and its SHA-256 as it arrives. Called by an upload route after its
 * authentication: the body parser never streams uploads by itself (config/bodyparser.ts).
 *
 * Bytes past the size limit are read and dropped, so the client finishes sending and reads a
 * clear 413; a body far past it (limit + 1 MB, other parts included) is cut off by the parser.
 * The caller must call `cleanup()` whatever happens: it deletes every temporary file written.
 */
import { createHash, randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { Transform } from 'node:stream'
import { finished, pipeline } from 'node:stream/promises'
import type { HttpContext } from '@adonisjs/core/http'
import { BadRequest, DomainError } from '#exceptions/domain_errors'
import { HEAD_BYTES } from './kinds.js'

export type ReceivedFile = { tmpPath: string; clientName: string; size: number; sha256: string; head: Buffer }

export type Received = {
  fields: Record<string, unknown>
  file: ReceivedFile | null
  /** The file went past the limit (its bytes were dropped). */
  tooLarge: boolean
  cleanup(): Promise<void>
}

export class UnsupportedMediaType extends DomainError {
  status = 415
  code = 'E_UNSUPPORTED_MEDIA_TYPE'
}

export class PayloadTooLarge extends DomainError {
  status = 413
  code = 'E_PAYLOAD_TOO_LARGE'
}

const SLACK_BYTES = 1024 * 1024

export const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`

/** A client's file name as we keep it: no path, no control characters, 255 characters at most. */
export function cleanName(raw: unknown) {
  const name = basename(String(raw ?? '').replace(/\\/g, '/'))
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .toWellFormed()
    .trim()
  return (name || 'file').slice(-255)
}

export async function receiveUpload(ctx: HttpContext, maxBytes: number): Promise<Received> {
  const multipart = (ctx.request as any).multipart
  if (!ctx.request.is(['multipart/form-data']) || !multipart) {
    throw new UnsupportedMediaType('Send the file as multipart/form-data, in the field "file"')
  }
  const temps: string[] = []
  let file: ReceivedFile | null = null
  let tooLarge = false
  let interrupted = false
  const cleanup = async () => {
    await Promise.all(temps.splice(0).map((path) => rm(path, { force: true })))
  }

  multipart.onFile('*', {}, async (part: any, reportChunk: (chunk: Buffer) => Promise<void>) => {
    // other file fields and a second `file` are read (counted against the limit) and dropped
    if (part.name !== 'file' || file || temps.length) {
      part.on('data', (chunk: Buffer) => void reportChunk(chunk))
      part.resume()
      await finished(part).catch(() => {})
      return
    }
    const tmpPath = join(tmpdir(), `creditdesk-upload-${randomUUID()}`)
    temps.push(tmpPath)
    const hash = createHash('sha256')
    const heads: Buffer[] = []
    let size = 0
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        void reportChunk(chunk)
        size += chunk.length
        if (size > maxBytes) {
          tooLarge = true
          return done()
        }
        hash.update(chunk)
        if (size - chunk.length < HEAD_BYTES) heads.push(chunk)
        done(null, chunk)
      },
    })
    try {
      await pipeline(part, meter, createWriteStream(tmpPath))
    } catch (error) {
      interrupted = true
      throw error
    }
    file = { tmpPath, clientName: cleanName(part.filename), size, sha256: hash.digest('hex'), head: Buffer.concat(heads).subarray(0, HEAD_BYTES) }
  })

  try {
    await multipart.process({ limit: maxBytes + SLACK_BYTES })
  } catch (error: any) {
    await cleanup()
    if (Number(error?.status) === 413) throw new PayloadTooLarge(`The file is larger than ${megabytes(maxBytes)}`)
    if (Number(error?.status) >= 400 && Number(error?.status) < 500) throw error
    throw new UnsupportedMediaType('The upload could not be read as multipart/form-data')
  }
  if (interrupted) {
    await cleanup()
    throw new BadRequest('The upload was interrupted: send the file again')
  }
  return { fields: ctx.request.all(), file, tooLarge, cleanup }
}
