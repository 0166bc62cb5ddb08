import type { Provider } from '@nestjs/common';
import { DELIVERY_LOG, type DeliveryLog } from '@inbox/channels';
import { DeliveryRecorder } from '@inbox/cases';

/** The channels' delivery log is the case store's DeliveryRecorder, which pushes each change to the agents. */
export const deliveryLogProvider: Provider = {
  provide: DELIVERY_LOG,
  inject: [DeliveryRecorder],
  useFactory: (recorder: DeliveryRecorder): DeliveryLog => recorder,
};
