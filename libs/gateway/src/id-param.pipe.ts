import type { PipeTransform } from '@nestjs/common';
import { NotFoundError } from '@inbox/contracts';
import { isUuid } from '@inbox/cases';

/**
 * Parses a route parameter that names a row by its UUID, at the edge
 * (docs/architecture.md rule 10). Something that is not a UUID names nothing,
 * so it is answered as the service answers a missing row: 404 with the
 * resource's own code. Guards run before pipes, so a refused role still hears 403.
 */
export class IdParamPipe implements PipeTransform<string, string> {
  constructor(
    private readonly code: string,
    private readonly message: string,
  ) {}

  transform(value: string): string {
    if (!isUuid(value)) throw new NotFoundError(this.code, this.message);
    return value;
  }
}

export const CASE_ID = new IdParamPipe('case_not_found', 'No such case');
export const CUSTOMER_ID = new IdParamPipe('customer_not_found', 'No such customer');
export const MESSAGE_ID = new IdParamPipe('message_not_found', 'No such message');
export const MERGE_ID = new IdParamPipe('merge_not_found', 'No such merge');
export const MESSAGE_HTML_ID = new IdParamPipe('message_html_not_found', 'This message has no HTML version');
export const ATTACHMENT_ID = new IdParamPipe('attachment_not_found', 'No such attachment');
export const MERGE_SUGGESTION_ID = new IdParamPipe('suggestion_not_found', 'No such merge suggestion');
export const INCIDENT_ID = new IdParamPipe('incident_not_found', 'No such incident');
export const SYSTEMIC_ISSUE_ID = new IdParamPipe('systemic_issue_not_found', 'No such systemic issue');
export const TAG_ID = new IdParamPipe('tag_not_on_case', 'That case does not carry that tag');
export const SAVED_VIEW_ID = new IdParamPipe('view_not_found', 'No such view');
export const MACRO_ID = new IdParamPipe('macro_not_found', 'No such macro');
export const FIELD_ID = new IdParamPipe('field_not_found', 'No such field');
export const HOLIDAY_OVERRIDE_ID = new IdParamPipe('override_not_found', 'No such override');

/** The same parse for the case a socket message names, answered as the socket handlers answer a domain error. */
export function socketCaseId(body: { caseId?: unknown } | undefined): { caseId: string } | { error: string; message: string } {
  if (typeof body?.caseId !== 'string') return { error: 'invalid_input', message: 'caseId is required' };
  if (!isUuid(body.caseId)) return { error: 'case_not_found', message: 'No such case' };
  return { caseId: body.caseId };
}
