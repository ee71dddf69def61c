export class PasswordInputError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PasswordInputError'
  }
}

/**
 * Reads a password from standard input: on a terminal without echo (asked twice), otherwise the
 * first line of the piped input (`printf '%s\n' "$PW" | npm run console -- user add ...`).
 */
export async function readPassword(
  prompt: string,
  stdin: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin
): Promise<string> {
  if (stdin.isTTY !== true || stdin !== process.stdin) {
    const chunks: Buffer[] = []
    for await (const chunk of stdin) chunks.push(chunk as Buffer)
    const line = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? ''
    if (line === '') throw new PasswordInputError('no password on standard input')
    return line
  }
  const first = await readHidden(prompt)
  const second = await readHidden('Repeat the password: ')
  if (first !== second) throw new PasswordInputError('the two passwords differ')
  return first
}

function readHidden(prompt: string): Promise<string> {
  const stdin = process.stdin
  process.stderr.write(prompt)
  stdin.setRawMode(true)
  stdin.resume()
  stdin.setEncoding('utf8')
  return new Promise((resolve, reject) => {
    let value = ''
    const done = (err?: Error): void => {
      stdin.setRawMode(false)
      stdin.pause()
      stdin.removeListener('data', onData)
      process.stderr.write('\n')
      if (err === undefined) resolve(value)
      else reject(err)
    }
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done()
        if (ch === '\u0003') return done(new PasswordInputError('cancelled'))
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1)
        else value += ch
      }
    }
    stdin.on('data', onData)
  })
}
