import type { Provider } from '@nestjs/common';
import { CONTACT_VERIFICATION, type ContactVerification } from '@inbox/channels';
import { ContactVerificationService } from '../customers/contact-verification.service';

/** The web chat's code challenges are the customer store's ContactVerificationService (a proven address becomes an identity). */
export const contactVerificationProvider: Provider = {
  provide: CONTACT_VERIFICATION,
  inject: [ContactVerificationService],
  useFactory: (service: ContactVerificationService): ContactVerification => service,
};
