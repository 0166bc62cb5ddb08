import { Injectable } from '@nestjs/common';
import type { SupervisorOverview } from '@inbox/contracts';
import { IncidentsService } from '@inbox/intake';
import { ChannelVolumesView } from './channel-volumes.view';
import { QueueHealthService } from './queue-health.service';


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
