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
header.admin nav ul{list-style:none;margin:0;padding:0;display:flex;gap:1rem}
header.admin nav a{color:#fff}header.admin nav a[aria-current]{font-weight:700}
header.admin .who{margin-left:auto;display:flex;align-items:center;gap:.75rem}
header.admin .who button{background:transparent;color:#fff;border:1px solid #fff}
main{max-width:60rem;margin:1.5rem auto;padding:0 1rem}
.card{background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:1.25rem 1.5rem;margin-bottom:1.5rem}
.narrow{max-width:26rem;margin-left:auto;margin-right:auto}
h1{font-size:1.6rem;margin:.2rem 0 1rem}h2{font-size:1.2rem;margin:0 0 .75rem}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input,select{font:inherit;padding:.45rem .55rem;border:1px solid #767676;border-radius:4px;max-width:100%}
input[type=email],input[type=password],input[type=text]{width:100%}
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
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));gap:0 1rem}
`;
