// Finds promises nobody waits for: `npm run check-awaits` (part of `npm test`).
//
// The store is asynchronous. A repository call that is not awaited runs outside the transaction it
// was written in, its failure is lost, and `expect(store.incidents.get(1))` compares a Promise.
// TypeScript reports a Promise used as a value of another type, but not one that is dropped or
// handed to something that takes anything; Biome's rule sees only the types it infers within a
// file. This asks the TypeScript checker itself, over the same files as `npm run typecheck`.
// `void promise` marks a promise left to run on purpose (with its own .catch).
const path = require('node:path');
const ts = require('typescript');

const root = path.resolve(__dirname, '..');
const config = ts.getParsedCommandLineOfConfigFile(
  path.join(root, 'tsconfig.json'),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  },
);
const program = ts.createProgram(config.fileNames, config.options);
const checker = program.getTypeChecker();

const isPromise = (type) =>
  type.isUnion() ? type.types.some(isPromise) : checker.getPropertyOfType(type, 'then') !== undefined;
const takesAnything = (node) => {
  const type = checker.getContextualType(node);
  return !type || (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0;
};
const isExpect = (call) => ts.isIdentifier(call.expression) && call.expression.text === 'expect';
const unwrapped = (expect) =>
  ts.isPropertyAccessExpression(expect.parent) && ['resolves', 'rejects'].includes(expect.parent.name.text);
const handled = (call) =>
  ts.isPropertyAccessExpression(call.expression) && ['then', 'catch', 'finally'].includes(call.expression.name.text);

/** Why this promise-valued expression is not waited for, or undefined when it is used properly. */
function problem(node) {
  let parent = node.parent;
  while (ts.isParenthesizedExpression(parent) || ts.isNonNullExpression(parent)) parent = parent.parent;
  if (ts.isExpressionStatement(parent)) return ts.isCallExpression(node) && handled(node) ? undefined : 'not awaited';
  if (ts.isCallExpression(parent) && parent.arguments.includes(node)) {
    if (isExpect(parent)) return unwrapped(parent) ? undefined : 'expect() of a promise: await it first';
    return takesAnything(node) ? 'passed where anything goes: await it first' : undefined;
  }
  if (ts.isForOfStatement(parent) && !parent.awaitModifier && parent.expression === node) return 'for..of a promise';
  if (ts.isSpreadElement(parent) || ts.isSpreadAssignment(parent) || ts.isTemplateSpan(parent))
    return 'spread or printed: await it first';
  if (ts.isArrowFunction(parent) && parent.body === node) {
    const signatures = checker.getContextualType(parent)?.getCallSignatures() ?? [];
    const wantsVoid =
      signatures.length > 0 &&
      signatures.every((s) => (checker.getReturnTypeOfSignature(s).flags & ts.TypeFlags.Void) !== 0);
    return wantsVoid ? 'returned to a caller that expects nothing' : undefined;
  }
  return undefined;
}

const found = [];
for (const file of program.getSourceFiles()) {
  if (file.isDeclarationFile || file.fileName.includes('node_modules')) continue;
  const visit = (node) => {
    const candidate =
      ts.isCallExpression(node) ||
      (ts.isIdentifier(node) && ts.isCallExpression(node.parent) && isExpect(node.parent)) ||
      (ts.isPropertyAccessExpression(node) && ts.isCallExpression(node.parent) && isExpect(node.parent));
    if (candidate && isPromise(checker.getTypeAtLocation(node))) {
      const why = problem(node);
      if (why) {
        const { line, character } = file.getLineAndCharacterOfPosition(node.getStart());
        const text = node.getText().replace(/\s+/g, ' ').slice(0, 80);
        found.push(`${path.relative(root, file.fileName)}:${line + 1}:${character + 1} ${why}: ${text}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
}

if (found.length > 0) {
  console.error(`${found.length} promise(s) nobody waits for:\n${found.join('\n')}`);
  process.exitCode = 1;
}
