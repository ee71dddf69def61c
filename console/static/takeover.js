// Live conversation during a takeover (server-sent events). The page works without it (reload to
// see new messages); with it, new lines appear as they come. Text is set with textContent only.
;(function () {
  'use strict'
  var list = document.getElementById('transkrip')
  if (!list || !list.dataset.aliran || !window.EventSource) return
  var label = { pengguna: 'Pengguna', bot: 'Bot', petugas: 'Petugas' }
  var clock = new Intl.DateTimeFormat('id-ID', {
    timeZone: 'Asia/Jakarta',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit'
  })
  function add(line) {
    var at = new Date(line.time * 1000)
    var li = document.createElement('li')
    li.className = 'msg msg-' + line.who
    var time = document.createElement('time')
    time.dateTime = at.toISOString()
    time.textContent = clock.format(at) + ' WIB'
    li.appendChild(time)
    li.appendChild(document.createTextNode(' '))
    if (line.who === 'tanda') {
      var mark = document.createElement('strong')
      mark.textContent = line.text
      li.appendChild(mark)
    } else {
      var who = document.createElement('span')
      who.className = 'who'
      who.textContent = label[line.who] + ':'
      var text = document.createElement('span')
      text.className = 'text'
      text.textContent = line.text
      li.appendChild(who)
      li.appendChild(document.createTextNode(' '))
      li.appendChild(text)
    }
    list.appendChild(li)
  }
  var source = new EventSource(list.dataset.aliran)
  source.addEventListener('baris', function (e) {
    add(JSON.parse(e.data))
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
