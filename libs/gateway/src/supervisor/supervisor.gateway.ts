import { Inject, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { WebSocketGateway, WebSocketServer, type OnGatewayConnection } from '@nestjs/websockets';
import type { Socket } from 'socket.io';
import { SUPERVISOR_EVENTS, teamScope, type AgentClientEvents, type AgentServerEvents } from '@inbox/contracts';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import type { AgentNamespace, AgentSocketData } from '../agents.gateway';
import { ALL_TEAMS_ROOM } from '../socket-rooms';
import { ChannelVolumesView } from '@inbox/supervisor';
import { SupervisorOverviewService } from '@inbox/supervisor';

/** Socket.IO events on /agents that only supervisors and admins receive (the shared contract names them). */
export { SUPERVISOR_EVENTS };

/**
 * Pushes the live dashboard to the supervisors connected to this gateway
 * instance, every SUPERVISOR_PUSH_INTERVAL_MS (≤ 5 s) and at once when one
 * connects. The /agents namespace already authenticates sockets and puts
 * supervisors and admins in ALL_TEAMS_ROOM (AgentsGateway), so agents never
 * receive these. An instance without supervisors connected reads nothing.
 */
@WebSocketGateway({ namespace: '/agents', cors: { origin: false } })
export class SupervisorGateway implements OnGatewayConnection, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SupervisorGateway.name);
  @WebSocketServer() private namespace!: AgentNamespace;
  private timer: NodeJS.Timeout | null = null;
  private pushing = false;

  constructor(
    private readonly volumes: ChannelVolumesView,
    private readonly overview: SupervisorOverviewService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.push(), this.config.supervisor.pushIntervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async handleConnection(socket: Socket<AgentClientEvents, AgentServerEvents, Record<string, never>, Partial<AgentSocketData>>): Promise<void> {
    const staff = socket.data.staff;
    if (!staff || !teamScope(staff).allTeams) return;
    try {
      const [snapshot, overview] = await Promise.all([this.volumes.recent(), this.overview.overview()]);
      socket.emit(SUPERVISOR_EVENTS.volumes, snapshot.volumes);
      socket.emit(SUPERVISOR_EVENTS.overview, overview);
    } catch (error) {
      this.logger.warn({ msg: 'supervisor dashboard snapshot failed', err: error });
    }
  }

  /** One round; a slow round is never overlapped by the next. */
  async push(): Promise<void> {
    if (this.pushing || !this.supervisorsConnected()) return;
    this.pushing = true;
    try {
      const snapshot = await this.volumes.refresh();
      this.namespace.to(ALL_TEAMS_ROOM).emit(SUPERVISOR_EVENTS.volumes, snapshot.volumes);
      this.namespace.to(ALL_TEAMS_ROOM).emit(SUPERVISOR_EVENTS.overview, await this.overview.overview());
    } catch (error) {
      this.logger.warn({ msg: 'supervisor dashboard push failed; will retry', err: error });
    } finally {
      this.pushing = false;
    }
  }

  private supervisorsConnected(): boolean {
    return (this.namespace?.adapter.rooms.get(ALL_TEAMS_ROOM)?.size ?? 0) > 0;
  }
}
