/**
 * Loopback fakes of the providers we do not run, speaking their wire format: the WhatsApp Cloud
 * API and the agency reset API; plus the harness settings that send WhatsApp to the Cloud API fake.
 */
import { startLoopbackFake, type LoopbackFake } from '@helpdesk/core/testing'

/** A WhatsApp Cloud API that accepts every message, answering with the message id `wamid`. */
export function startWhatsAppCloudFake(wamid: string): Promise<LoopbackFake> {
  return startLoopbackFake(() => ({
    status: 200,
    body: { messaging_product: 'whatsapp', messages: [{ id: wamid }] }
  }))
}

/** An agency reset API that answers every reset request with `answer`. */
export function startResetApiFake(answer: Record<string, unknown>): Promise<LoopbackFake> {
  return startLoopbackFake(() => ({ status: 200, body: answer }))
}

/** Harness settings: WhatsApp through the Cloud API fake `wa` (Graph API v21.0, phone 109876543210). */
export function whatsAppCloudSettings(wa: LoopbackFake): Record<string, string> {
  return {
    WHATSAPP_MODE: 'cloud',
    WHATSAPP_API_URL: `${wa.url}/v21.0`,
    WHATSAPP_PHONE_NUMBER_ID: '109876543210',
    WHATSAPP_TOKEN: 'EAAG-cloud-token'
  }
}
