import { Module } from '@nestjs/common';
import { SupervisorServicesModule } from '@inbox/supervisor';
import { SupervisorController } from './supervisor.controller';
import { SupervisorGateway } from './supervisor.gateway';

/** The supervisors' live dashboard and reports over HTTP and the /supervisors socket namespace, in the gateway role. */
@Module({ imports: [SupervisorServicesModule], controllers: [SupervisorController], providers: [SupervisorGateway] })
export class SupervisorModule {}
