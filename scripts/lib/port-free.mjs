#!/usr/bin/env node
// Exits 0 when <port> can be listened on at <host>, else prints one line naming <variable>
// and exits 1. npm start runs it for every port before starting anything, so a program that
// already listens there is reported instead of silently answering in place of our service.
//   node scripts/lib/port-free.mjs <variable> <host> <port>
import { createServer } from 'node:net'

const [variable, host, portText] = process.argv.slice(2)
const port = Number(portText)
if (
  variable === undefined ||
  host === undefined ||
  !Number.isInteger(port) ||
  port < 1 ||
  port > 65535
) {
  process.stderr.write(
    `npm start: ${variable ?? 'a port variable'} must be a whole number between 1 and 65535\n`
  )
  process.exit(1)
}

const server = createServer()
server.once('error', (err) => {
  const why =
    err.code === 'EADDRINUSE'
      ? 'is already in use (another program listens there)'
      : err.code === 'EACCES'
        ? 'needs privileges this user does not have'
        : `cannot be opened (${err.code ?? err.message})`
  process.stderr.write(
    `npm start: ${variable} ${port} on ${host} ${why}; stop that program or set ${variable} to a free port in .env\n`
  )
  process.exit(1)
})
server.listen({ port, host, exclusive: true }, () => server.close(() => process.exit(0)))
