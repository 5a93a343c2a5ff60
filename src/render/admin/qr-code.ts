import QRCode from 'qrcode';
import { raw, type Html } from '../html.js';

/**
 * `text` as a QR code, drawn as one SVG path (the encoding is the qrcode library's; drawing its squares needs no
 * script, no image request and nothing the admin's CSP would refuse). Four modules of quiet zone, as scanners want.
 */
export function qrSvg(text: string, label: string): Html {
  const { size, data } = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const quiet = 4;
  let d = '';
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) if (data[y * size + x]) d += `M${x + quiet} ${y + quiet}h1v1h-1z`;
  const side = size + 2 * quiet;
  const escaped = label.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  return raw(
    `<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" width="200" height="200" role="img" aria-label="${escaped}" shape-rendering="crispEdges"><rect width="${side}" height="${side}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`,
  );
}
