import { useMemo } from 'react';
import { LineChart } from './line-chart';
import type { ChannelVolumes } from '@inbox/contracts';
import { channelColour } from './supervisor-data';

/** Messages per channel per minute, the last 60 minutes, one line per channel. */
export function VolumeChart({ volumes, height = 230 }: { volumes: ChannelVolumes; height?: number }) {
  const { xs, series } = useMemo(() => {
    const channels = Object.keys(volumes.channels).sort();
    const first = volumes.channels[channels[0]] ?? [];
    return {
      xs: first.map((p) => Date.parse(p.minute) / 1000),
      series: channels.map((c) => ({ label: c, colour: channelColour(c), values: volumes.channels[c].map((p) => p.count) })),
    };
  }, [volumes]);
  return <LineChart xs={xs} series={series} height={height} yLabel="messages / min" testId="volume-chart" />;
}
