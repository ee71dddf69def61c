// Lets a child `node` process run the TypeScript sources directly (tests of main.ts as a real
// process, without a prior build): each .ts file is transpiled on require, without type checking.
const fs = require('node:fs')
const ts = require('typescript')

require.extensions['.ts'] = function compile (module, filename) {
  const source = fs.readFileSync(filename, 'utf8')
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    fileName: filename
  })
  module._compile(outputText, filename)
}
