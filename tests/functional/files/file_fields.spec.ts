import { rm } from 'node:fs/promises'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import app from '@adonisjs/core/services/app'
import { validateInput } from '#engine/input'
import { resourceMeta } from '#engine/meta'
import { findResource, loadResources } from '#engine/registry'
import type { FieldDef } from '#engine/types'
import { staffAgent } from '#tests/support/agents'
import { newFile } from './support.js'

const one: Record<string, FieldDef> = { file_id: { type: 'file', purpose: 'contract', label: { 'en': 'File', 'zh-CN': '文件' }, required: true } }
const many: Record<string, FieldDef> = { ids: { type: 'file', purpose: 'kyc_document', multiple: true, label: { 'en': 'Files', 'zh-CN': '文件' }, required: true } }

async function refusal(fields: Record<string, FieldDef>, body: unknown) {
  try {
    await validateInput(fields, body, 'action')
    return null
  } catch (error: any) {
    return { status: error.status, field: error.errors?.[0]?.field ?? error.messages?.[0]?.field }
  }
}

test.group('Files / file fields in the engine', (group) => {
  group.each.setup(() => testUtils.db().wrapInGlobalTransaction())
  group.teardown(() => rm(app.makePath('.data', 'files-test'), { recursive: true, force: true }))

  test('a file field takes the id of a stored file of its purpose (or a list when multiple)', async ({ assert }) => {
    const { agent } = await staffAgent('super_admin')
    const contractFile = await newFile(agent, 'contract')
    const kyc = [await newFile(agent, 'kyc_document'), await newFile(agent, 'kyc_document')]
    assert.deepEqual(await validateInput(one, { file_id: contractFile }, 'action'), { file_id: contractFile })
    assert.deepEqual(await validateInput(many, { ids: kyc }, 'action'), { ids: kyc })
    for (const body of [{ file_id: kyc[0] }, { file_id: 99999999 }, { file_id: String(contractFile) }, { file_id: 1.5 }, { file_id: -1 }, {}]) {
      assert.deepEqual(await refusal(one, body), { status: 422, field: 'file_id' }, JSON.stringify(body))
    }
    for (const body of [{ ids: [] }, { ids: [kyc[0], kyc[0]] }, { ids: [kyc[0], contractFile] }, { ids: kyc[0] }]) {
      assert.deepEqual(await refusal(many, body), { status: 422, field: 'ids' }, JSON.stringify(body))
    }
  })

  test('meta tells the console the purpose of each file field', async ({ assert }) => {
    await loadResources()
    const meta = resourceMeta(findResource('contracts')!, ['view', 'create', 'replace'])
    assert.deepInclude(meta.fields.find((f) => f.name === 'file_id')!, { type: 'file', purpose: 'contract', create: true })
    const replace = meta.actions!.find((a) => a.name === 'replace')!
    assert.deepInclude(replace.fields!.find((f) => f.name === 'file_id')!, { type: 'file', purpose: 'contract', required: true })
  })
})
