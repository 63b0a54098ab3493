// Chinese text to search terms: full-width forms folded (ＯＵＴＬＯＯＫ is outlook), Traditional
// characters folded onto Simplified ones (so zh-Hant and zh-Hans share one set of synonyms and cues),
// words segmented with Intl.Segmenter (ICU's dictionary, built into Node), and longer words also
// indexed by their character pairs, so 邮件转发规则 meets 转发 and 规则 however the segmenter cut it.
// Latin words inside (Outlook, OneDrive, MFA) are analysed as English.
import { foldToSimplified, type Language } from '../i18n/index.js';
import type { Analyzer } from './analyzer.js';
import { stem as englishStem, tokenize as englishTokenize } from './textNormalize.js';

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const HAN = /\p{Script=Han}/u;
const HAN_RUN = /\p{Script=Han}+/gu;
/** Marks a character pair, so it never equals a segmented word and is not counted as one. */
const PAIR = '~';

export function normalizeChinese(text: string): string {
  return foldToSimplified(text.normalize('NFKC').toLowerCase()).replace(/\be[- ]?mails?\b/g, 'email');
}

/** Particles, pronouns and chat filler; 不 and 没 too (they say something is wrong, not what). */
const STOP_WORDS: ReadonlySet<string> = new Set(
  `的 了 吗 呢 吧 啊 呀 哦 嗯 么 嘛 啦 我 我们 你 你们 您 他 她 它 他们 她们 咱们 大家 在 是 有 和 与 及 或 或者 就 都 也 还 很 太 把 被 让 给 对 从 到 这 那 这个 那个 这些 那些 这样 那样 什么 怎么 怎样 如何 为什么 为何 哪 哪里 哪个 请 请问 帮 帮忙 帮我 一下 一个 一些 可以 能 能够 会 要 想 需要 现在 今天 昨天 已经 刚才 一直 总是 老是 又 再 没 不 没有 无法 不能 不了 不会 不行 啥 咋 咋办 怎么办 怎么回事 问题 谢谢 你好 您好 麻烦 公司 我司 我们公司 个 些 里 上 下 中 后 前 时 时候 的话 但是 但 可是 所以 因为 如果 然后 并 并且 而且 之后 之前 请教 求助 急 着急 好 好的
  a an the to of and or in on for my our is are was not no can cant cannot dont doesnt do does please`.split(/\s+/).filter(Boolean),
);

const EVERYDAY_WORDS: ReadonlySet<string> = new Set(
  '人 东西 事情 事 时间 天 周 月 年 早上 晚上 老板 经理 同事 员工 领导 部门 办公室 大概 可能 一样 问 说 看 找 用 做 弄 搞 处理'.split(/\s+/),
);

export function chineseAnalyzer(language: Language): Analyzer {
  return {
    language,
    normalize: normalizeChinese,
    rawTokens(normalized) {
      const out: string[] = [];
      for (const { segment, isWordLike } of segmenter.segment(normalized)) {
        if (!isWordLike) continue;
        if (HAN.test(segment)) out.push(segment);
        else out.push(...(segment.match(/[a-z0-9]+/g) ?? []));
      }
      // Character pairs across each run of Chinese: the segmenter cuts an article's 合作伙伴 and an
      // admin's 微软合作伙伴 differently, but both contain 合作 and 伙伴.
      for (const run of normalized.match(HAN_RUN) ?? []) {
        const chars = [...run];
        if (chars.length >= 3) for (let i = 1; i < chars.length; i++) out.push(PAIR + chars[i - 1]! + chars[i]!);
      }
      return out;
    },
    surface: (token) => (HAN.test(token) || token.startsWith(PAIR) ? token : (englishTokenize(token)[0] ?? token)),
    isStopWord: (surface) => STOP_WORDS.has(surface),
    isAuxiliary: (surface) => surface.startsWith(PAIR),
    stem: (surface) => (HAN.test(surface) ? surface : englishStem(surface)),
    everydayWords: EVERYDAY_WORDS,
  };
}
