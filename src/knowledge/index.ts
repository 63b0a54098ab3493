// Public API of the knowledge module: load the articles once, build a classifier once, reuse it.
export { categories, type Article, type Category, type Knowledge, type Taxonomy, type Topic } from './articleSchema.js';
export { KnowledgeError, loadKnowledge } from './loadKnowledge.js';
export {
  contentTermsOf,
  createClassifier,
  type ClassifiedArticle,
  type Classification,
  type Classifier,
  type ClassifierOptions,
  type ClassifierSettings,
  type Explanation,
} from './classifier.js';
export { suggestSeverity, type Severity, type SeverityHint } from './severityHint.js';
export type { TopicScore } from './topicScorer.js';
export { type EvalReport, evaluateClassifier, parseLabelledUtterances } from './evaluation.js';
export { analyze, normalizeText, tokenize } from './textNormalize.js';
