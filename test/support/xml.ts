import sax from 'sax';

/**
 * Reads XML with a strict, namespace-aware streaming parser (sax, which the `sitemap` package parses with): throws on
 * anything that is not well-formed, including characters XML 1.0 forbids. Returns the root element and the
 * namespace-qualified elements seen, for quick checks.
 */
export function readXml(xml: string): { root: string; elements: { name: string; uri: string; attrs: Record<string, string> }[] } {
  const parser = sax.parser(true, { xmlns: true });
  const elements: { name: string; uri: string; attrs: Record<string, string> }[] = [];
  let failure: Error | null = null;
  parser.onerror = (e) => {
    failure ??= e;
    parser.resume();
  };
  parser.onopentag = (node) => {
    const tag = node as sax.QualifiedTag;
    const attrs: Record<string, string> = {};
    for (const [k, a] of Object.entries(tag.attributes)) attrs[k] = a.value;
    elements.push({ name: tag.name, uri: tag.uri, attrs });
  };
  // sax lets C0 controls through in text; XML 1.0 does not.
  parser.ontext = (t) => {
    if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(t)) failure ??= new Error(`character not allowed in XML 1.0 in text: ${JSON.stringify(t)}`);
  };
  parser.oncdata = parser.ontext;
  parser.write(xml).close();
  if (failure) throw failure;
  if (!elements.length) throw new Error('no root element');
  return { root: elements[0]!.name, elements };
}
