import { html, type SafeHtml } from './html'

export interface Viewer {
  username: string
  role: 'admin' | 'petugas'
}

export interface PageOptions {
  title: string
  csrf: string
  viewer?: Viewer
  /** Which navigation entry is current. */
  active?: 'tiket' | 'tte' | 'whatsapp' | 'kepuasan' | 'audit' | 'akun'
  flash?: string
  body: SafeHtml
}

function nav(viewer: Viewer, active: PageOptions['active'], csrf: string): SafeHtml {
  const link = (key: NonNullable<PageOptions['active']>, href: string, label: string): SafeHtml =>
    html`<li><a href="${href}"${key === active ? html` aria-current="page"` : ''}>${label}</a></li>`
  return html`<nav aria-label="Menu utama"><ul>
    ${link('tiket', '/tiket', 'Antrian tiket')}
    ${link('tte', '/tte', 'Permohonan TTE')}
    ${link('whatsapp', '/whatsapp', 'WhatsApp keluar')}
    ${link('kepuasan', '/kepuasan', 'Kepuasan')}
    ${viewer.role === 'admin' ? [link('audit', '/audit', 'Log audit'), link('akun', '/akun', 'Akun petugas')] : ''}
  </ul>
  <form method="post" action="/logout" class="logout">
    <input type="hidden" name="_csrf" value="${csrf}">
    <span class="who">${viewer.username} (${viewer.role})</span>
    <button type="submit">Keluar</button>
  </form></nav>`
}

/** The page shell: no inline script or style (the CSP forbids both). */
export function page(options: PageOptions): string {
  return html`<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · Konsol Helpdesk</title>
<link rel="stylesheet" href="/static/console.css">
</head>
<body>
<a class="skip" href="#konten">Lewati ke konten</a>
<header><span class="brand">Konsol Helpdesk TIK</span>${options.viewer === undefined ? '' : nav(options.viewer, options.active, options.csrf)}</header>
<main id="konten" tabindex="-1">
${options.flash === undefined ? '' : html`<p class="flash" role="status">${options.flash}</p>`}
${options.body}
</main>
</body>
</html>`.value
}

/** An error line for a form, announced to screen readers. */
export const formError = (message: string | undefined): SafeHtml =>
  message === undefined ? html`` : html`<p class="error" role="alert">${message}</p>`

/** `<option>`s with the current one selected. */
export function options(
  choices: ReadonlyArray<readonly [string, string]>,
  current: string | undefined
): SafeHtml[] {
  return choices.map(
    ([value, label]) =>
      html`<option value="${value}"${value === (current ?? '') ? html` selected` : ''}>${label}</option>`
  )
}
