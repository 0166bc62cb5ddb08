import { useEffect, useState } from 'react';
import type { CaseViewer, PresenceChange } from '@inbox/contracts';
import { initials } from '../format';
import { useWorkspace } from '../shell/workspace-context';

/**
 * Collision detection: tells the gateway this agent is looking at the case,
 * and shows who else is looking or typing, live.
 */
export function Presence({ caseId }: { caseId: string }) {
  const { live, me } = useWorkspace();
  const [viewers, setViewers] = useState<CaseViewer[]>([]);

  useEffect(() => {
    let active = true;
    // Changes pushed while the join is in flight are newer than its answer: replayed on top of it.
    let sinceJoin: PresenceChange[] | null = null;
    const join = () => {
      sinceJoin = [];
      return live
        .request('case.view', { caseId })
        .then((answer) => {
          if (!active) return;
          const pending = sinceJoin ?? [];
          sinceJoin = null;
          setViewers(pending.reduce(applyChange, answer.viewers ?? []));
        })
        .catch(() => {
          sinceJoin = null;
        });
    };
    void join();
    const offReconnect = live.onReconnect(() => void join());
    const offPresence = live.on('presence', (change) => {
      if (change.caseId !== caseId) return;
      sinceJoin?.push(change);
      setViewers((list) => applyChange(list, change));
    });
    return () => {
      active = false;
      offReconnect();
      offPresence();
      live.emit('case.leave', { caseId });
    };
  }, [live, caseId]);

  const others = viewers.filter((v) => v.userId !== me.userId);
  if (others.length === 0) return null;
  const typing = others.filter((v) => v.typing);
  return (
    <div className="fact presence" data-testid="presence">
      <span className="fact-label">Also here</span>
      <span className="fact-value">
        <span className="presence-avatars">
          {others.map((v) => (
            <span key={v.userId} className={`avatar avatar-xs${v.typing ? ' typing' : ''}`} title={`${v.userName}${v.typing ? ' is typing' : ' is viewing'}`}>
              {initials(v.userName)}
            </span>
          ))}
        </span>
        <span className={typing.length ? 'presence-typing' : 'muted'}>
          {typing.length
            ? `${typing.map((v) => v.userName).join(', ')} ${typing.length > 1 ? 'are' : 'is'} typing…`
            : `${others.map((v) => v.userName).join(', ')} ${others.length > 1 ? 'are' : 'is'} viewing`}
        </span>
      </span>
    </div>
  );
}

function applyChange(list: CaseViewer[], change: PresenceChange): CaseViewer[] {
  const others = list.filter((v) => v.userId !== change.userId);
  return change.state === 'left' ? others : [...others, { userId: change.userId, userName: change.userName, typing: change.state === 'typing' }];
}
