/**
 * The Windows toast template, read back with a real XML parser (@xmldom/xmldom): what a clerk
 * sees on the toast and which buttons it has, and that server text cannot break or inject into it.
 */
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { announcementText, type TextContext } from '../../../main/app/messages';
import { parseToastArguments, toastArguments, toastXml } from '../../../main/app/toast-xml';
import { NOW, order } from './fixtures';

const ctx: TextContext = { now: NOW, language: 'en', currency: { label: 'AZN', decimals: 2 }, timeZone: 'UTC', demo: false };

function parse(xml: string): Document {
  const problems: string[] = [];
  const doc = new DOMParser({ onError: (level, message) => void problems.push(`${level}: ${message}`) }).parseFromString(xml, 'text/xml');
  expect(problems, `the toast XML is not well-formed:\n${xml}`).toEqual([]);
  return doc;
}
const all = (doc: Document, tag: string): Element[] => Array.from(doc.getElementsByTagName(tag));
const texts = (doc: Document) => all(doc, 'text').map((t) => t.textContent);
const buttons = (doc: Document) => all(doc, 'action').map((a) => ({ label: a.getAttribute('content'), args: parseToastArguments(a.getAttribute('arguments') ?? '') }));

describe('Windows toast XML', () => {
  it('a new order: its number, total, items and customer on the toast, with Seen and Open', () => {
    const o = order({ id: 'ord-7', number: 'A-7', customer: { name: 'Leyla', phone: null, address: null }, source: 'Wolt' });
    const doc = parse(toastXml(announcementText({ type: 'new-order', order: o }, ctx)!));
    const toast = doc.documentElement!;
    expect(toast.tagName).toBe('toast');
    expect(toast.hasAttribute('scenario')).toBe(false);
    expect(parseToastArguments(toast.getAttribute('launch')!)).toEqual({ action: 'open', orderId: 'ord-7' });
    const shown = texts(doc).join('\n');
    expect(shown).toContain('A-7');
    expect(shown).toContain('Leyla');
    expect(texts(doc).length).toBeLessThanOrEqual(3);
    expect(buttons(doc)).toEqual([
      { label: 'Seen', args: { action: 'acknowledge', orderId: 'ord-7' } },
      { label: 'Open', args: { action: 'open', orderId: 'ord-7' } },
    ]);
    expect(all(doc, 'audio')[0]?.getAttribute('silent')).toBe('true');
  });

  it('an escalation and the connection alarm are urgent (through Focus Assist where allowed) and stay on screen', () => {
    const escalation = parse(toastXml(announcementText({ type: 'escalation', order: order({ id: 'ord-9' }), waitedMs: 240_000 }, ctx)!));
    expect(escalation.documentElement!.getAttribute('scenario')).toBe('urgent');
    expect(buttons(escalation).map((b) => b.args?.action)).toEqual(['acknowledge', 'open']);
    const alarm = announcementText({ type: 'health', state: 'offline', message: 'Cannot reach Clopos', since: NOW - 120_000, downSince: NOW - 120_000 }, ctx)!;
    const health = parse(toastXml(alarm));
    expect(health.documentElement!.getAttribute('scenario')).toBe('urgent');
    // Nothing to acknowledge on a connection alarm: it opens the window.
    expect(buttons(health)).toEqual([{ label: 'Open', args: { action: 'open', orderId: null } }]);
  });

  it('server text is text: a customer named <toast>& neither breaks nor injects into the toast', () => {
    const hostile = order({
      id: 'x"/><action content="Pwn" arguments="action=acknowledge&order=other',
      number: '</text></binding><toast>&amp;',
      customer: { name: '<toast>& "Ali" \u0007\u0000', phone: null, address: null },
      comment: ']]><!-- -->',
      source: "O'Neil & <Sons>",
    });
    const doc = parse(toastXml(announcementText({ type: 'new-order', order: hostile }, ctx)!));
    expect(all(doc, 'toast')).toHaveLength(1);
    expect(all(doc, 'binding')).toHaveLength(1);
    const shown = texts(doc).join('\n');
    expect(shown).toContain('</text></binding><toast>&amp;');
    expect(shown).toContain('<toast>& "Ali"');
    // Exactly our two buttons, and they carry the whole hostile id, not a field it tried to add.
    expect(buttons(doc)).toEqual([
      { label: 'Seen', args: { action: 'acknowledge', orderId: hostile.id } },
      { label: 'Open', args: { action: 'open', orderId: hostile.id } },
    ]);
  });

  it('parses back only its own arguments', () => {
    expect(parseToastArguments(toastArguments({ action: 'acknowledge', orderId: 'a&b=c' }))).toEqual({ action: 'acknowledge', orderId: 'a&b=c' });
    expect(parseToastArguments('action=delete&order=1')).toBeNull();
    expect(parseToastArguments('action=acknowledge')).toBeNull();
    expect(parseToastArguments('')).toBeNull();
  });
});
