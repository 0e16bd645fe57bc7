/**
 * Hovers and completion documentation are Markdown built from document text. None may ever hold a
 * link that runs a command (`command:` URIs), whatever a hostile workspace writes: names are
 * escaped, code is fenced by more backticks than it holds, decoded bytes are shown as code.
 * (The client never marks that Markdown trusted, so VS Code would not run such a link anyway.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, Hover, MarkupContent } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/core/languageService';
import { assertNoCommandLink, markdownProse } from './helpers/fuzz';
import { MemoryHost, openAt } from './helpers/features';

const QUIT = '[x](command:workbench.action.quit)';

function hoverText(hover: Hover | null): string {
  return hover ? (hover.contents as MarkupContent).value : '';
}

function documentation(item: CompletionItem): string {
  const d = item.documentation;
  return d === undefined ? '' : typeof d === 'string' ? d : d.value;
}

test('the checker itself finds command links in prose, and not in code', () => {
  assert.throws(() => assertNoCommandLink(`see ${QUIT}`, 't'));
  assert.throws(() => assertNoCommandLink('<a href="command:workbench.action.quit">x</a>', 't'));
  assert.throws(() => assertNoCommandLink('`` `x` ``[x](command:a)', 't'), 'a code span that closes early');
  assertNoCommandLink(`\`${QUIT}\``, 't');
  assertNoCommandLink(`\`\`\`\n${QUIT}\n\`\`\``, 't');
  assertNoCommandLink('\\[x\\]\\(command:workbench.action.quit\\)', 't');
  assert.equal(markdownProse('a `b` c'), 'a  c');
});

test('a field named like a command link is shown as text in its hover, and in completion documentation', () => {
  const host = new MemoryHost();
  // `[x](command` is the name (the colon ends it); the rest of the link is the field's other slots.
  const { document, position } = openAt(
    host,
    'room.sfgrammar',
    `a::uint:8 [x]|(command:workbench.action.quit)::uint:8 ${'`'.repeat(4)}::uint:8 **b**::char:2`,
  );
  const service = createLanguageService(host);
  const hover = service.doHover(document, position);
  assert.ok(hover, 'a field has a hover');
  assertNoCommandLink(hoverText(hover), 'hover');
  assert.match(hoverText(hover), /\*\*\\\[x\\\]\\\(command\*\*/, 'the name is escaped');
  // Every field's hover, including the one made of backticks, which must not close the code fence.
  for (let offset = 0; offset <= document.getText().length; offset++) {
    assertNoCommandLink(hoverText(service.doHover(document, document.positionAt(offset))), `hover at ${offset}`);
  }
  const backticks = service.doHover(document, document.positionAt(document.getText().indexOf('````') + 1));
  assert.match(hoverText(backticks), /^`{5}sfgrammar$/m, 'the fence is longer than the token');

  // The template's completion documents each field on resolve.
  const template = openAt(host, 'room.sftemplate', '{"v": {|}}');
  const items = service.doComplete(template.document, template.position).items;
  assert.ok(items.some(i => i.label === 'customData#a'));
  for (const item of items) assertNoCommandLink(documentation(service.doResolveCompletion(item)), `completion ${item.label}`);
});

test('a template placeholder shaped like a command link gets no hover and no link anywhere', () => {
  const host = new MemoryHost({ 'room.sfgrammar': 'temp::uint:8\n' });
  const service = createLanguageService(host);
  for (const hostile of [`{x](command:workbench.action.quit)}`, `{customData#${QUIT}}`, `{${QUIT}}`, '{customData#<a href="command:x">}']) {
    const { document } = openAt(host, 'room.sftemplate', `{"a": "|${hostile}", "t": {customData#temp}}`);
    for (let offset = 0; offset <= document.getText().length; offset++) {
      const position = document.positionAt(offset);
      assertNoCommandLink(hoverText(service.doHover(document, position)), `hover in ${hostile}`);
      for (const item of service.doComplete(document, position).items)
        assertNoCommandLink(documentation(service.doResolveCompletion(item)), `completion in ${hostile}`);
    }
    // Diagnostics are plain text; they may quote the text, never as a link the editor would render.
    assert.ok(service.doValidation(document).every(d => typeof d.message === 'string'));
  }
});

test('a golden example whose decoded characters spell a command link shows them as code', () => {
  // The bytes of "`[x](command:workbench.action.quit)`": a char field decodes them into the hover's table.
  const text = '`[x](command:workbench.action.quit)`';
  const hex = Buffer.from(text, 'latin1').toString('hex');
  const host = new MemoryHost();
  const { document, position } = openAt(host, 'room.sfgrammar', `s::char:${text.length}\n# exam|ple: ${hex} => s="x"\n`);
  const service = createLanguageService(host);
  const hover = hoverText(service.doHover(document, position));
  assert.match(hover, /decodes to/);
  assertNoCommandLink(hover, 'example hover');
  assert.ok(hover.includes('`` `[x](command:workbench.action.quit)` ``'), hover);

  const broken = 'a\n[y](command:z)';
  const second = openAt(host, 'line.sfgrammar', `s::char:${broken.length}\n# exam|ple: ${Buffer.from(broken, 'latin1').toString('hex')}\n`);
  const table = hoverText(service.doHover(second.document, second.position));
  assertNoCommandLink(table, 'example hover with a line break');
  assert.match(table, /`a␊\[y\]\(command:z\)`/, 'a decoded line break is shown, and does not end the table row');
});
