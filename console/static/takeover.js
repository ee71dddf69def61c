// Live conversation during a takeover (server-sent events). The page works without it (reload to
// see new messages); with it, new lines appear as they come. Each line arrives as the list item
// the server renders for the page itself (src/transcript/transcript-view.ts, texts escaped
// there), so a live line and a reloaded one are the same markup.
;(function () {
  'use strict'
  var list = document.getElementById('transkrip')
  if (!list || !list.dataset.aliran || !window.EventSource) return
  var source = new EventSource(list.dataset.aliran)
  source.addEventListener('baris', function (e) {
    var empty = list.previousElementSibling
    if (empty && empty.classList.contains('empty')) empty.remove()
    list.insertAdjacentHTML('beforeend', JSON.parse(e.data).html)
  })
  // A takeover that ended, or a reply that did not arrive: the page shows the new state.
  source.addEventListener('berakhir', function () {
    source.close()
    window.location.reload()
  })
  source.addEventListener('pengiriman', function (e) {
    if (JSON.parse(e.data).status !== 'terkirim') window.location.reload()
  })
})()
