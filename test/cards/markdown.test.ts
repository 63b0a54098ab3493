import { describe, expect, it } from 'vitest';
import { inlineText, isSafeLink, markdownBlocks, renderMarkdownHtml, sectionBlocks } from '../../src/articleView/index.js';

/** The article Markdown as safe HTML (the article page) and as flat blocks (cards, plain text). */

describe('article Markdown as HTML', () => {
  it('never passes raw HTML: tags come out as text', () => {
    const html = renderMarkdownHtml('Hello <script>alert(1)</script> and <img src=x onerror=alert(1)>\n\n<iframe src="https://evil.example"></iframe>');
    expect(html).not.toMatch(/<script|<img|<iframe/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;iframe src=&quot;https://evil.example&quot;&gt;&lt;/iframe&gt;');
  });

  it.each([
    ['javascript:alert(1)'],
    ['JaVaScRiPt:alert(1)'],
    ['&#106;avascript:alert(1)'],
    ['java\tscript:alert(1)'],
    ['data:text/html;base64,PHNjcmlwdD4='],
    ['vbscript:msgbox(1)'],
    ['/relative/path'],
    ['//evil.example/x'],
  ])('drops a link to %s, keeping its words', (href) => {
    const html = renderMarkdownHtml(`Click [here](${href}) now`);
    expect(html).not.toContain('<a');
    expect(html).toContain('here');
  });

  it('shows an unsafe link as its words only, not as the Markdown it was written in', () => {
    expect(renderMarkdownHtml('See [the docs](javascript:alert(1)) and [this](&#106;avascript:alert(1)).')).toBe('<p>See the docs and this.</p>\n');
  });

  it('shows a picture as its words', () => {
    expect(renderMarkdownHtml('![Screenshot of the admin center](https://img.example/a.png)')).toBe('<p>Screenshot of the admin center</p>\n');
  });

  it('keeps http, https and mailto links, opened without opener or referrer', () => {
    const html = renderMarkdownHtml('[admin](https://admin.microsoft.com) [old](http://example.com/a?b=1&c=2) [mail](mailto:help@contoso.com)');
    expect(html).toContain('<a href="https://admin.microsoft.com" rel="noopener noreferrer">admin</a>');
    expect(html).toContain('<a href="http://example.com/a?b=1&amp;c=2" rel="noopener noreferrer">old</a>');
    expect(html).toContain('<a href="mailto:help@contoso.com" rel="noopener noreferrer">mail</a>');
  });

  it('keeps entities and angle-bracket placeholders as the text they are', () => {
    const html = renderMarkdownHtml('Open <tenant>-admin.sharepoint.com &amp; check `a < b && "c"`; 5 &lt; 6');
    expect(html).toBe('<p>Open &lt;tenant&gt;-admin.sharepoint.com &amp; check <code>a &lt; b &amp;&amp; &quot;c&quot;</code>; 5 &lt; 6</p>\n');
  });

  it('renders headings, emphasis, nested ordered and bulleted lists, and tables', () => {
    const html = renderMarkdownHtml('## Steps\n\n1. **Open** it\n2. _Look_ up:\n   - 5.1.1\n   - 5.2.2\n3. Done\n\n| A | B |\n|---|---|\n| 1 | 2 |\n');
    expect(html).toContain('<h2>Steps</h2>');
    expect(html).toMatch(/<ol>\s*<li><strong>Open<\/strong> it<\/li>\s*<li><em>Look<\/em> up:\s*<ul>\s*<li>5\.1\.1<\/li>\s*<li>5\.2\.2<\/li>\s*<\/ul>\s*<\/li>\s*<li>Done<\/li>\s*<\/ol>/);
    expect(html).toMatch(/<table>[\s\S]*<th>A<\/th>[\s\S]*<td>2<\/td>[\s\S]*<\/table>/);
  });

  it('says which links are safe', () => {
    expect(['https://a.example', 'HTTP://A.EXAMPLE', 'mailto:a@b.example'].map(isSafeLink)).toEqual([true, true, true]);
    expect(['javascript:x', 'ftp://a', 'file:///etc/passwd', '#top', ''].map(isSafeLink)).toEqual([false, false, false, false, false]);
  });
});

describe('article Markdown as flat blocks', () => {
  const markdown = [
    'Intro with a [link](https://learn.example) and a [bad one](javascript:alert(1)).',
    '',
    '## Steps',
    '',
    '3. Third, **bold**',
    '4. Fourth:',
    '   - nested *one*',
    '     1. deeper',
    '   - nested `two`',
    '',
    '   A second paragraph of the fourth step.',
    '5. Fifth',
    '',
    'Closing remark.',
    '',
    '## If this does not solve it',
    '',
    '- Ask for help',
  ].join('\n');
  const blocks = markdownBlocks(markdown);

  it('keeps list depth and markers, ordered lists from their start number', () => {
    expect(blocks.filter((b) => b.kind === 'item')).toEqual([
      { kind: 'item', depth: 0, marker: '3.', ordered: true, text: 'Third, **bold**' },
      { kind: 'item', depth: 0, marker: '4.', ordered: true, text: 'Fourth:' },
      { kind: 'item', depth: 1, marker: '◦', ordered: false, text: 'nested _one_' },
      { kind: 'item', depth: 2, marker: '1.', ordered: true, text: 'deeper' },
      { kind: 'item', depth: 1, marker: '◦', ordered: false, text: 'nested two' },
      { kind: 'item', depth: 0, marker: '5.', ordered: true, text: 'Fifth' },
      { kind: 'item', depth: 0, marker: '•', ordered: false, text: 'Ask for help' },
    ]);
  });

  it('keeps a list item’s second paragraph under it, and safe links only', () => {
    expect(blocks).toContainEqual({ kind: 'paragraph', depth: 1, text: 'A second paragraph of the fourth step.' });
    expect(blocks[0]).toEqual({ kind: 'paragraph', depth: 0, text: 'Intro with a [link](https://learn.example) and a bad one.' });
  });

  it('finds a section by its heading, and without it the first list', () => {
    const steps = sectionBlocks(blocks, /^Steps$/);
    expect(steps[0]).toMatchObject({ marker: '3.' });
    expect(steps.at(-1)).toEqual({ kind: 'paragraph', depth: 0, text: 'Closing remark.' });
    expect(sectionBlocks(markdownBlocks('Text\n\n- a\n  - b\n\nAfter'), /^Steps$/).map((b) => ('text' in b ? b.text : ''))).toEqual(['a', 'b']);
    expect(sectionBlocks(markdownBlocks('Just text.'), /^Steps$/)).toEqual([]);
  });

  it('turns table rows into rows of cells', () => {
    expect(markdownBlocks('| Country | Number |\n|---|---|\n| Canada | 1 800 865 9408 |')).toEqual([
      { kind: 'row', header: true, cells: ['Country', 'Number'] },
      { kind: 'row', header: false, cells: ['Canada', '1 800 865 9408'] },
    ]);
  });

  it('writes inline Markdown back in the subset cards read', () => {
    const [paragraph] = markdownBlocks('A **b** _c_ `d` [e](mailto:x@y.example) ![f](https://img.example/f.png)\nnext');
    expect(paragraph).toEqual({ kind: 'paragraph', depth: 0, text: 'A **b** _c_ d [e](mailto:x@y.example) f next' });
    expect(inlineText(null)).toBe('');
  });
});
