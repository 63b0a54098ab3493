// `npm run eval [-- --file path.jsonl[:language] ...] [-- --heldout] [-- --verbose]` scores the classifier on
// labelled utterances and prints the figures per language. By default: English (the sample set and the
// extra phrasings), then German, Simplified and Traditional Chinese (test/fixtures/utterances.<language>.jsonl);
// --heldout scores the held-out sets instead (test/fixtures/heldout.<language>.jsonl), wordings never
// tuned on. A file's language is taken from its name (utterances.de.jsonl) or given after a colon.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isLanguage, type Language } from '../../src/i18n/index.js';
import { createClassifier, type EvalReport, evaluateClassifier, loadKnowledge, parseLabelledUtterances } from '../../src/knowledge/index.js';

const fixtures = (name: string) => fileURLToPath(new URL(`../../test/fixtures/${name}`, import.meta.url));
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const heldout = args.includes('--heldout');
const defaultFiles = heldout
  ? ['de', 'zh-Hans', 'zh-Hant'].map((l) => fixtures(`heldout.${l}.jsonl`))
  : [fixtures('sample-utterances.jsonl'), fixtures('extra-utterances.jsonl'), ...['de', 'zh-Hans', 'zh-Hant'].map((l) => fixtures(`utterances.${l}.jsonl`))];

const pct = (n: number) => `${(n * 100).toFixed(1)}%`;

/** A file's language: after a colon, else from its name (utterances.zh-Hant.jsonl), else English. */
function languageOf(spec: string): { file: string; language: Language } {
  const [file, given] = spec.split(/:(?=[a-zA-Z-]+$)/) as [string, string?];
  const fromName = /\.([a-zA-Z-]+)\.jsonl$/.exec(file)?.[1];
  const language = [given, fromName].find(isLanguage) ?? 'en';
  return { file, language };
}

function printReport(name: string, language: Language, report: EvalReport): void {
  const lines = [
    `${name} [${language}] (${report.count} utterances)`,
    `  top-1 topic accuracy        ${pct(report.top1)}   (best guess incl. clarifying questions ${pct(report.bestGuess)}; topic left null ${pct(report.clarifyRate)})`,
    `  top-3 topic accuracy        ${pct(report.top3)}`,
    `  category accuracy           ${pct(report.category)}`,
    `  out-of-scope recall         ${pct(report.outOfScopeRecall)}   (${report.outOfScopeCount} out-of-scope items)`,
    `  in-scope called out-of-scope ${report.inScopeCalledOutOfScope} of ${report.inScopeCount}`,
    `  severity agreement          ${pct(report.severityAgreement)}   (${report.severityCount} items with a severity label)`,
    `  latency per text            p50 ${report.latency.p50.toFixed(2)} ms, p99 ${report.latency.p99.toFixed(2)} ms`,
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

const specs: string[] = [];
for (let i = 0; i < args.length; i++) if (args[i] === '--file' && args[i + 1]) specs.push(args[++i]!);

const knowledge = loadKnowledge();
const classifier = createClassifier(knowledge);
for (const spec of specs.length ? specs : defaultFiles) {
  const { file, language } = languageOf(spec);
  if (!existsSync(file)) {
    console.log(`${file}: not found, skipped`);
    continue;
  }
  const items = parseLabelledUtterances(readFileSync(file, 'utf8'), file);
  printReport(file.replace(/^.*[\\/]/, ''), language, evaluateClassifier(classifier, knowledge.taxonomy, items, language));
}
