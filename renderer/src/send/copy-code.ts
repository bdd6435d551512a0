/**
 * Puts a code on the clipboard as plain digits. It goes through a `copy` command rather than the async
 * Clipboard API, which is a permission the app's window denies (every permission request is refused);
 * a copy command run from a click or a key press needs none.
 */
export function copyCode(code: string): boolean {
  const put = (event: ClipboardEvent) => {
    event.clipboardData?.setData('text/plain', code);
    event.preventDefault();
  };
  document.addEventListener('copy', put, true);
  try {
    return document.execCommand('copy');
  } finally {
    document.removeEventListener('copy', put, true);
  }
}

/** Whether the page's selection covers any part of `node` (a drag across the code, or beyond it). */
export function selectionTouches(node: Node | null): boolean {
  const selection = document.getSelection();
  if (node === null || selection === null || selection.isCollapsed) return false;
  for (let i = 0; i < selection.rangeCount; i++) {
    if (selection.getRangeAt(i).intersectsNode(node)) return true;
  }
  return false;
}
