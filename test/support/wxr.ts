/* WordPress export (WXR) files for the importer's tests, in the shape WordPress writes them. */

/** A small WXR 1.2 file in WordPress's own shape: namespaces, CDATA everywhere, a comment and postmeta inside items. */
export function wxr(opts: { version?: string; items?: string; channelExtra?: string; ns?: string } = {}): string {
  const ns = opts.ns ?? `http://wordpress.org/export/${opts.version ?? '1.2'}/`;
  return `<?xml version="1.0" encoding="UTF-8" ?>
<!-- generator="WordPress/6.4.2" created="2026-11-30 10:00" -->
<rss version="2.0"
\txmlns:excerpt="${ns}excerpt/"
\txmlns:content="http://purl.org/rss/1.0/modules/content/"
\txmlns:wfw="http://wellformedweb.org/CommentAPI/"
\txmlns:dc="http://purl.org/dc/elements/1.1/"
\txmlns:wp="${ns}"
>
<channel>
\t<title>Степной курьер</title>
\t<link>https://courier.example</link>
\t<description>News</description>
\t<language>ru-RU</language>
\t<wp:wxr_version>${opts.version ?? '1.2'}</wp:wxr_version>
\t<wp:base_site_url>https://courier.example</wp:base_site_url>
\t<wp:base_blog_url>https://courier.example</wp:base_blog_url>
\t<wp:author><wp:author_id>2</wp:author_id><wp:author_login><![CDATA[ngrishina]]></wp:author_login><wp:author_email><![CDATA[n@courier.example]]></wp:author_email><wp:author_display_name><![CDATA[Наталья Гришина]]></wp:author_display_name><wp:author_first_name><![CDATA[Наталья]]></wp:author_first_name><wp:author_last_name><![CDATA[Гришина]]></wp:author_last_name></wp:author>
\t<wp:category><wp:term_id>3</wp:term_id><wp:category_nicename><![CDATA[world]]></wp:category_nicename><wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[Мир]]></wp:cat_name></wp:category>
\t<wp:category><wp:term_id>4</wp:term_id><wp:category_nicename><![CDATA[%d0%b0%d0%b7%d0%b8%d1%8f]]></wp:category_nicename><wp:category_parent><![CDATA[world]]></wp:category_parent><wp:cat_name><![CDATA[Азия]]></wp:cat_name></wp:category>
\t<wp:tag><wp:term_id>7</wp:term_id><wp:tag_slug><![CDATA[trade]]></wp:tag_slug><wp:tag_name><![CDATA[Trade & tariffs]]></wp:tag_name></wp:tag>
${opts.channelExtra ?? ''}
${opts.items ?? POST}
</channel>
</rss>
`;
}

export const POST = `\t<item>
\t\t<title><![CDATA[Переговоры в Тобыргане]]></title>
\t\t<link>https://courier.example/2026/11/peregovory/</link>
\t\t<pubDate>Mon, 30 Nov 2026 08:00:00 +0000</pubDate>
\t\t<dc:creator><![CDATA[ngrishina]]></dc:creator>
\t\t<guid isPermaLink="false">https://courier.example/?p=41</guid>
\t\t<description></description>
\t\t<content:encoded><![CDATA[<!-- wp:paragraph -->
<p>Первый абзац &amp; «кавычки».</p>
<!-- /wp:paragraph -->]]></content:encoded>
\t\t<excerpt:encoded><![CDATA[Коротко]]></excerpt:encoded>
\t\t<wp:post_id>41</wp:post_id>
\t\t<wp:post_date><![CDATA[2026-11-30 14:00:00]]></wp:post_date>
\t\t<wp:post_date_gmt><![CDATA[2026-11-30 08:00:00]]></wp:post_date_gmt>
\t\t<wp:post_modified_gmt><![CDATA[2026-12-01 09:30:00]]></wp:post_modified_gmt>
\t\t<wp:comment_status><![CDATA[open]]></wp:comment_status>
\t\t<wp:post_name><![CDATA[%d0%bf%d0%b5%d1%80%d0%b5%d0%b3%d0%be%d0%b2%d0%be%d1%80%d1%8b]]></wp:post_name>
\t\t<wp:status><![CDATA[publish]]></wp:status>
\t\t<wp:post_parent>0</wp:post_parent>
\t\t<wp:menu_order>0</wp:menu_order>
\t\t<wp:post_type><![CDATA[post]]></wp:post_type>
\t\t<wp:is_sticky>1</wp:is_sticky>
\t\t<category domain="category" nicename="%d0%b0%d0%b7%d0%b8%d1%8f"><![CDATA[Азия]]></category>
\t\t<category domain="post_tag" nicename="trade"><![CDATA[Trade & tariffs]]></category>
\t\t<wp:postmeta><wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key><wp:meta_value><![CDATA[55]]></wp:meta_value></wp:postmeta>
\t\t<wp:comment><wp:comment_id>9</wp:comment_id><wp:comment_content><![CDATA[Not the post's text]]></wp:comment_content></wp:comment>
\t</item>
`;
