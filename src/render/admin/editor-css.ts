// The article editor's stylesheet, served as /admin/assets/editor.css (style-src 'self'): only the edit page needs it,
// so it is not inlined into every admin page. It also carries ProseMirror's own rules, because TipTap's injected
// <style> would need the page's nonce (the editor is created with injectCSS: false).
export const EDITOR_CSS = `
main{max-width:84rem}
.editor-layout{display:grid;grid-template-columns:minmax(0,1fr);gap:1rem;align-items:start}
@media (min-width:900px){.editor-layout{grid-template-columns:minmax(0,1fr) minmax(18rem,24rem)}.sidebar{position:sticky;top:.5rem;max-height:calc(100vh - 1rem);overflow-y:auto}}
.writing{min-width:0}
.to-sidebar{margin:0 0 .75rem}
@media (min-width:900px){.to-sidebar{display:none}}
.sidebar{min-width:0;display:flex;flex-direction:column;gap:.5rem}
.panel-close{display:none;margin:0}
@media (max-width:899.98px){.to-sidebar{position:sticky;top:0;z-index:10;background:var(--bg);padding:.4rem 0;border-bottom:1px solid var(--line)}}
@supports selector(:has(*)){@media (max-width:899.98px){
.sidebar{position:fixed;top:0;right:0;bottom:0;z-index:30;width:min(100%,26rem);overflow-y:auto;overscroll-behavior:contain;background:var(--bg);padding:.5rem;box-shadow:-4px 0 18px rgba(0,0,0,.3);transform:translateX(105%);visibility:hidden;transition:transform .18s ease-out,visibility .18s}
.sidebar:target,.sidebar:has(:target){transform:none;visibility:visible}
.panel-close{display:block;position:sticky;top:-.5rem;z-index:1;background:var(--bg);padding:.4rem 0}
}}
@media (prefers-reduced-motion:reduce){.sidebar{transition:none}}
.side-group{border:1px solid var(--line);border-radius:6px;background:var(--bg)}
.side-group>summary{cursor:pointer;font-weight:700;padding:.55rem .8rem;list-style-position:inside}
.side-group[open]>summary{border-bottom:1px solid var(--line)}
.group-body{padding:.25rem .8rem .8rem;overflow-wrap:anywhere}
.group-body input,.group-body select,.group-body textarea{max-width:100%}
.group-body input[type=text],.group-body input[type=url],.group-body select{width:100%}
.side-part{margin:.25rem 0 .75rem}.side-part h2{font-size:1.05rem;margin:.5rem 0 .35rem}
.side-part+.side-part{border-top:1px solid var(--line);padding-top:.5rem}
.counter{margin:.15rem 0 0;font-size:.85rem;color:var(--muted)}.counter.over{color:var(--bad);font-weight:600}
.word-count{margin:.35rem 0 0}
.focal{border:1px solid var(--line);border-radius:4px;margin:.5rem 0;padding:.25rem .6rem .6rem;min-width:0}.focal legend{font-weight:600}.focal input{width:100%}
#hero-preview{cursor:crosshair}
.hero-choose{display:flex;flex-wrap:wrap;gap:.5rem;margin:.5rem 0}
.contributors-list{list-style:none;margin:.25rem 0;padding:0}
.contributor-row{border:1px solid var(--line);border-radius:4px;padding:.4rem .5rem;margin-bottom:.4rem}
.contributor-row .who{font-weight:600;margin:0 0 .25rem}
.contributor-row .row-actions{display:flex;flex-wrap:wrap;gap:.3rem;margin-top:.3rem}
.contributor-row .row-actions button{padding:.15rem .5rem;font-size:.85rem}
.contributor-results{list-style:none;margin:.25rem 0;padding:0}.contributor-results li{margin:.2rem 0}
.contributor-results button{width:100%;text-align:left;background:#fff;color:var(--ink);border-color:#767676}
.breadcrumbs{margin:0;font-size:.9rem}
.field{margin-bottom:.5rem}
.field .label{display:block;font-weight:600;margin:.75rem 0 .25rem}
textarea{font:inherit;padding:.45rem .55rem;border:1px solid #767676;border-radius:4px;width:100%}
input[type=url],input[type=number],input[type=datetime-local]{width:100%}
input.headline{font-size:1.35rem;font-weight:700}
fieldset.plain{border:0;margin:0;padding:0;min-width:0}
fieldset.group{border:1px solid var(--line);border-radius:6px;margin:1rem 0;padding:.25rem 1rem 1rem}
fieldset.group legend{font-weight:700;padding:0 .3rem}
ol.rows{list-style:none;margin:0;padding:0}
.row{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end;margin-bottom:.5rem}
.row label{margin-top:.25rem}
.field-errors{color:var(--bad)}
.hero-preview{display:block;max-width:100%;height:auto;margin:.5rem 0;border:1px solid var(--line)}
.save-bar{position:sticky;bottom:0;background:var(--bg);padding:.6rem 0;border-top:1px solid var(--line)}
.save-status{margin:0;color:var(--muted)}
.save-status.offline,.save-status.error{color:var(--bad);font-weight:600}
.moves{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-end}
.moves form{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end;margin:0}
.moves label{margin-top:0}
.body-static,.ProseMirror{background:var(--bg);border:1px solid #767676;border-radius:4px;padding:.5rem 1rem;min-height:12rem;font-family:Georgia,"Times New Roman",serif;font-size:1.05rem;line-height:1.6}
.body-static{background:#fafafa}
.translate-pair{display:grid;gap:1rem;grid-template-columns:minmax(0,1fr)}
@media (min-width:70rem){.translate-pair{grid-template-columns:minmax(0,1fr) minmax(0,1fr)}}
.source-panel h2{font-size:1rem;margin:.25rem 0}.source-headline{font-weight:700;font-size:1.15rem;margin:.25rem 0}.source-deck{margin:.25rem 0 .75rem}
.ProseMirror{position:relative;word-wrap:break-word;white-space:pre-wrap;white-space:break-spaces;font-variant-ligatures:none;font-feature-settings:"liga" 0;outline:none}
.ProseMirror:focus-visible,.ProseMirror-focused{outline:3px solid #1a5fb4;outline-offset:2px}
.ProseMirror pre{white-space:pre-wrap}
.ProseMirror li{position:relative}
.ProseMirror-hideselection *::selection{background:transparent}
.ProseMirror-hideselection{caret-color:transparent}
.ProseMirror [draggable][contenteditable=false]{user-select:text}
.ProseMirror-selectednode{outline:2px solid #1a5fb4}
li.ProseMirror-selectednode{outline:none}
li.ProseMirror-selectednode:after{content:"";position:absolute;left:-32px;right:-2px;top:-2px;bottom:-2px;border:2px solid #1a5fb4;pointer-events:none}
.ProseMirror-gapcursor{display:none;pointer-events:none;position:absolute}
.ProseMirror-gapcursor:after{content:"";display:block;position:absolute;top:-2px;width:20px;border-top:1px solid black;animation:ProseMirror-cursor-blink 1.1s steps(2,start) infinite}
@keyframes ProseMirror-cursor-blink{to{visibility:hidden}}
.ProseMirror-focused .ProseMirror-gapcursor{display:block}
.ProseMirror img{max-width:100%;height:auto}
.ProseMirror table,.body-static table{border-collapse:collapse;margin:.5rem 0}
.ProseMirror td,.ProseMirror th,.body-static td,.body-static th{border:1px solid var(--line);padding:.3rem .5rem;min-width:4rem;vertical-align:top}
.ProseMirror .selectedCell{background:#e6eefb}
.ProseMirror p.is-editor-empty:first-child::before{content:attr(data-placeholder);float:left;color:#6b6b6b;pointer-events:none;height:0}
blockquote{border-left:3px solid var(--line);margin:1rem 0;padding-left:1rem}
.pull-quote{margin:1rem 0;font-size:1.3rem;font-style:italic}.pull-quote blockquote{border-left:4px solid var(--accent)}
.pull-quote figcaption{font-size:.9rem;font-style:normal}
.fact-box{border:1px solid var(--line);background:var(--soft);padding:.25rem 1rem;margin:1rem 0}
.embed{border:1px dashed #767676;padding:.5rem 1rem;margin:1rem 0;font-family:system-ui,sans-serif;font-size:.95rem}
.toolbar{display:flex;flex-wrap:wrap;gap:.3rem;padding:.4rem;border:1px solid #767676;border-bottom:0;border-radius:4px 4px 0 0;background:var(--soft);position:sticky;top:0;z-index:2}
.toolbar button{background:#fff;color:var(--ink);border-color:#767676;padding:.25rem .55rem;font-size:.9rem}
.toolbar button[aria-pressed=true]{background:var(--ink);color:#fff}
.toolbar button:disabled{opacity:.5;cursor:default}
.toolbar .sep{width:1px;background:var(--line);margin:0 .2rem}
.body-editor .ProseMirror{border-radius:0 0 4px 4px}
.local-copy,.conflict{border:2px solid var(--bad);background:#fff;border-radius:6px;padding:1rem 1.25rem;margin-bottom:1.5rem}
.local-copy h2,.conflict h2{margin-top:0}
.sides{display:grid;grid-template-columns:repeat(auto-fit,minmax(20rem,1fr));gap:1rem}
.side{border:1px solid var(--line);border-radius:4px;padding:.5rem 1rem;overflow-wrap:anywhere}
.side h3{margin:.2rem 0 .5rem;font-size:1rem}
.side .differs{background:#fff6d6}
.chips{display:flex;flex-wrap:wrap;gap:.4rem;list-style:none;margin:.25rem 0;padding:0}
.chips li{display:flex;align-items:center;gap:.3rem;background:var(--soft);border:1px solid var(--line);border-radius:999px;padding:.1rem .25rem .1rem .7rem}
.chips button{padding:0 .45rem;border-radius:999px;background:#fff;color:var(--ink);border-color:#767676}
.tag-add{display:flex;gap:.5rem}
.tag-add input{flex:1}
.history-table td,.history-table th{font-size:.92rem}
.diff{border:1px solid var(--line);border-radius:4px;padding:.5rem 1rem;margin-top:1rem;white-space:pre-wrap;overflow-wrap:anywhere}
.diff h3{font-size:1rem;margin:.75rem 0 .25rem}
ins{background:#dcf5e0;color:#0b4a1c;text-decoration:underline}
del{background:#fbe1e1;color:#7a0d0d;text-decoration:line-through}
dialog.dialog{border:1px solid #767676;border-radius:6px;padding:1rem 1.5rem;max-width:min(40rem,calc(100vw - 2rem));width:100%;max-height:calc(100vh - 2rem);overflow:auto;color:var(--ink);background:var(--bg)}
dialog.image-dialog{max-width:min(56rem,calc(100vw - 2rem))}
dialog.dialog::backdrop{background:rgba(0,0,0,.55)}
.dialog h2{margin:0 0 .5rem}
.dialog-field input{width:100%}
.field-error{color:var(--bad);font-weight:600;margin:.25rem 0 0}
dialog [aria-invalid=true]{border-color:var(--bad);border-width:2px}
.tabs{display:flex;gap:.25rem;border-bottom:1px solid #767676;margin:.5rem 0 .75rem}
.tabs [role=tab]{background:#fff;color:var(--ink);border:1px solid #767676;border-bottom:0;border-radius:4px 4px 0 0;margin-bottom:-1px}
.tabs [role=tab][aria-selected=true]{background:var(--ink);color:#fff;font-weight:600}
.inline-form{display:flex;gap:.5rem}.inline-form input{flex:1}
.picker-grid{list-style:none;margin:.5rem 0;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(9rem,1fr));gap:.6rem}
.picker-item{display:flex;flex-direction:column;gap:.3rem;width:100%;height:100%;padding:.3rem;background:#fff;color:var(--ink);border:1px solid #767676;text-align:left;font-size:.85rem}
.picker-item img{width:100%;height:6rem;object-fit:cover;background:var(--soft)}
.picker-item.no-alt{border:2px solid var(--bad)}
.picker-item[aria-pressed=true]{outline:3px solid #1a5fb4;outline-offset:1px;background:#e6eefb}
.picker-item .alt{overflow-wrap:anywhere}
.chosen{border-top:1px solid var(--line);margin-top:1rem}
.chosen-row{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}.chosen-row>div{flex:1;min-width:14rem}
.chosen-row img{width:10rem;height:auto;border:1px solid var(--line)}
`;
