import { resolve } from 'node:path'
import { describeConfigDocs } from '@helpdesk/core/testing'
import { CONFIG_TABLE } from '../src/config'

describeConfigDocs('gateway', CONFIG_TABLE, resolve(__dirname, '..', 'README.md'))
