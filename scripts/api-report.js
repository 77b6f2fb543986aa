#!/usr/bin/env node
// Prints the public API of the built package: every name each public entry point exports (namespaces
// expanded), and the modules outside the package that its declaration files reach. Run after a build;
// compare two reports to see what a change did to the surface users compile against.
const path = require("node:path");
const ts = require("typescript");

const root = path.resolve(__dirname, "..");
const entries = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ["dist/index.d.ts"];

const program = ts.createProgram(
  entries.map((entry) => path.join(root, entry)),
  { strict: true, noEmit: true, skipLibCheck: true, module: ts.ModuleKind.CommonJS },
);
const checker = program.getTypeChecker();

function kindOf(symbol) {
  const flags = symbol.flags;
  if (flags & ts.SymbolFlags.Class) return "class";
  if (flags & ts.SymbolFlags.Interface) return "interface";
  if (flags & ts.SymbolFlags.TypeAlias) return "type";
  if (flags & ts.SymbolFlags.Function) return "function";
  if (flags & ts.SymbolFlags.Enum) return "enum";
  if (flags & ts.SymbolFlags.Variable) return "const";
  if (flags & ts.SymbolFlags.Module) return "namespace";
  return "other";
}

function list(moduleSymbol, prefix, lines) {
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const kind = kindOf(symbol);
    lines.push(`${kind} ${prefix}${exported.name}`);
    if (kind === "namespace") list(symbol, `${prefix}${exported.name}.`, lines);
  }
}

for (const entry of entries) {
  const source = program.getSourceFile(path.join(root, entry));
  const lines = [];
  list(checker.getSymbolAtLocation(source), "", lines);
  console.log(`# ${entry}: ${lines.length} exported names`);
  for (const line of lines.sort()) console.log(line);
}

const external = new Map();
for (const file of program.getSourceFiles()) {
  if (!file.fileName.startsWith(path.join(root, "dist"))) continue;
  for (const statement of file.statements) {
    const specifier = statement.moduleSpecifier;
    if (!specifier || !ts.isStringLiteral(specifier) || specifier.text.startsWith(".")) continue;
    const files = external.get(specifier.text) ?? new Set();
    files.add(path.relative(root, file.fileName));
    external.set(specifier.text, files);
  }
  file.forEachChild(function visit(node) {
    if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      const text = node.argument.literal.text;
      if (!text.startsWith(".")) {
        const files = external.get(text) ?? new Set();
        files.add(path.relative(root, file.fileName));
        external.set(text, files);
      }
    }
    node.forEachChild(visit);
  });
}
console.log(`# modules outside the package reached by the declarations`);
for (const [name, files] of [...external].sort()) console.log(`${name}: ${[...files].sort().join(", ")}`);
