// Lets a child `node` process run a service's src/*.ts directly (the services' tests of main.ts
// must not depend on a prior build): `node -r <this file> src/main.ts`.
// Transpile only: type checking is the build's and ts-jest's job.
const fs = require('node:fs')
const Module = require('node:module')
const path = require('node:path')
const ts = require('typescript')

// `@helpdesk/core` from its source too (as jest's moduleNameMapper does), not from a built dist/.
const CORE_SOURCE = path.resolve(__dirname, '..', '..', 'src', 'index.ts')
const resolveFilename = Module._resolveFilename
Module._resolveFilename = function resolveCoreSource(request, ...rest) {
  return resolveFilename.call(this, request === '@helpdesk/core' ? CORE_SOURCE : request, ...rest)
}

require.extensions['.ts'] = function compileTs(module, filename) {
  const source = fs.readFileSync(filename, 'utf8')
  const { outputText } = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      resolveJsonModule: true
    }
  })
  module._compile(outputText, filename)
}
