import 'reflect-metadata';
import { runProcess } from '@inbox/platform';
import { serveWebUi } from '@inbox/gateway';
import { GatewayModule } from './gateway.module';

void runProcess({
  role: 'gateway',
  title: 'Complaints inbox: gateway',
  module: (config) => GatewayModule.forRoot(config),
  beforeListen: serveWebUi,
});
