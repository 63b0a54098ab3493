// `npm run eval [-- --file path.jsonl ...] [-- --verbose]` scores the classifier on labelled utterances
// (default: the sample set and the extra phrasings in test/fixtures/) and prints the figures.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createClassifier, type EvalReport, evaluateClassifier, loadKnowledge, parseLabelledUtterances } from '../../src/knowledge/index.js';

const fixtures = (name: string) => fileURLToPath(new URL(`../../test/fixtures/${name}`, import.meta.url));
const defaultFiles = [fixtures('sample-utterances.jsonl'), fixtures('extra-utterances.jsonl')];

const pct = (n: number) => `${(n * 100).toFixed(1)}%`;

function printReport(name: string, report: EvalReport, verbose: boolean): void {
  const lines = [
    `${name} (${report.count} utterances)`,
    `  top-1 topic accuracy        ${pct(report.top1)}   (best guess incl. clarifying questions ${pct(report.bestGuess)}; topic left null ${pct(report.clarifyRate)})`,
    `  top-3 topic accuracy        ${pct(report.top3)}`,
    `  category accuracy           ${pct(report.category)}`,
    `  out-of-scope recall         ${pct(report.outOfScopeRecall)}   (${report.outOfScopeCount} out-of-scope items)`,
    `  in-scope called out-of-scope ${report.inScopeCalledOutOfScope} of ${report.inScopeCount}`,
    `  severity agreement          ${pct(report.severityAgreement)}   (${report.severityCount} items with a severity label)`,
  ];
  console.log(lines.join('\n'));
  for (const e of report.items) {
    const sevMiss = e.item.severity && e.item.severity !== e.result.severity;
    if (!verbose && e.correct && !sevMiss) continue;
    const got = e.result.topic ?? `null [${(e.result.candidates ?? []).map((c) => c.topic).join(', ')}]`;
    const sev = e.item.severity ? `  severity ${e.result.severity ?? '-'} (want ${e.item.severity})` : '';
    console.log(`  ${e.correct ? 'ok  ' : 'MISS'} ${JSON.stringify(e.item.text)}\n       want ${e.item.topic}, got ${got} (${e.result.confidence})${sev}`);
  }
}

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const files: string[] = [];
for (let i = 0; i < args.length; i++) if (args[i] === '--file' && args[i + 1]) files.push(args[++i]!);

const knowledge = loadKnowledge();
const classifier = createClassifier(knowledge);
for (const file of files.length ? files : defaultFiles) {
  const items = parseLabelledUtterances(readFileSync(file, 'utf8'), file);
  printReport(file.replace(/^.*[\\/]/, ''), evaluateClassifier(classifier, knowledge.taxonomy, items), verbose);
}
