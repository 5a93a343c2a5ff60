// The admin's own small stylesheet, inlined with the request's CSP nonce (admin pages are never cached).
export const ADMIN_CSS = `
:root{--ink:#161616;--muted:#555;--line:#d0d0d0;--accent:#8a1c1c;--bg:#fff;--soft:#f5f3ef;--ok:#1d6b32;--bad:#a11212}
*{box-sizing:border-box}
body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--ink);background:var(--soft)}
a{color:var(--accent)}
:focus-visible{outline:3px solid #1a5fb4;outline-offset:2px}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem}.skip:focus{left:0;z-index:10}
header.admin{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1.5rem;padding:.6rem 1rem;background:var(--ink);color:#fff}
header.admin .brand{font-weight:700;color:#fff;text-decoration:none}
header.admin nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
header.admin nav a{color:#fff}header.admin nav a[aria-current]{font-weight:700}
header.admin .who{margin-left:auto;display:flex;align-items:center;gap:.75rem}
header.admin .who button{background:transparent;color:#fff;border:1px solid #fff}
main{max-width:60rem;margin:1.5rem auto;padding:0 1rem}
.card{background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:1.25rem 1.5rem;margin-bottom:1.5rem}
.narrow{max-width:26rem;margin-left:auto;margin-right:auto}
h1{font-size:1.6rem;margin:.2rem 0 1rem}h2{font-size:1.2rem;margin:0 0 .75rem}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input,select{font:inherit;padding:.45rem .55rem;border:1px solid #767676;border-radius:4px;max-width:100%}
input[type=email],input[type=password],input[type=text],input[type=url]{width:100%}
.logo-now img{max-width:100%;height:auto;max-height:6rem;border:1px solid var(--line)}
button{font:inherit;padding:.45rem .9rem;border-radius:4px;border:1px solid var(--accent);background:var(--accent);color:#fff;cursor:pointer}
button.secondary{background:#fff;color:var(--accent)}
.actions{margin-top:1rem;display:flex;flex-wrap:wrap;gap:.75rem;align-items:center}
.note{color:var(--muted);font-size:.9rem}
.message{padding:.6rem .9rem;border-radius:4px;margin:0 0 1rem;border:1px solid}
.message.error{border-color:var(--bad);color:var(--bad);background:#fdf1f1}
.message.ok{border-color:var(--ok);color:var(--ok);background:#eff8f1}
.message p{margin:.2rem 0}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.45rem .5rem;border-bottom:1px solid var(--line);vertical-align:middle}
caption{text-align:left;font-weight:600;padding-bottom:.5rem}
td form{display:flex;gap:.4rem;align-items:center;margin:0}
.inactive{color:var(--muted)}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(12rem,100%),1fr));gap:0 1rem}
fieldset[lang]{border:1px solid var(--line);border-radius:4px;margin:1rem 0;padding:.5rem 1rem 1rem;min-width:0}.photo-preview{width:6rem;height:auto;border-radius:4px}
.title-row{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem}
a.button{display:inline-block;padding:.45rem .9rem;border-radius:4px;background:var(--accent);color:#fff;text-decoration:none}
.table-scroll{overflow-x:auto;position:relative}
.badges{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.3rem}
.badge{border:1px solid var(--line);border-radius:3px;padding:0 .35rem;font-size:.9rem;white-space:nowrap}
.badge.stale,strong.stale{border-color:var(--bad);color:var(--bad)}.badge.stale a{color:var(--bad);font-weight:600}
.two-up{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(24rem,100%),1fr));gap:0 1.5rem}
.items{margin:0;padding-left:1.2rem}.items li{margin:.3rem 0}
.side-by-side{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(18rem,100%),1fr));gap:1.5rem}
.read-only{border-left:3px solid var(--line);padding-left:.9rem}.read-only .headline{font-size:1.2rem;font-weight:700}.read-only .deck{font-style:italic}
h3{font-size:1.05rem;margin:.5rem 0}
.diff dt{font-weight:600;margin-top:.5rem}.diff dd{margin:.2rem 0 .5rem}.body-diff{white-space:pre-wrap}
ins{background:#e3f3e6;text-decoration:underline}del{background:#fbe4e4;text-decoration:line-through}
textarea{font:inherit;width:100%;padding:.45rem .55rem;border:1px solid #767676;border-radius:4px}
.notes{padding-left:1.2rem}.notes li{margin-bottom:.75rem}.notes p{margin:.1rem 0}.note-text{white-space:pre-wrap}
label.inline{display:inline;margin:0}
header.admin .who a{color:#fff}
.qr-box{margin:.5rem 0}.qr-box svg{display:block;width:200px;height:200px;max-width:100%}
.secret{font-family:ui-monospace,monospace;word-break:break-all;background:var(--soft);padding:.1rem .3rem}
.codes{list-style:none;padding:0;columns:2;font-family:ui-monospace,monospace;font-size:1.1rem}
main:has(table.list){max-width:84rem}table.list td{font-size:.92rem}table.list td.headline{min-width:16rem}table.list time{white-space:nowrap}
details.filters>summary{cursor:pointer}details.filters>summary h2{display:inline;margin:0}details.filters[open]>summary{margin-bottom:.5rem}
/* A phone (390 px): nothing may make the page wider than the screen; wide tables scroll inside their own box. */
body{overflow-wrap:break-word}
@media (max-width:40rem){main{margin:1rem auto;padding:0 .5rem}.card{padding:1rem .75rem}header.admin{padding:.5rem .75rem;gap:.5rem 1rem}header.admin .who{margin-left:0}table.list td.headline{min-width:12rem}}
`;
