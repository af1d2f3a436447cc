// Record keys, values and header values arrive base64-encoded: shown as text, pretty JSON or hex.

const MAX_HEX_BYTES = 2048;
const utf8 = new TextDecoder('utf-8');

/** {kind: null|text|json|hex, text, note} for a base64 payload. */
export function decode(base64, as) {
  if (base64 === null || base64 === undefined) return { kind: 'null', text: 'null' };
  const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
  if (as === 'hex') return hex(bytes);
  const text = utf8.decode(bytes);
  if (as === 'json') {
    try {
      return { kind: 'json', text: JSON.stringify(JSON.parse(text), null, 2) };
    } catch {
      return { kind: 'text', text, note: 'not JSON' };
    }
  }
  return { kind: 'text', text };
}

function hex(bytes) {
  const shown = bytes.subarray(0, MAX_HEX_BYTES);
  const parts = Array.from(shown, b => b.toString(16).padStart(2, '0'));
  const lines = [];
  for (let i = 0; i < parts.length; i += 16) lines.push(parts.slice(i, i + 16).join(' '));
  return { kind: 'hex', text: lines.join('\n'),
    note: bytes.length > MAX_HEX_BYTES ? `first ${MAX_HEX_BYTES} of ${bytes.length} bytes` : null };
}
