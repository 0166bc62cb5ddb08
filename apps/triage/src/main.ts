import 'reflect-metadata';
import { runProcess } from '@inbox/platform';
import { TriageModule } from './triage.module';

void runProcess({ role: 'triage', title: 'Complaints inbox: triage', module: (config) => TriageModule.forRoot(config) });
