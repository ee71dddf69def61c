/**
 * The single list of actions the registry gets. Adding an action = one file under src/actions/ +
 * one line here + the name in rasa-project/domain.yml (docs/dialogue-design.md has the list).
 */
import { withActionDeadline } from '../helpdesk/action-deadline'
import type { HelpdeskDeps } from '../helpdesk/deps'
import type { Action } from '../sdk'
import { createActionAskSistem } from './action-ask-sistem'
import { createActionCekStatusTte } from './action-cek-status-tte'
import { createActionDaftarTte } from './action-daftar-tte'
import { actionFallback } from './action-fallback'
import { createActionHubungiPetugas } from './action-hubungi-petugas'
import { createActionPanduanLupaEmail } from './action-panduan-lupa-email'
import { createActionResetPassword } from './action-reset-password'
import { createActionSapa } from './action-sapa'
import { createActionSimpanNilai } from './action-simpan-nilai'
import { createActionTawarkanSurvei } from './action-tawarkan-survei'
import { createValidateCekTteForm } from './validate-cek-tte-form'
import { createValidateDaftarTteForm } from './validate-daftar-tte-form'
import { createValidateLupaPasswordForm } from './validate-lupa-password-form'
import { createValidateSurveiKomentarForm } from './validate-survei-komentar-form'

export type { ActionDeps } from './deps'

/** Every action, each under the overall deadline ACTION_DEADLINE_MS (helpdesk/action-deadline.ts). */
export function buildActions(deps: HelpdeskDeps): Action[] {
  return [
    createActionSapa(deps),
    createActionAskSistem(deps),
    createValidateLupaPasswordForm(deps),
    createValidateDaftarTteForm(deps),
    createValidateCekTteForm(deps),
    createActionResetPassword(deps),
    createActionPanduanLupaEmail(deps),
    createActionDaftarTte(deps),
    createActionCekStatusTte(deps),
    createActionHubungiPetugas(deps),
    createActionTawarkanSurvei(deps),
    createActionSimpanNilai(deps),
    createValidateSurveiKomentarForm(deps),
    actionFallback
  ].map((action) => withActionDeadline(action, deps.actionDeadlineMs, deps.logger))
}
