/**
 * The article body: a TipTap / ProseMirror document (StarterKit node names), stored as JSON.
 * This is the source of truth; HTML is derived from it on the server.
 */
export type Mark =
  | { type: 'bold' }
  | { type: 'italic' }
  | { type: 'strike' }
  | { type: 'code' }
  | { type: 'link'; attrs: { href: string; title?: string | null } };

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
  attrs: { src: string; alt: string; title?: string | null; caption?: string | null; credit?: string | null };
};

export type Block = Paragraph | Heading | Blockquote | BulletList | OrderedList | HorizontalRule | Image;
export type Doc = { type: 'doc'; content: Block[] };
