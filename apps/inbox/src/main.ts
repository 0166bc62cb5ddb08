import 'reflect-metadata';
import { runProcess } from '@inbox/platform';
import { InboxModule } from './inbox.module';
import { serveWebUi } from '@inbox/gateway';

void runProcess({
  role: 'inbox',
  title: 'Complaints inbox',
  module: (config) => InboxModule.forRoot(config),
  beforeListen: serveWebUi,
});
