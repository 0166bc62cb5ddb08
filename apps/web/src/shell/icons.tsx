import type { ReactElement, SVGProps } from 'react';
import type { Channel } from '@inbox/contracts';

/** A small stroke icon set drawn for this app (24×24 grid, currentColor). */
const PATHS = {
  email: 'M3 6.5A1.5 1.5 0 0 1 4.5 5h15A1.5 1.5 0 0 1 21 6.5v11a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 3 17.5z M3.5 6.5 12 13l8.5-6.5',
  sms: 'M4 5h16a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H10l-4.5 3.5V17H4a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1z M7.5 11h.01 M12 11h.01 M16.5 11h.01',
  voice: 'M6.5 3.5h3l1.5 4.5-2 1.3a10.5 10.5 0 0 0 5.7 5.7l1.3-2 4.5 1.5v3a2 2 0 0 1-2 2A15.5 15.5 0 0 1 4.5 5.5a2 2 0 0 1 2-2z',
  telegram: 'M21 4 3 11l6 2.2L19 6.5l-7.5 8.3.3 5.2 3-3.8 4.2 3.3z',
  messenger: 'M12 3c-5 0-9 3.7-9 8.3 0 2.5 1.2 4.8 3.2 6.3V21l3-1.6c.9.2 1.8.3 2.8.3 5 0 9-3.7 9-8.4S17 3 12 3z M7 13.5l3.5-3.5 2.5 2.5 4-3.5-3.5 4.5-2.5-2.5z',
  instagram: 'M7.5 3h9A4.5 4.5 0 0 1 21 7.5v9a4.5 4.5 0 0 1-4.5 4.5h-9A4.5 4.5 0 0 1 3 16.5v-9A4.5 4.5 0 0 1 7.5 3z M12 8.5a3.5 3.5 0 1 0 0 7 3.5 3.5 0 0 0 0-7z M17 6.5h.01',
  whatsapp: 'M4 20l1.2-4A8.5 8.5 0 1 1 8.3 19z M9 8.5c0 3.5 2.8 6.5 6.5 6.5l1-1.5-2-1-1 .8c-1-.5-2-1.5-2.6-2.6l.8-1-1-2z',
  facebook: 'M14 21v-8h3l.5-3.5H14V7.8c0-1 .3-1.8 1.8-1.8h1.9V3a25 25 0 0 0-2.7-.1c-2.7 0-4.5 1.6-4.5 4.6v2.9H7.5V13h3v8',
  webchat: 'M3 5.5A1.5 1.5 0 0 1 4.5 4h15A1.5 1.5 0 0 1 21 5.5v9a1.5 1.5 0 0 1-1.5 1.5H13l-4 4v-4H4.5A1.5 1.5 0 0 1 3 14.5z M7 9h10 M7 12h6',
  search: 'M10.5 4a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13z M15.5 15.5 20 20',
  check: 'M5 12.5l4.5 4.5L19 7.5',
  checks: 'M2.5 12.5 6.5 16.5 15 8 M10.5 15.5l1 1L20 8',
  clock: 'M12 3.5a8.5 8.5 0 1 0 0 17 8.5 8.5 0 0 0 0-17z M12 7.5V12l3 2',
  lock: 'M6 10.5h12v9.5H6z M8.5 10.5V8a3.5 3.5 0 0 1 7 0v2.5',
  paperclip: 'M20 11.5l-8 8a5 5 0 0 1-7-7l8.5-8.5a3.3 3.3 0 0 1 4.7 4.7L9.7 17.2a1.7 1.7 0 0 1-2.4-2.4l7.6-7.6',
  alert: 'M12 3.5 21.5 20h-19z M12 10v4.5 M12 17.2h.01',
  x: 'M6 6l12 12 M18 6 6 18',
  keyboard: 'M3 6.5h18v11H3z M6.5 10h.01 M10 10h.01 M13.5 10h.01 M17 10h.01 M7.5 14h9',
  user: 'M12 4a4 4 0 1 0 0 8 4 4 0 0 0 0-8z M4.5 20.5c.8-3.6 3.8-6 7.5-6s6.7 2.4 7.5 6',
  send: 'M4 12 20 4l-4 16-4-7z M12 13l8-9',
  escalate: 'M12 20V5 M6 11l6-6 6 6',
  transfer: 'M4 8h14 M14 4l4 4-4 4 M20 16H6 M10 12l-4 4 4 4',
  reopen: 'M4.5 12a7.5 7.5 0 1 1 2.2 5.3 M4.5 19v-5h5',
  resolve: 'M12 3.5a8.5 8.5 0 1 0 0 17 8.5 8.5 0 0 0 0-17z M8 12.2l2.7 2.8 5.3-5.5',
  unfounded: 'M12 3.5a8.5 8.5 0 1 0 0 17 8.5 8.5 0 0 0 0-17z M6 6l12 12',
  claim: 'M8 12V5.5a1.5 1.5 0 0 1 3 0V11 M11 10.5V4.5a1.5 1.5 0 0 1 3 0v6 M14 10.5V6a1.5 1.5 0 0 1 3 0v7.5a6.5 6.5 0 0 1-6.5 6.5h-.5A6 6 0 0 1 5 16l-1.6-3a1.4 1.4 0 0 1 2.3-1.5L8 14',
  acknowledge: 'M4 12.5l4 4L18 6.5 M12 16.5l1 1L21 9.5',
  note: 'M5 3.5h10l4 4v13H5z M14.5 3.5v4.5H19 M8.5 12h7 M8.5 15.5h5',
  book: 'M4 5a2 2 0 0 1 2-2h13v15H6a2 2 0 0 0-2 2z M4 20a2 2 0 0 0 2 2h13v-4',
  canned: 'M4 6h16 M4 10h16 M4 14h10 M4 18h7',
  bolt: 'M13 3 5 13.5h6L10 21l8-10.5h-6z',
  logout: 'M14 4h5v16h-5 M10 8l-4 4 4 4 M6 12h10',
  help: 'M12 3.5a8.5 8.5 0 1 0 0 17 8.5 8.5 0 0 0 0-17z M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .8-1 1.5v.7 M12 17h.01',
  bell: 'M6 16.5V11a6 6 0 0 1 12 0v5.5l1.5 2h-15z M10 20.5a2 2 0 0 0 4 0',
  inbox: 'M3 13.5 5.5 5h13l2.5 8.5v5a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 3 18.5z M3 13.5h5l1.5 2.5h5l1.5-2.5h5',
  refresh: 'M19.5 12a7.5 7.5 0 1 1-2.2-5.3 M19.5 5v5h-5',
  eye: 'M2.5 12S6 5.5 12 5.5 21.5 12 21.5 12 18 18.5 12 18.5 2.5 12 2.5 12z M12 9.5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5z',
  history: 'M12 7.5V12l3 2 M3.5 12a8.5 8.5 0 1 0 2.5-6 M3.5 4v4h4',
  play: 'M8 5v14l11-7z',
  image: 'M4 5h16v14H4z M4 16l5-5 4 4 2-2 5 5 M15.5 9h.01',
  file: 'M6 3.5h8l4 4v13H6z M14 3.5V8h4',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 16, ...rest }: { name: IconName; size?: number } & SVGProps<SVGSVGElement>): ReactElement {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...rest}
    >
      <path d={PATHS[name]} />
    </svg>
  );
}

export function ChannelIcon({ channel, size = 16 }: { channel: Channel | string; size?: number }): ReactElement {
  const name = (channel in PATHS ? channel : 'webchat') as IconName;
  return (
    <span className={`channel-icon channel-${channel}`} title={channel}>
      <Icon name={name} size={size} />
    </span>
  );
}
