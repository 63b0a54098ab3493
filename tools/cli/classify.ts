// `npm run --silent classify -- "text"` prints one classification as JSON;
// `npm run --silent classify -- --jsonl` reads one problem text per stdin line and writes one JSON
// object per line. Only JSON goes to stdout (other tools parse it); anything else goes to stderr.
import { createInterface } from 'node:readline';
import { createClassifier, KnowledgeError, loadKnowledge, type Classification, type Classifier } from '../../src/knowledge/index.js';

const usage = 'usage: classify "problem text" | classify --jsonl < texts.txt';

function buildClassifier(): Classifier {
  try {
    return createClassifier(loadKnowledge());
  } catch (error) {
    process.stderr.write(`${error instanceof KnowledgeError ? error.message : String(error)}\n`);
    process.exit(2);
  }
}

/**
 * The contract's shape: text, language (the text's: en, de, zh-Hans or zh-Hant), category, topic,
 * confidence, severity, articles as {id, title, topic, score} (titles in the text's language).
 */
function contractShape(result: Classification) {
  const { text, language, category, topic, confidence, severity, articles, candidates } = result;
  return { text, language, category, topic, confidence, severity, articles: articles.map(({ id, title, topic: t, score }) => ({ id, title, topic: t, score })), ...(candidates ? { candidates } : {}) };
}

async function classifyLines(classifier: Classifier): Promise<void> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  // Every input line gets an output line, blank ones too, so callers can pair them up by position.
  for await (const line of lines) process.stdout.write(`${JSON.stringify(contractShape(classifier.classify(line.trim())))}\n`);
}

async function main(args: string[]): Promise<void> {
  if (args.length === 0 || args.includes('--help') || args.includes('-h')) {
    process.stderr.write(`${usage}\n`);
    process.exit(args.length === 0 ? 1 : 0);
  }
  const classifier = buildClassifier();
  if (args.includes('--jsonl')) await classifyLines(classifier);
  else process.stdout.write(`${JSON.stringify(contractShape(classifier.classify(args.join(' '))))}\n`);
}

await main(process.argv.slice(2));
