import { useEffect, useState } from 'react';
import { activeShortcuts, keyLabel, onShortcutsChanged, useShortcuts, type Shortcut } from './shortcuts';
import { Icon } from './icons';

const GROUPS: Shortcut['group'][] = ['Queue', 'Case', 'Composer', 'General'];

/** Lists the shortcuts that work on the current screen (press ? to open). */
export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const [shortcuts, setShortcuts] = useState(activeShortcuts);
  useEffect(() => onShortcutsChanged(() => setShortcuts(activeShortcuts())), []);
  useShortcuts([{ key: 'Escape', description: 'Close this help', group: 'General', run: onClose, inFields: true }]);
  const visible = shortcuts.filter((s) => !(s.key === 'Escape' && s.description === 'Close this help'));
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" onClick={onClose}>
      <div className="dialog help-dialog" onClick={(e) => e.stopPropagation()}>
        <div className="dialog-header">
          <h2><Icon name="keyboard" size={18} /> Keyboard shortcuts</h2>
          <button className="icon-btn" onClick={onClose} aria-label="Close"><Icon name="x" /></button>
        </div>
        <div className="help-groups">
          {GROUPS.map((group) => {
            const items = visible.filter((s) => s.group === group).sort((a, b) => a.description.localeCompare(b.description));
            if (items.length === 0) return null;
            return (
              <section key={group}>
                <h3>{group}</h3>
                <dl>
                  {items.map((s) => (
                    <div className="help-row" key={s.key}>
                      <dt><kbd>{keyLabel(s.key)}</kbd></dt>
                      <dd>{s.description}</dd>
                    </div>
                  ))}
                </dl>
              </section>
            );
          })}
        </div>
        <p className="help-foot">Shortcuts are off while you type, except Esc and Ctrl ↵.</p>
      </div>
    </div>
  );
}
