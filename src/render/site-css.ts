// A library image's focal point in tenths (content/media.ts focalClasses): where a crop (object-fit: cover, as when a
// tall hero meets a short screen) keeps the subject. Classes, because the pages' CSP forbids style attributes.
const FOCAL = Array.from({ length: 11 }, (_, i) => `.fx${i}{--fx:${i * 10}%}.fy${i}{--fy:${i * 10}%}`).join('');

// Inlined into every page: one request for a whole page on a slow phone, and small enough (~3 KB) to not matter.
export const SITE_CSS = `
:root{--ink:#161616;--muted:#555;--line:#ddd;--accent:#8a1c1c;--bg:#fff;--soft:#f5f3ef;--max:70rem;--text:42rem}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:1.0625rem/1.6 Georgia,"Times New Roman",serif;color:var(--ink);background:var(--bg)}
a{color:var(--accent)}a:hover,a:focus{text-decoration-thickness:2px}
:focus-visible{outline:3px solid #1a5fb4;outline-offset:2px}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem}.skip:focus{left:0;z-index:10}
header.site,footer.site,main{max-width:var(--max);margin:0 auto;padding:0 1rem}
header.site{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem;padding-top:.75rem;padding-bottom:.5rem;border-bottom:3px solid var(--ink)}
.brand{font:700 1.6rem/1.1 system-ui,sans-serif;color:var(--ink);text-decoration:none;display:flex;align-items:center;gap:.5rem}
.brand img{width:auto;height:2rem}
nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
nav a{font-family:system-ui,sans-serif;font-size:.95rem;text-decoration:none;color:var(--ink)}
nav a[aria-current]{color:var(--accent);font-weight:700}
.sections{width:100%;border-top:1px solid var(--line);padding-top:.4rem}
.langs a{color:var(--muted)}
.search-form{display:flex;flex-wrap:wrap;gap:.4rem;margin:1rem 0}.search-form input[type=search]{flex:1 1 12rem}.search-day{display:flex;align-items:center;gap:.3rem;font:.9rem system-ui,sans-serif}.search-filters{list-style:none;padding:0;font:.9rem system-ui,sans-serif}
.search-form input{flex:1;min-width:0;font:inherit;padding:.4rem .6rem;border:1px solid #767676;border-radius:3px}
.search-form button{font:600 .95rem system-ui,sans-serif;padding:.4rem .9rem;border:0;border-radius:3px;background:var(--ink);color:#fff}
.search-form select{font:inherit;padding:.4rem;border:1px solid #767676;border-radius:3px;max-width:40%}
.search-results{list-style:none;padding:0}.search-results li{margin:0 0 1.25rem}.search-results h2{font-size:1.15rem;margin:.3rem 0;border:0;padding:0}.search-results h2 a{color:var(--ink)}.search-results p{margin:.2rem 0}
mark{background:#fff1a8;color:inherit;padding:0 .1em}
h1,h2,h3{font-family:system-ui,sans-serif;line-height:1.2}
h1{font-size:clamp(1.7rem,4vw,2.6rem);margin:.6rem 0}
.kicker{font:700 .8rem system-ui,sans-serif;text-transform:uppercase;letter-spacing:.06em;color:var(--accent);text-decoration:none}
.deck{font-size:1.25rem;color:#333}
.author-photo img{display:block;width:8rem;height:8rem;object-fit:cover;border-radius:50%}
.author-links{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;padding:0;font:.95rem system-ui,sans-serif}
.meta{font:.875rem/1.5 system-ui,sans-serif;color:var(--muted)}
.meta a{color:var(--muted)}
.layout{display:grid;gap:2rem;grid-template-columns:minmax(0,1fr)}
@media (min-width:60rem){.layout{grid-template-columns:minmax(0,1fr) 20rem}}
article.story{max-width:var(--text)}
figure{margin:1.25rem 0}figure img,.card img,.lead img{width:100%;height:auto;display:block;background:var(--soft)}
figcaption{font:.85rem/1.4 system-ui,sans-serif;color:var(--muted);margin-top:.35rem}
picture img{object-fit:cover;object-position:var(--fx,50%) var(--fy,50%)}.hero picture img{max-height:85vh}
${FOCAL}
figcaption small{display:block}
.body blockquote{margin:1.25rem 0;padding:.1rem 0 .1rem 1rem;border-left:4px solid var(--accent);font-style:italic}
.body h2{margin-top:2rem}
.body .pull-quote{margin:2rem 0;padding:.75rem 0;border-top:3px solid var(--accent);border-bottom:1px solid var(--line)}
.body .pull-quote blockquote{margin:0;padding:0;border:0;font:italic 1.45rem/1.35 Georgia,serif}.body .pull-quote p{margin:0}
.body .embed{padding:.75rem 1rem;border:1px solid var(--line);border-radius:4px;background:var(--soft)}
.body .embed figcaption{margin:0 0 .2rem;font-weight:700;color:var(--ink)}.body .embed a{overflow-wrap:anywhere;font:.95rem/1.4 system-ui,sans-serif}
.table-scroll{overflow-x:auto;margin:1.5rem 0}.table-scroll:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
.body table{border-collapse:collapse;min-width:100%;font:.95rem/1.45 system-ui,sans-serif}
.body th,.body td{border:1px solid var(--line);padding:.4rem .6rem;text-align:start;vertical-align:top}.body th{background:var(--soft)}.body th p,.body td p{margin:0}
.body .fact-box{background:var(--soft);border-left:4px solid var(--accent);padding:.75rem 1rem;margin:1.5rem 0;font:.95rem/1.5 system-ui,sans-serif}
.body .fact-box h2{font-size:1.05rem;margin:0 0 .4rem;border:0;padding:0}.body .fact-box div>:last-child{margin-bottom:0}
.box{background:var(--soft);border-left:4px solid var(--ink);padding:.75rem 1rem;margin:1.5rem 0;font:.95rem/1.5 system-ui,sans-serif}
.box h2{font-size:1rem;margin:0 0 .4rem}
.box dl{margin:0;display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}.box dt{font-weight:700}.box dd{margin:0}
.box.corrections{border-color:var(--accent)}
.tags ul,.inline-list{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:.4rem}
.tags a{display:inline-block;font:.85rem system-ui,sans-serif;padding:.15rem .55rem;border:1px solid var(--line);border-radius:1rem;text-decoration:none}
aside h2,.block h2{font-size:1.05rem;border-top:3px solid var(--ink);padding-top:.4rem}
.latest ol{margin:0;padding-left:1.2rem;font:.95rem/1.4 system-ui,sans-serif}.latest li{margin:.45rem 0}
.latest time{display:block;font-size:.8rem;color:var(--muted)}
.cards{list-style:none;padding:0;display:grid;gap:1.25rem;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr))}
.card h2,.card h3{font-size:1.1rem;margin:.4rem 0;border:0;padding:0}.card h2 a,.card h3 a{color:var(--ink);text-decoration:none}.card p{margin:.2rem 0;font-size:.95rem}
.lead{display:grid;gap:1rem;margin:1rem 0 2rem}@media (min-width:48rem){.lead{grid-template-columns:3fr 2fr;align-items:center}}
.lead h2{font-size:clamp(1.5rem,3vw,2.2rem);margin:.3rem 0}.lead h2 a{color:var(--ink);text-decoration:none}
.pager{display:flex;justify-content:space-between;margin:2rem 0;font-family:system-ui,sans-serif}
.crumbs ol{list-style:none;padding:0;margin:.75rem 0 0;display:flex;gap:.4rem;font:.85rem system-ui,sans-serif}
.crumbs li+li::before{content:"›";margin-right:.4rem;color:var(--muted)}
footer.site{margin-top:3rem;padding-top:1rem;padding-bottom:2rem;border-top:1px solid var(--line);font:.875rem system-ui,sans-serif;color:var(--muted)}
footer.site nav.pages ul{list-style:none;margin:0 0 .75rem;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
footer.site nav.pages a{color:inherit;text-decoration:underline}
`.replace(/\n/g, '');
