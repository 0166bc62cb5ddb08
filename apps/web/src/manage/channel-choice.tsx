import { CHANNELS } from '@inbox/contracts';
import { channelLabel } from '../format';

/** "Channel" as a rule's condition: any channel (empty) or one of ours, by its name. */
export function ChannelChoice({ value, onChange }: { value: string; onChange: (channel: string) => void }) {
  return (
    <label>
      Channel
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Any channel</option>
        {CHANNELS.map((c) => <option key={c} value={c}>{channelLabel(c)}</option>)}
      </select>
    </label>
  );
}
