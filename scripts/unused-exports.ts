/**
 * `npm run check:exports`: every export of the project's TypeScript is imported by another
 * file (product code, tests, bench or tools), or it is no export. Exits 1 and lists the others.
 *
 * One TypeScript program from tsconfig.json. An export counts as used when another file
 * imports it (named, default, or through a barrel: `export … from` is resolved to the
 * declaration it forwards); `import * as x` and `import('…')` use every export of that module.
 * Default exports of entrypoints/ and of config files are used by WXT, vitest and eslint.
 */
import { relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(import.meta.dirname, '..');

/** Files whose default export a tool loads (WXT entrypoints, configs). */
const TOOL_DEFAULTS = [/^entrypoints\//, /^[^/]+\.config\.ts$/];

function program(): ts.Program {
  const configPath = ts.findConfigFile(ROOT, (f) => ts.sys.fileExists(f), 'tsconfig.json');
  if (!configPath) throw new Error('tsconfig.json not found');
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => console.error(d.messageText) },
  );
  if (!parsed) throw new Error('tsconfig.json unreadable');
  return ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
}

const isOwn = (f: ts.SourceFile) =>
  !f.isDeclarationFile &&
  !f.fileName.includes('/node_modules/') &&
  relative(ROOT, f.fileName).split('/')[0] !== '.wxt';

function unusedExports(p: ts.Program = program()): string[] {
  const checker = p.getTypeChecker();
  const files = p.getSourceFiles().filter(isOwn);
  const original = (s: ts.Symbol): ts.Symbol =>
    s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
  const used = new Set<ts.Symbol>();
  const useModule = (specifier: ts.Expression) => {
    const mod = checker.getSymbolAtLocation(specifier);
    if (mod) for (const e of checker.getExportsOfModule(mod)) used.add(original(e));
  };

  for (const file of files) {
    const visit = (node: ts.Node): void => {
      if (ts.isImportDeclaration(node) && node.importClause) {
        const { name, namedBindings } = node.importClause;
        if (name) {
          const s = checker.getSymbolAtLocation(name);
          if (s) used.add(original(s));
        }
        if (namedBindings && ts.isNamespaceImport(namedBindings)) useModule(node.moduleSpecifier);
        if (namedBindings && ts.isNamedImports(namedBindings)) {
          for (const el of namedBindings.elements) {
            const s = checker.getSymbolAtLocation(el.name);
            if (s) used.add(original(s));
          }
        }
      } else if (
        ts.isExportDeclaration(node) &&
        node.moduleSpecifier &&
        node.exportClause &&
        ts.isNamespaceExport(node.exportClause)
      ) {
        useModule(node.moduleSpecifier);
      } else if (
        ts.isCallExpression(node) &&
        node.expression.kind === ts.SyntaxKind.ImportKeyword &&
        node.arguments[0]
      ) {
        useModule(node.arguments[0]);
      } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
        // `import('…').Name` in a type position.
        const s = node.qualifier ? checker.getSymbolAtLocation(node.qualifier) : undefined;
        if (s) used.add(original(s));
        else useModule(node.argument.literal);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }

  const out: string[] = [];
  for (const file of files) {
    const rel = relative(ROOT, file.fileName);
    const mod = checker.getSymbolAtLocation(file);
    if (!mod) continue;
    for (const e of checker.getExportsOfModule(mod)) {
      const decl = e.declarations?.[0];
      // Re-exports (barrels) are judged at the declaration they forward.
      if (!decl || decl.getSourceFile() !== file || e.flags & ts.SymbolFlags.Alias) continue;
      if (e.name === 'default' && TOOL_DEFAULTS.some((re) => re.test(rel))) continue;
      if (used.has(e)) continue;
      const { line } = file.getLineAndCharacterOfPosition(decl.getStart());
      out.push(`${rel}:${line + 1} ${e.name}`);
    }
  }
  return out.sort();
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const found = unusedExports();
  if (found.length) {
    console.error(
      `${found.length} export(s) no other file imports (make them local, or delete them):\n${found.join('\n')}`,
    );
    process.exitCode = 1;
  } else {
    console.log('unused exports: none');
  }
}
