// Keystrokes from an SSH terminal into command lines: printable characters are echoed and kept,
// Backspace rubs out, Enter hands the line over, Ctrl-C interrupts, Ctrl-D on an empty line
// leaves, and escape sequences (arrow keys, F1) are swallowed.

export type EditorEvent =
  | { readonly kind: 'echo'; readonly text: string }
  | { readonly kind: 'line'; readonly text: string }
  | { readonly kind: 'interrupt' }
  | { readonly kind: 'quit' };

export class LineEditor {
  private buffer = '';
  /** Inside an escape sequence: how it started (`ESC`, `ESC [` or `ESC O`). */
  private escape = '';
  private lastWasCarriageReturn = false;

  feed(input: string): EditorEvent[] {
    const events: EditorEvent[] = [];
    for (const char of input) {
      if (this.escape) {
        this.continueEscape(char);
        continue;
      }
      const afterCarriageReturn = this.lastWasCarriageReturn;
      this.lastWasCarriageReturn = char === '\r';
      if (char === '\r' || char === '\n') {
        // A terminal may send CR LF for one Enter.
        if (char === '\n' && afterCarriageReturn) continue;
        events.push({ kind: 'echo', text: '\n' }, { kind: 'line', text: this.buffer });
        this.buffer = '';
      } else if (char === '\x7f' || char === '\b') {
        if (this.buffer.length > 0) {
          this.buffer = this.buffer.slice(0, -1);
          events.push({ kind: 'echo', text: '\b \b' });
        }
      } else if (char === '\x03') {
        this.buffer = '';
        events.push({ kind: 'interrupt' });
      } else if (char === '\x04') {
        if (this.buffer === '') events.push({ kind: 'quit' });
      } else if (char === '\x1b') {
        this.escape = char;
      } else if (char >= ' ') {
        this.buffer += char;
        events.push({ kind: 'echo', text: char });
      }
    }
    return events;
  }

  private continueEscape(char: string): void {
    if (this.escape === '\x1b' && (char === '[' || char === 'O')) {
      this.escape += char;
      return;
    }
    // `ESC [ 1 1 ~`: parameters until a final letter or `~`.
    if (this.escape.endsWith('[') || this.escape.length > 2) {
      if (/[A-Za-z~]/.test(char)) this.escape = '';
      else this.escape += char;
      return;
    }
    this.escape = '';
  }
}
