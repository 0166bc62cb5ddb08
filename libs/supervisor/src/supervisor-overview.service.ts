import { Injectable } from '@nestjs/common';
import { IncidentsService, type IncidentView } from '@inbox/intake';
import { ChannelVolumesView, type VolumesToday } from './channel-volumes.view';
import { QueueHealthService, type AgentLoad, type QueueHealth } from './queue-health.service';

/** What the live dashboard shows besides the volume chart: `supervisor.overview` and `GET /api/supervisor/overview`. */
export interface SupervisorOverview {
  today: VolumesToday;
  queue: QueueHealth;
  agents: AgentLoad[];
  /** Open incidents with their live case counts. */
  incidents: IncidentView[];
}

@Injectable()
export class SupervisorOverviewService {
  constructor(
    private readonly volumes: ChannelVolumesView,
    private readonly health: QueueHealthService,
    private readonly incidents: IncidentsService,
  ) {}

  async overview(): Promise<SupervisorOverview> {
    const [snapshot, queue, agents, incidents] = await Promise.all([this.volumes.recent(), this.health.queueHealth(), this.health.agents(), this.incidents.list()]);
    return { today: snapshot.today, queue, agents, incidents: incidents.items.filter((i) => i.status === 'open') };
  }
}
