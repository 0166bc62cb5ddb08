import 'reflect-metadata';
import { runProcess } from '@inbox/platform';
import { IngestModule } from './ingest.module';

void runProcess({ role: 'ingest', title: 'Complaints inbox: ingest', module: (config) => IngestModule.forRoot(config) });
