import fs from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

// The codes the program stores and passes around (statuses, levels, categories, reasons, actions,
// kinds), read from the code itself so that a code added tomorrow is checked too: every string
// literal in a union type, every element of an `as const` list and every key of an `as const`
// record, in the table types, the services and the pipeline's category list.

const ROOT = path.resolve(import.meta.dirname, '../..')
const SOURCES = ['server/db', 'server/services', 'server/safety', 'workers/pipeline/types.ts']

function files(): string[] {
  return SOURCES.flatMap((p) => {
    const abs = path.join(ROOT, p)
    if (!fs.statSync(abs).isDirectory()) return [abs]
    return fs
      .readdirSync(abs)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => path.join(abs, f))
  })
}

const isAsConst = (n: ts.Node): n is ts.AsExpression => ts.isAsExpression(n) && ts.isTypeReferenceNode(n.type) && n.type.typeName.getText() === 'const'

function codesIn(file: string, into: Set<string>) {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true)
  const visit = (n: ts.Node) => {
    if (ts.isUnionTypeNode(n)) {
      for (const t of n.types) if (ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal)) into.add(t.literal.text)
    } else if (isAsConst(n)) {
      const e = n.expression
      if (ts.isArrayLiteralExpression(e)) for (const x of e.elements) if (ts.isStringLiteral(x)) into.add(x.text)
      if (ts.isObjectLiteralExpression(e))
        for (const p of e.properties) if (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) into.add(p.name.text)
    }
    ts.forEachChild(n, visit)
  }
  visit(source)
}

/** Every internal code: lower-case words, joined by underscores when there are several. */
export function internalCodes(): string[] {
  const all = new Set<string>()
  for (const f of files()) codesIn(f, all)
  return [...all].filter((c) => /^[a-z]+(_[a-z]+)*$/.test(c)).sort()
}
