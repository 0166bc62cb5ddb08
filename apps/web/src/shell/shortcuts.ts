import { useEffect, useRef } from 'react';

export interface Shortcut {
  /** The key as KeyboardEvent.key reports it ('j', 'ArrowDown', '?'); 'mod+Enter' for Ctrl/⌘+Enter. */
  key: string;
  description: string;
  group: 'Queue' | 'Case' | 'Composer' | 'General';
  run: () => void;
  /** Also fires while the focus is in a text field (e.g. Esc, Ctrl+Enter). */
  inFields?: boolean;
}

type Registry = Map<string, Shortcut[]>;
const registry: Registry = new Map();
const changeListeners = new Set<() => void>();

/** What is active now, for the help overlay: only shortcuts whose action exists on this screen. */
export function activeShortcuts(): Shortcut[] {
  return [...registry.values()].map((stack) => stack[stack.length - 1]).filter(Boolean);
}

export function onShortcutsChanged(listener: () => void): () => void {
  changeListeners.add(listener);
  return () => changeListeners.delete(listener);
}

/**
 * Registers shortcuts while the component is mounted; the latest registration
 * of a key wins (a dialog's Esc over the case panel's).
 */
export function useShortcuts(shortcuts: Shortcut[]): void {
  const latest = useRef(shortcuts);
  latest.current = shortcuts;
  const signature = shortcuts.map((s) => `${s.key}:${s.description}`).join('|');
  useEffect(() => {
    const entries = latest.current.map((s) => ({ ...s, run: () => latest.current.find((l) => l.key === s.key)?.run() }));
    for (const entry of entries) registry.set(entry.key, [...(registry.get(entry.key) ?? []), entry]);
    changeListeners.forEach((l) => l());
    return () => {
      for (const entry of entries) {
        const stack = (registry.get(entry.key) ?? []).filter((s) => s !== entry);
        if (stack.length) registry.set(entry.key, stack);
        else registry.delete(entry.key);
      }
      changeListeners.forEach((l) => l());
    };
  }, [signature]);
}

function isTextField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT';
}

export function keyOf(event: KeyboardEvent): string {
  if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') return 'mod+Enter';
  return event.key;
}

/** One document listener dispatches to the registry. */
export function installShortcutListener(): () => void {
  const handler = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.altKey) return;
    const key = keyOf(event);
    if ((event.ctrlKey || event.metaKey) && key !== 'mod+Enter') return;
    const stack = registry.get(key);
    const shortcut = stack?.[stack.length - 1];
    if (!shortcut) return;
    if (isTextField(event.target) && !shortcut.inFields) return;
    event.preventDefault();
    shortcut.run();
  };
  document.addEventListener('keydown', handler);
  return () => document.removeEventListener('keydown', handler);
}

export function keyLabel(key: string): string {
  const labels: Record<string, string> = { 'mod+Enter': 'Ctrl ↵', ArrowDown: '↓', ArrowUp: '↑', Escape: 'Esc', Enter: '↵' };
  return labels[key] ?? key;
}
