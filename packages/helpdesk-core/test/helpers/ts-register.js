// Lets a child `node` process of a test run src/*.ts directly (no prior build). Transpile only:
// type checking is the build's and ts-jest's job.
const fs = require('node:fs')
const ts = require('typescript')

require.extensions['.ts'] = function compileTs (module, filename) {
  const source = fs.readFileSync(filename, 'utf8')
  const { outputText } = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true }
  })
  module._compile(outputText, filename)
}
