/**
 * The article body: a TipTap / ProseMirror document (StarterKit node names), stored as JSON.
 * This is the source of truth; HTML is derived from it on the server.
 */
export type Mark =
  { type: 'bold' } | { type: 'italic' } | { type: 'strike' } | { type: 'code' } | { type: 'link'; attrs: { href: string; title?: string | null } };

export type TextNode = { type: 'text'; text: string; marks?: Mark[] };
export type HardBreak = { type: 'hardBreak' };
export type Inline = TextNode | HardBreak;

export type Paragraph = { type: 'paragraph'; content?: Inline[] };
export type Heading = { type: 'heading'; attrs: { level: 2 | 3 }; content?: Inline[] };
export type Blockquote = { type: 'blockquote'; content: Block[] };
export type ListItem = { type: 'listItem'; content: Block[] };
export type BulletList = { type: 'bulletList'; content: ListItem[] };
export type OrderedList = { type: 'orderedList'; attrs?: { start?: number }; content: ListItem[] };
export type HorizontalRule = { type: 'horizontalRule' };
export type Image = {
  type: 'image';
  attrs: {
    src: string;
    alt: string;
    title?: string | null;
    caption?: string | null;
    credit?: string | null;
    /** A media library item: pages show its renditions (src stays the fallback for readers of the bare document). */
    mediaId?: number | null;
  };
};

/** A quote set large in the column; the attribution (who said it) is shown under it. */
export type PullQuote = { type: 'pullQuote'; attrs?: { attribution?: string | null }; content?: Inline[] };
/** A post or video elsewhere, shown as a link with the provider's name (no third-party script); see body-rules.ts. */
export type Embed = { type: 'embed'; attrs: { url: string; provider: 'youtube' | 'x' | 'telegram' } };
export type TableCellAttrs = { colspan?: number; rowspan?: number; colwidth?: number[] | null };
export type TableCell = { type: 'tableCell'; attrs?: TableCellAttrs; content: Paragraph[] };
export type TableHeader = { type: 'tableHeader'; attrs?: TableCellAttrs; content: Paragraph[] };
export type TableRow = { type: 'tableRow'; content: (TableCell | TableHeader)[] };
export type Table = { type: 'table'; content: TableRow[] };
/** A boxed aside ("What we know so far") with a title over paragraphs and lists. */
export type FactBox = { type: 'factBox'; attrs: { title: string }; content: (Paragraph | BulletList | OrderedList)[] };

export type Block = Paragraph | Heading | Blockquote | BulletList | OrderedList | HorizontalRule | Image | PullQuote | Embed | Table | FactBox;
export type Doc = { type: 'doc'; content: Block[] };

/**
 * A body document from its stored JSON text, as db/load-article.ts reads one: an unreadable or foreign text is an empty
 * document, never an error (a feed must not fail on one story).
 */
export function parseDocText(text: string): Doc {
  try {
    const doc = JSON.parse(text);
    if (doc && doc.type === 'doc' && Array.isArray(doc.content)) return doc as Doc;
  } catch {
    /* fall through */
  }
  return { type: 'doc', content: [] };
}
