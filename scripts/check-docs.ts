// Every public export of every entry point has TSDoc with a summary; every exported function has an
// @example that teaches, and documents each parameter (@param) and what it returns (@returns). Types
// and constants carry an @example where one teaches; a one-line summary is enough elsewhere.
import ts from 'typescript';

const ENTRIES = ['src/index.ts', 'src/csv/index.ts', 'src/adapters/memory/index.ts', 'src/adapters/postgres/index.ts', 'src/testing/index.ts'];

const configPath = ts.findConfigFile('.', (file) => ts.sys.fileExists(file), 'tsconfig.build.json');
if (configPath === undefined) throw new Error('tsconfig.build.json not found');
const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
    throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  },
});
if (config === undefined) throw new Error('cannot read tsconfig.build.json');
const program = ts.createProgram(config.fileNames, config.options);
const checker = program.getTypeChecker();

const problems: string[] = [];
let checked = 0;
for (const entry of ENTRIES) {
  const source = program.getSourceFile(entry);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (moduleSymbol === undefined) {
    problems.push(`${entry}: not found`);
    continue;
  }
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    checked++;
    const summary = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
    const tags = symbol.getJsDocTags(checker).map((tag) => tag.name);
    const where = symbol.declarations?.[0]?.getSourceFile().fileName.replace(`${process.cwd()}/`, '') ?? entry;
    if (summary === '') problems.push(`${where}: ${exported.name} has no TSDoc summary`);
    const fn = symbol.declarations?.find(ts.isFunctionDeclaration);
    if (fn !== undefined && !tags.includes('example')) problems.push(`${where}: ${exported.name} has no @example`);
    if (fn !== undefined) {
      const documented = new Set(
        symbol
          .getJsDocTags(checker)
          .filter((tag) => tag.name === 'param')
          .map((tag) => tag.text?.find((part) => part.kind === 'parameterName')?.text),
      );
      for (const parameter of fn.parameters) {
        const name = parameter.name.getText();
        if (!documented.has(name)) problems.push(`${where}: ${exported.name} does not document parameter ${name}`);
      }
      const returns = fn.type?.getText() ?? 'void';
      if (!/^(void|never)$/.test(returns) && !returns.startsWith("asserts ") && !tags.includes('returns')) {
        problems.push(`${where}: ${exported.name} does not document what it returns`);
      }
    }
  }
}

if (problems.length > 0) {
  console.error(problems.join('\n'));
  console.error(`\n${problems.length} documentation problem(s) in ${checked} public exports.`);
  process.exit(1);
}
console.log(`check:docs: all ${checked} public exports have a TSDoc summary, and every function an @example.`);
