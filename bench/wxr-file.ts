/**
 * The WXR file of the import benches (bench/wordpress-import-child.ts and its reference,
 * bench/wordpress-import-reference-child.ts): `posts` Russian posts with Gutenberg block markup, 20 authors, 12
 * categories and 200 tags, streamed to `file` (never whole in memory). Deterministic: both children import the same
 * bytes. Returns the file's size in bytes.
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export async function writeWxrFile(file: string, posts: number): Promise<number> {
  await pipeline(Readable.from(wxrStream(posts)), fs.createWriteStream(file));
  return fs.statSync(file).size;
}

const esc = (s: string) => s.replace(/]]>/g, ']]]]><![CDATA[>');
const pad = (n: number) => String(n).padStart(2, '0');
const WORDS = 'степь ветер город рынок зерно поезд совет мост река школа новости власть цены погода'.split(' ');
const word = (i: number) => WORDS[i % WORDS.length]!;

function header(): string {
  const authors = Array.from(
    { length: 20 },
    (_, i) =>
      `<wp:author><wp:author_id>${i + 1}</wp:author_id><wp:author_login><![CDATA[author${i}]]></wp:author_login><wp:author_display_name><![CDATA[Автор ${i}]]></wp:author_display_name></wp:author>`,
  ).join('\n');
  const cats = Array.from(
    { length: 12 },
    (_, i) =>
      `<wp:category><wp:term_id>${100 + i}</wp:term_id><wp:category_nicename><![CDATA[section-${i}]]></wp:category_nicename><wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[Раздел ${i}]]></wp:cat_name></wp:category>`,
  ).join('\n');
  const tags = Array.from(
    { length: 200 },
    (_, i) =>
      `<wp:tag><wp:term_id>${1000 + i}</wp:term_id><wp:tag_slug><![CDATA[tag-${i}]]></wp:tag_slug><wp:tag_name><![CDATA[Тег ${i}]]></wp:tag_name></wp:tag>`,
  ).join('\n');
  return `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Bench courier</title><link>https://bench.example</link><language>ru-RU</language>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://bench.example</wp:base_site_url><wp:base_blog_url>https://bench.example</wp:base_blog_url>
${authors}
${cats}
${tags}
`;
}

function item(n: number): string {
  const day = new Date(Date.UTC(2020, 0, 1) + n * 3_600_000);
  const date = `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())} ${pad(day.getUTCHours())}:00:00`;
  const slug = `post-${n}-${word(n)}`;
  const paragraphs = Array.from(
    { length: 6 },
    (_, p) =>
      `<!-- wp:paragraph -->\n<p>${Array.from({ length: 30 }, (_, w) => word(n + p * 7 + w)).join(' ')} <strong>${word(n + p)}</strong> &amp; «${word(p)}».</p>\n<!-- /wp:paragraph -->`,
  );
  const body = [`<!-- wp:heading -->\n<h2>${word(n)} ${n}</h2>\n<!-- /wp:heading -->`, ...paragraphs].join('\n\n');
  return `<item>
<title><![CDATA[${esc(`Новость ${n}: ${word(n)} и ${word(n + 3)}`)}]]></title>
<link>https://bench.example/${date.slice(0, 4)}/${date.slice(5, 7)}/${slug}/</link>
<dc:creator><![CDATA[author${n % 20}]]></dc:creator>
<guid isPermaLink="false">https://bench.example/?p=${n}</guid>
<content:encoded><![CDATA[${esc(body)}]]></content:encoded>
<excerpt:encoded><![CDATA[Коротко о ${word(n)}]]></excerpt:encoded>
<wp:post_id>${n}</wp:post_id>
<wp:post_date><![CDATA[${date}]]></wp:post_date>
<wp:post_date_gmt><![CDATA[${date}]]></wp:post_date_gmt>
<wp:post_name><![CDATA[${slug}]]></wp:post_name>
<wp:status><![CDATA[publish]]></wp:status>
<wp:post_parent>0</wp:post_parent>
<wp:post_type><![CDATA[post]]></wp:post_type>
<wp:is_sticky>0</wp:is_sticky>
<category domain="category" nicename="section-${n % 12}"><![CDATA[Раздел ${n % 12}]]></category>
<category domain="post_tag" nicename="tag-${n % 200}"><![CDATA[Тег ${n % 200}]]></category>
<category domain="post_tag" nicename="tag-${(n * 7) % 200}"><![CDATA[Тег ${(n * 7) % 200}]]></category>
<wp:postmeta><wp:meta_key><![CDATA[_yoast_wpseo_metadesc]]></wp:meta_key><wp:meta_value><![CDATA[%%excerpt%%]]></wp:meta_value></wp:postmeta>
</item>
`;
}

/** The file as text chunks of about 256 KB, made as they are read. */
async function* wxrStream(posts: number): AsyncGenerator<string> {
  let chunk = header();
  for (let n = 1; n <= posts; n++) {
    chunk += item(n);
    if (chunk.length >= 256 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}</channel>\n</rss>\n`;
}
