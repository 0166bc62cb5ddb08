import { createHmac, randomUUID } from 'node:crypto';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { io } from 'socket.io-client';
import { TOPICS, type InboundMessage, type StaffRole } from '@inbox/contracts';
import { connectAgentClient, type AgentClient } from '../support/agent-client';
import { inboundMessage, startTestInbox, TEST_JWT_SECRET, type TestInbox } from '../support/test-inbox';

type Who = 'public' | readonly StaffRole[];
const ALL: Who = ['agent', 'supervisor', 'admin'];
const SUPERVISORS: Who = ['supervisor', 'admin'];
const ADMINS: Who = ['admin'];

/** The ids of team B's records that a probe puts in a path, query or body. */
type FixtureIds = Record<'caseA' | 'caseB' | 'customerA' | 'customerB' | 'messageB' | 'mergeB' | 'suggestionAB' | 'attachmentB' | 'issueB' | 'articleB' | 'cannedB' | 'macroB', string>;

/**
 * What an agent of team A gets when they aim a route at team B's records:
 * `refused` (403 or 404, and nothing of B in the answer) or `hidden` (an
 * answer without anything of B in it, e.g. a list filtered to team A).
 */
type TeamProbe = { expect: 'refused' | 'hidden'; path: (ids: FixtureIds) => string; body?: (ids: FixtureIds) => unknown };
/** A route an agent may call that holds no team's customer data, and why. */
type NotTeamData = { notTeamData: string };

interface Row {
  who: Who;
  /** Only there when a channel is configured (the test inbox has none). */
  channelRoute?: true;
  /** The call ends the session it is made with (logout): made with a session of its own. */
  endsSession?: true;
  /** For every route an agent may call: how team B's records are kept from team A's agent. */
  teamB?: TeamProbe | NotTeamData;
}

const refused = (path: TeamProbe['path'], body?: TeamProbe['body']): TeamProbe => ({ expect: 'refused', path, body });
const hidden = (path: TeamProbe['path']): TeamProbe => ({ expect: 'hidden', path });

/**
 * THE AUTHORISATION MATRIX: who may call each route, written out by hand. The
 * test finds every route the running app has and fails on a route without a
 * row here (and on a row whose route is gone), so a new route is a decision,
 * not an inheritance of whatever @Roles() it got.
 */
const MATRIX: Record<string, Row> = {
  'GET /health': { who: 'public' },
  'GET /status/:reference': { who: 'public' },
  'POST /status/:reference': { who: 'public' },
  'GET /webchat/widget.js': { who: 'public' },
  'GET /webchat': { who: 'public' },
  'POST /webhooks/twilio/sms': { who: 'public', channelRoute: true },
  'POST /webhooks/twilio/voice': { who: 'public', channelRoute: true },
  'POST /webhooks/twilio/voice/recorded': { who: 'public', channelRoute: true },
  'POST /webhooks/twilio/recording': { who: 'public', channelRoute: true },
  'POST /webhooks/twilio/transcription': { who: 'public', channelRoute: true },
  'POST /webhooks/twilio/status': { who: 'public', channelRoute: true },
  'GET /webhooks/meta': { who: 'public', channelRoute: true },
  'POST /webhooks/meta': { who: 'public', channelRoute: true },
  'POST /webhooks/telegram': { who: 'public', channelRoute: true },

  'POST /api/auth/login': { who: 'public' },
  'GET /api/auth/me': { who: ALL, teamB: { notTeamData: 'the caller themselves' } },
  'POST /api/auth/logout': { who: ALL, endsSession: true, teamB: { notTeamData: 'ends the caller’s own session' } },
  'POST /api/users': { who: ADMINS },
  'GET /api/users': { who: SUPERVISORS },
  'PATCH /api/users/:id': { who: ADMINS },
  'POST /api/users/:id/disable': { who: ADMINS },
  'POST /api/users/:id/enable': { who: ADMINS },
  'PUT /api/users/:id/password': { who: ADMINS },
  'POST /api/users/invitations': { who: ADMINS },
  'POST /api/users/:id/second-factor/reset': { who: ADMINS },
  'GET /api/users/:id/sessions': { who: ADMINS },
  'DELETE /api/users/:id/sessions/:sessionId': { who: ADMINS },
  'GET /api/staff-audit': { who: ADMINS },
  'GET /api/auth/options': { who: 'public' },
  'POST /api/auth/session': { who: 'public' },
  'POST /api/auth/sign-in/second-factor': { who: 'public' },
  'GET /api/auth/oidc': { who: 'public' },
  'GET /api/auth/oidc/callback': { who: 'public' },
  'GET /api/notifications': { who: ALL, teamB: { notTeamData: 'the caller’s own notifications (each row is its owner’s)' } },
  'POST /api/notifications/read-all': { who: ALL, teamB: { notTeamData: 'marks the caller’s own notifications' } },
  'POST /api/notifications/:id/read': { who: ALL, teamB: { notTeamData: 'marks one of the caller’s own notifications (another’s id is not found)' } },
  'GET /api/push-subscriptions/vapid-public-key': { who: ALL, teamB: { notTeamData: 'the server’s public VAPID key' } },
  'POST /api/push-subscriptions': { who: ALL, teamB: { notTeamData: 'the caller’s own browser subscription' } },
  'DELETE /api/push-subscriptions': { who: ALL, teamB: { notTeamData: 'removes the caller’s own browser subscription' } },
  'GET /api/account/sessions': { who: ALL, teamB: { notTeamData: 'the caller’s own sessions' } },
  'DELETE /api/account/sessions/:id': { who: ALL, teamB: { notTeamData: 'ends one of the caller’s own sessions (another’s id is not found)' } },
  'GET /api/account/api-tokens': { who: ALL, teamB: { notTeamData: 'the caller’s own tokens' } },
  'POST /api/account/api-tokens': { who: ALL, teamB: { notTeamData: 'a token of the caller’s own' } },
  'DELETE /api/account/api-tokens/:id': { who: ALL, teamB: { notTeamData: 'revokes one of the caller’s own tokens (another’s id is not found)' } },
  'GET /api/account/second-factor': { who: ALL, teamB: { notTeamData: 'the caller’s own second factor' } },
  'POST /api/account/second-factor': { who: ALL, teamB: { notTeamData: 'the caller’s own second factor' } },
  'POST /api/account/second-factor/confirm': { who: ALL, teamB: { notTeamData: 'the caller’s own second factor' } },

  'GET /api/workspace/settings': { who: ALL, teamB: { notTeamData: 'the firm’s time zone and policy settings' } },
  'GET /api/channels': { who: ALL, teamB: { notTeamData: 'the inbox’s channels' } },
  'GET /api/cases': { who: ALL, teamB: hidden((ids) => `/api/cases?customerId=${ids.customerB}`) },
  'GET /api/cases/:id': { who: ALL, teamB: refused((ids) => `/api/cases/${ids.caseB}`) },
  'POST /api/cases/:id/claim': { who: ALL, teamB: refused((ids) => `/api/cases/${ids.caseB}/claim`, () => ({})) },
  'POST /api/cases/:id/replies': { who: ALL, teamB: refused((ids) => `/api/cases/${ids.caseB}/replies`, () => ({ text: 'from team A' })) },
  'GET /api/customers/:id': { who: ALL, teamB: refused((ids) => `/api/customers/${ids.customerB}`) },
  'GET /api/customers/:id/profile': { who: ALL, teamB: refused((ids) => `/api/customers/${ids.customerB}/profile`) },
  'GET /api/customers/:id/suggestions': { who: ALL, teamB: hidden((ids) => `/api/customers/${ids.customerA}/suggestions`) },
  // Personal data (docs/personal-data.md). Support needs: an agent only while assigned to one of the customer's cases (else 403).
  'GET /api/customers/:id/export': { who: SUPERVISORS },
  'POST /api/customers/:id/erasure': { who: SUPERVISORS },
  'GET /api/customers/:id/erasure-requests': { who: SUPERVISORS },
  'GET /api/customers/:id/legal-holds': { who: SUPERVISORS },
  'POST /api/customers/:id/legal-holds': { who: ADMINS },
  'POST /api/customers/:id/legal-holds/:holdId/lift': { who: ADMINS },
  'GET /api/customers/:id/support-needs': { who: ALL, teamB: refused((ids) => `/api/customers/${ids.customerB}/support-needs`) },
  'PUT /api/customers/:id/support-needs': { who: ALL, teamB: refused((ids) => `/api/customers/${ids.customerB}/support-needs`, () => ({ vulnerabilityTypes: ['bereavement'], howKnown: 'told us', consent: 'given', adjustments: [], reviewDate: '2099-01-01' })) },
  'DELETE /api/customers/:id/support-needs': { who: ALL, teamB: refused((ids) => `/api/customers/${ids.customerB}/support-needs`) },
  'GET /api/customers/:id/representatives': { who: ALL, teamB: refused((ids) => `/api/customers/${ids.customerB}/representatives`) },
  'POST /api/customers/:id/representatives': {
    who: ALL,
    teamB: refused((ids) => `/api/customers/${ids.customerB}/representatives`, () => ({ name: 'Rep', relationship: 'lawyer', channel: 'email', address: 'rep@law.example', evidence: 'signed authority', scope: 'complaints' })),
  },
  'POST /api/customers/:id/representatives/:representativeId/revoke': { who: ALL, teamB: refused((ids) => `/api/customers/${ids.customerB}/representatives/${randomUUID()}/revoke`) },
  'POST /api/customers/:id/representatives/:representativeId/cases/:caseId': {
    who: ALL,
    teamB: refused((ids) => `/api/customers/${ids.customerB}/representatives/${randomUUID()}/cases/${ids.caseB}`),
  },
  'GET /api/admin/retention/preview': { who: SUPERVISORS },
  'POST /api/admin/retention/run': { who: ADMINS },
  'POST /api/customers/:id/products': { who: ALL, teamB: refused((ids) => `/api/customers/${ids.customerB}/products`, () => ({ product: 'card' })) },
  'POST /api/customers/:id/merge': { who: ALL, teamB: refused((ids) => `/api/customers/${ids.customerA}/merge`, (ids) => ({ otherCustomerId: ids.customerB })) },
  'POST /api/customer-merges/:id/unmerge': { who: ALL, teamB: refused((ids) => `/api/customer-merges/${ids.mergeB}/unmerge`, () => ({})) },
  'POST /api/merge-suggestions/:id/accept': { who: ALL, teamB: refused((ids) => `/api/merge-suggestions/${ids.suggestionAB}/accept`, () => ({})) },
  'POST /api/merge-suggestions/:id/dismiss': { who: ALL, teamB: refused((ids) => `/api/merge-suggestions/${ids.suggestionAB}/dismiss`, () => ({})) },
  'PATCH /api/messages/:id/classification': { who: ALL, teamB: refused((ids) => `/api/messages/${ids.messageB}/classification`, () => ({ kind: 'enquiry', reason: 'probe' })) },
  'PATCH /api/cases/:id/classification': { who: ALL, teamB: refused((ids) => `/api/cases/${ids.caseB}/classification`, () => ({ kind: 'enquiry', reason: 'probe' })) },
  'POST /api/customers/:id/claims/:claimId/confirm': {
    who: ALL,
    teamB: refused((ids) => `/api/customers/${ids.customerB}/claims/${randomUUID()}/confirm`, () => ({})),
  },
  'GET /api/classification-reviews': { who: SUPERVISORS },
  'GET /api/classification-reviews/stats': { who: SUPERVISORS },
  'POST /api/classification-reviews/samples': { who: SUPERVISORS },
  'POST /api/classification-reviews/:id/overturn': { who: SUPERVISORS },
  'POST /api/classification-reviews/:id/uphold': { who: SUPERVISORS },
  'GET /api/attachments/:id': { who: ALL, teamB: refused((ids) => `/api/attachments/${ids.attachmentB}`) },
  'GET /api/messages/:id/html': { who: ALL, teamB: refused((ids) => `/api/messages/${ids.messageB}/html`) },
  'POST /api/cases/:id/reply-attachments': { who: ALL, teamB: refused((ids) => `/api/cases/${ids.caseB}/reply-attachments`, () => ({})) },
  'GET /api/email/signatures': { who: SUPERVISORS },
  'PUT /api/email/signatures/:account': { who: ADMINS },
  'GET /api/me/email-signature': { who: ALL, teamB: { notTeamData: 'the caller’s own signature' } },
  'PUT /api/me/email-signature': { who: ALL, teamB: { notTeamData: 'the caller’s own signature' } },

  'GET /api/tags': { who: ALL, teamB: { notTeamData: 'tag names and colours, shared by the firm; counts only of the caller’s teams’ cases' } },
  'POST /api/cases/:id/tags': { who: ALL, teamB: refused((ids) => `/api/cases/${ids.caseB}/tags`, () => ({ name: 'team A was here' })) },
  'DELETE /api/cases/:id/tags/:tagId': { who: ALL, teamB: refused((ids) => `/api/cases/${ids.caseB}/tags/${ids.caseA}`) },
  'GET /api/saved-views': { who: ALL, teamB: { notTeamData: 'the caller’s own views and those shared with their teams (filters, not cases)' } },
  'POST /api/saved-views': { who: ALL, teamB: { notTeamData: 'a view of the caller’s own queue; sharing with another team is refused (case-tags.test.ts)' } },
  'DELETE /api/saved-views/:id': { who: ALL, teamB: { notTeamData: 'the caller’s own view; another’s is 403/404 (case-tags.test.ts)' } },
  'GET /api/macros': { who: ALL, teamB: hidden(() => '/api/macros') },
  'POST /api/macros': { who: ALL, teamB: { notTeamData: 'the caller’s own macro; sharing needs a supervisor (macros.test.ts)' } },
  'PATCH /api/macros/:macroId': { who: ALL, teamB: refused((ids) => `/api/macros/${ids.macroB}`, () => ({ name: 'team A was here' })) },
  'DELETE /api/macros/:macroId': { who: ALL, teamB: refused((ids) => `/api/macros/${ids.macroB}`) },
  'GET /api/cases/:id/macros': { who: ALL, teamB: refused((ids) => `/api/cases/${ids.caseB}/macros`) },
  'POST /api/cases/:id/macros/:macroId/apply': { who: ALL, teamB: refused((ids) => `/api/cases/${ids.caseA}/macros/${ids.macroB}/apply`, () => ({})) },
  'GET /api/custom-fields': { who: ALL, teamB: { notTeamData: 'the firm’s field definitions (labels, kinds, options), no values' } },
  'POST /api/custom-fields': { who: ADMINS },
  'PATCH /api/custom-fields/:fieldId': { who: ADMINS },
  'PUT /api/cases/:id/fields/:fieldId': { who: ALL, teamB: refused((ids) => `/api/cases/${ids.caseB}/fields/${ids.caseA}`, () => ({ value: 'team A was here' })) },
  'DELETE /api/cases/:id/fields/:fieldId': { who: ALL, teamB: refused((ids) => `/api/cases/${ids.caseB}/fields/${ids.caseA}`) },
  'GET /api/customers/:id/fields': { who: ALL, teamB: refused((ids) => `/api/customers/${ids.customerB}/fields`) },
  'PUT /api/customers/:id/fields/:fieldId': { who: ALL, teamB: refused((ids) => `/api/customers/${ids.customerB}/fields/${ids.customerA}`, () => ({ value: 'team A was here' })) },
  'DELETE /api/customers/:id/fields/:fieldId': { who: ALL, teamB: refused((ids) => `/api/customers/${ids.customerB}/fields/${ids.customerA}`) },
  'POST /api/cases/bulk': { who: ALL, teamB: refused(() => '/api/cases/bulk', (ids) => ({ caseIds: [ids.caseA, ids.caseB], action: 'tag', tag: { name: 'team A was here' } })) },
  'POST /api/cases/:id/notes': { who: ALL, teamB: refused((ids) => `/api/cases/${ids.caseB}/notes`, () => ({ text: 'team A was here' })) },
  'POST /api/cases/:id/acknowledge': { who: ALL, teamB: refused((ids) => `/api/cases/${ids.caseB}/acknowledge`, () => ({ note: 'by phone' })) },
  'POST /api/cases/:id/escalate': { who: ALL, teamB: refused((ids) => `/api/cases/${ids.caseB}/escalate`, () => ({ to: 'supervisors', reason: 'probe' })) },
  'POST /api/cases/:id/transfer': { who: ALL, teamB: refused((ids) => `/api/cases/${ids.caseB}/transfer`, () => ({ teamId: teamAId, reason: 'probe' })) },
  'POST /api/cases/:id/reopen': { who: ALL, teamB: refused((ids) => `/api/cases/${ids.caseB}/reopen`, () => ({ reason: 'probe' })) },
  // One complaint, one case (docs/workspace.md); who may is the case action policy (docs/case-actions.md).
  'POST /api/cases/:id/split': { who: ALL, teamB: refused((ids) => `/api/cases/${ids.caseB}/split`, (ids) => ({ messageIds: [ids.messageB] })) },
  'POST /api/cases/:id/merge': { who: ALL, teamB: refused((ids) => `/api/cases/${ids.caseB}/merge`, (ids) => ({ intoCaseId: ids.caseA })) },
  'POST /api/cases/:id/unmerge': { who: ALL, teamB: refused((ids) => `/api/cases/${ids.caseB}/unmerge`, () => ({})) },
  'GET /api/cases/:id/split-suggestions': { who: ALL, teamB: refused((ids) => `/api/cases/${ids.caseB}/split-suggestions`) },
  'POST /api/cases/:id/split-suggestions/:suggestionId/dismiss': { who: ALL, teamB: refused((ids) => `/api/cases/${ids.caseB}/split-suggestions/${randomUUID()}/dismiss`, () => ({})) },
  'GET /api/cases/:id/canned-responses': { who: ALL, teamB: refused((ids) => `/api/cases/${ids.caseB}/canned-responses`) },
  'GET /api/cases/:id/canned-responses/:cannedId': { who: ALL, teamB: refused((ids) => `/api/cases/${ids.caseA}/canned-responses/${ids.cannedB}`) },
  'POST /api/cases/:id/knowledge': { who: ALL, teamB: refused((ids) => `/api/cases/${ids.caseB}/knowledge`, () => ({ title: 'probe', body: 'probe' })) },
  'GET /api/cases/:id/knowledge': { who: ALL, teamB: refused((ids) => `/api/cases/${ids.caseB}/knowledge`) },

  'POST /api/cases/:id/resolve': {
    who: ALL,
    teamB: refused((ids) => `/api/cases/${ids.caseB}/resolve`, () => ({ outcome: 'upheld', closureState: 'resolved', reasons: 'probe' })),
  },
  'POST /api/cases/:id/resolve/preview': {
    who: ALL,
    teamB: refused((ids) => `/api/cases/${ids.caseB}/resolve/preview`, () => ({ outcome: 'upheld', closureState: 'resolved', reasons: 'probe' })),
  },
  'POST /api/cases/:id/unfounded/preview': { who: ALL, teamB: refused((ids) => `/api/cases/${ids.caseB}/unfounded/preview`, () => ({ reasons: 'probe' })) },
  'POST /api/cases/:id/delay-notice/preview': { who: ALL, teamB: refused((ids) => `/api/cases/${ids.caseB}/delay-notice/preview`, () => ({ reasons: 'probe' })) },
  'POST /api/cases/:id/final-response': {
    who: ALL,
    teamB: refused((ids) => `/api/cases/${ids.caseB}/final-response`, () => ({ kind: 'unfounded', input: { reasons: 'probe' } })),
  },
  'GET /api/cases/:id/final-response': { who: ALL, teamB: refused((ids) => `/api/cases/${ids.caseB}/final-response`) },
  'POST /api/cases/:id/final-response/approve': { who: SUPERVISORS },
  'POST /api/cases/:id/final-response/return': { who: SUPERVISORS },
  'POST /api/cases/:id/unfounded': { who: ALL, teamB: refused((ids) => `/api/cases/${ids.caseB}/unfounded`, () => ({ reasons: 'probe' })) },
  'POST /api/cases/:id/delay-notice': { who: ALL, teamB: refused((ids) => `/api/cases/${ids.caseB}/delay-notice`, () => ({ reasons: 'probe' })) },
  'GET /api/cases/:id/compliance': { who: ALL, teamB: refused((ids) => `/api/cases/${ids.caseB}/compliance`) },
  'PATCH /api/cases/:id/compliance': { who: ALL, teamB: refused((ids) => `/api/cases/${ids.caseB}/compliance`, () => ({ writtenResponseRequested: true })) },
  'POST /api/cases/:id/clock/pause': { who: ALL, teamB: refused((ids) => `/api/cases/${ids.caseB}/clock/pause`, () => ({ reason: 'trustee_court_event', note: 'probe' })) },
  'POST /api/cases/:id/clock/resume': { who: ALL, teamB: refused((ids) => `/api/cases/${ids.caseB}/clock/resume`, () => ({ note: 'probe' })) },
  'PUT /api/cases/:id/social-tests': {
    who: ALL,
    teamB: refused((ids) => `/api/cases/${ids.caseB}/social-tests`, () => ({ aboutTheFirm: true, onChannelFirmControls: true, authorIdentifiable: true })),
  },
  'POST /api/cases/:id/hardship/information-request': { who: ALL, teamB: refused((ids) => `/api/cases/${ids.caseB}/hardship/information-request`, () => ({ note: 'probe' })) },
  'POST /api/cases/:id/hardship/information-received': { who: ALL, teamB: refused((ids) => `/api/cases/${ids.caseB}/hardship/information-received`, () => ({})) },
  'POST /api/cases/:id/hardship/agreement': { who: ALL, teamB: refused((ids) => `/api/cases/${ids.caseB}/hardship/agreement`, () => ({ terms: 'probe' })) },
  'POST /api/cases/:id/hardship/agreement/confirmation': { who: ALL, teamB: refused((ids) => `/api/cases/${ids.caseB}/hardship/agreement/confirmation`, () => ({})) },
  'POST /api/cases/:id/systemic-flag': { who: ALL, teamB: refused((ids) => `/api/cases/${ids.caseB}/systemic-flag`, () => ({ title: 'probe' })) },

  'GET /api/systemic-issues': { who: ALL, teamB: hidden(() => `/api/systemic-issues`) },
  'GET /api/systemic-issues/:id': { who: ALL, teamB: refused((ids) => `/api/systemic-issues/${ids.issueB}`) },
  'PATCH /api/systemic-issues/:id': { who: SUPERVISORS },
  'GET /api/register': { who: ALL, teamB: hidden((ids) => `/api/register?customerId=${ids.customerB}`) },
  'GET /api/register.csv': { who: ALL, teamB: hidden(() => `/api/register.csv`) },
  'GET /api/reports/asic-idr.csv': { who: SUPERVISORS },
  'GET /api/reports/asic-idr/dictionaries': { who: SUPERVISORS },
  'POST /api/reports/asic-idr/dictionaries': { who: SUPERVISORS },
  'GET /api/reports/asic-idr/dictionaries/:version': { who: SUPERVISORS },
  'PUT /api/reports/asic-idr/dictionaries/:version/mapping': { who: SUPERVISORS },
  'GET /api/reports/asic-idr/validation': { who: SUPERVISORS },
  'GET /api/compliance/templates': { who: ALL, teamB: { notTeamData: 'the firm’s templates' } },
  'GET /api/compliance/templates/:kind/:language': { who: ALL, teamB: { notTeamData: 'the firm’s templates' } },
  'PUT /api/compliance/templates/:kind/:language': { who: ADMINS },
  'GET /api/compliance/holidays': { who: ALL, teamB: { notTeamData: 'the public-holiday calendar' } },
  'GET /api/compliance/holiday-overrides': { who: ALL, teamB: { notTeamData: 'the public-holiday calendar' } },
  'POST /api/compliance/holiday-overrides': { who: ADMINS },
  'DELETE /api/compliance/holiday-overrides/:id': { who: ADMINS },
  'GET /api/compliance/audit': { who: SUPERVISORS },

  'GET /api/canned-responses': { who: ALL, teamB: hidden(() => `/api/canned-responses`) },
  'GET /api/canned-responses/:cannedId': { who: ALL, teamB: refused((ids) => `/api/canned-responses/${ids.cannedB}`) },
  'POST /api/canned-responses': { who: SUPERVISORS },
  'PATCH /api/canned-responses/:cannedId': { who: SUPERVISORS },
  'DELETE /api/canned-responses/:cannedId': { who: SUPERVISORS },
  'GET /api/knowledge': { who: ALL, teamB: hidden(() => `/api/knowledge?q=refunded`) },
  'GET /api/knowledge/:articleId': { who: ALL, teamB: refused((ids) => `/api/knowledge/${ids.articleB}`) },
  'POST /api/knowledge': { who: SUPERVISORS },
  'PATCH /api/knowledge/:articleId': { who: SUPERVISORS },
  'DELETE /api/knowledge/:articleId': { who: SUPERVISORS },
  'GET /api/teams': { who: ALL, teamB: { notTeamData: 'teams and their members, to transfer and escalate to' } },
  'GET /api/teams/:teamId': { who: ALL, teamB: { notTeamData: 'a team and its members' } },
  'POST /api/teams': { who: ADMINS },
  'PATCH /api/teams/:teamId': { who: SUPERVISORS },
  'PUT /api/teams/:teamId/members/:userId': { who: SUPERVISORS },
  'DELETE /api/teams/:teamId/members/:userId': { who: SUPERVISORS },
  'GET /api/routing-rules': { who: ADMINS },
  'POST /api/routing-rules': { who: ADMINS },
  'PUT /api/routing-rules/order': { who: ADMINS },
  'PATCH /api/routing-rules/:ruleId': { who: ADMINS },
  'DELETE /api/routing-rules/:ruleId': { who: ADMINS },
  'GET /api/automation-rules': { who: ADMINS },
  'POST /api/automation-rules': { who: ADMINS },
  'PATCH /api/automation-rules/:ruleId': { who: ADMINS },
  'DELETE /api/automation-rules/:ruleId': { who: ADMINS },
  'GET /api/automation-rules/:ruleId/runs': { who: ADMINS },
  'GET /api/business-hours': { who: SUPERVISORS },
  'PUT /api/business-hours/:teamId': { who: ADMINS },
  'DELETE /api/business-hours/:teamId': { who: ADMINS },

  'GET /api/incidents': { who: SUPERVISORS },
  'GET /api/incidents/:id': { who: SUPERVISORS },
  'POST /api/incidents/:id/close': { who: SUPERVISORS },
  'POST /api/incidents/:id/updates': { who: SUPERVISORS },
  'GET /api/metrics/volumes': { who: SUPERVISORS },
  'GET /api/metrics/volumes/today': { who: SUPERVISORS },
  'GET /api/supervisor/overview': { who: SUPERVISORS },
  'GET /api/reports': { who: SUPERVISORS },
  'GET /api/reports/:name': { who: SUPERVISORS },
  'GET /api/admin/dead-letters': { who: ADMINS },
  'GET /api/admin/dead-letters/:id/source': { who: ADMINS },
};

let teamAId = '';

interface Route {
  method: string;
  path: string;
  key: string;
}

type Credential = 'none' | 'expired' | 'tampered' | 'wrong-key' | 'no-session' | StaffRole;

describe('authorisation matrix', () => {
  let inbox: TestInbox;
  let routes: Route[];
  const tokens: Partial<Record<Credential, string>> = {};
  const passwords: Record<StaffRole, { email: string; password: string }> = {
    agent: { email: 'agent@matrix.test', password: 'matrix-password' },
    supervisor: { email: 'supervisor@matrix.test', password: 'matrix-password' },
    admin: { email: 'admin@test.local', password: 'admin-password-1' },
  };

  beforeAll(async () => {
    inbox = await startTestInbox();
    routes = discoverRoutes(inbox);
    tokens.admin = await inbox.login();
    for (const role of ['agent', 'supervisor'] as const) {
      const created = await inbox.api('/api/users', { token: tokens.admin, body: { ...passwords[role], name: role, role } });
      expect(created.status).toBe(201);
      tokens[role] = await inbox.login(passwords[role].email, passwords[role].password);
    }
    const { sub: adminSub, sid } = decodePayload(tokens.admin!) as { sub: string; sid: string };
    tokens.expired = signJwt({ sub: adminSub, sid, iat: nowSeconds() - 7200, exp: nowSeconds() - 3600 }, TEST_JWT_SECRET);
    tokens['wrong-key'] = signJwt({ sub: adminSub, sid, iat: nowSeconds(), exp: nowSeconds() + 3600 }, 'another-secret-that-is-long-enough-0123456789abcdef');
    tokens.tampered = tamper(tokens.agent!, { sub: adminSub });
    // Correctly signed but naming no session (as every token did before sessions were kept server side).
    tokens['no-session'] = signJwt({ sub: adminSub, iat: nowSeconds(), exp: nowSeconds() + 3600 }, TEST_JWT_SECRET);
  });

  afterAll(async () => {
    await inbox?.close();
    await inbox?.db.drop();
  });

  it('has a row for every route the app serves, and a route for every row', () => {
    expect(routes.length).toBeGreaterThan(80);
    const served = new Set(routes.map((r) => r.key));
    expect(routes.filter((r) => !MATRIX[r.key]).map((r) => `${r.key} has no row in the matrix`)).toEqual([]);
    const stale = Object.entries(MATRIX).filter(([key, row]) => !row.channelRoute && !served.has(key));
    expect(stale.map(([key]) => `${key} is in the matrix but not served`)).toEqual([]);
    // Every route an agent may call says how team B's records are kept from team A.
    const agentRoutes = Object.entries(MATRIX).filter(([, row]) => row.who !== 'public' && row.who.includes('agent'));
    expect(agentRoutes.filter(([, row]) => !row.teamB).map(([key]) => `${key} has no team-B probe`)).toEqual([]);
  });

  it('refuses every non-public route without a valid token or live session, with 401', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => MATRIX[r.key]?.who !== 'public')) {
      for (const credential of ['none', 'expired', 'tampered', 'wrong-key', 'no-session'] as const) {
        const status = await call(route, tokens[credential]);
        if (status !== 401) failures.push(`${route.key} with ${credential} token → ${status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('lets each role through exactly where the matrix says, and never answers 5xx', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const row = MATRIX[route.key];
      if (!row) continue;
      for (const role of ['agent', 'supervisor', 'admin'] as const) {
        const token = row.endsSession ? await inbox.login(passwords[role].email, passwords[role].password) : tokens[role];
        const status = await call(route, token);
        const allowed = row.who === 'public' || row.who.includes(role);
        if (status >= 500) failures.push(`${route.key} as ${role} → ${status}`);
        // A 403 can also be a domain refusal (e.g. another team's queue); those say so, and the matrix's random ids never trigger one.
        if (allowed && (status === 401 || status === 403)) failures.push(`${route.key} as ${role} → ${status} (should be allowed)`);
        if (!allowed && status !== 403) failures.push(`${route.key} as ${role} → ${status} (should be 403)`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses a socket on /agents without a valid token or live session', async () => {
    for (const token of [undefined, tokens.expired, tokens.tampered, tokens['wrong-key'], tokens['no-session']]) {
      const socket = io(`${inbox.url}/agents`, { auth: token ? { token } : {}, transports: ['websocket'], reconnection: false });
      const outcome = await new Promise<string>((resolve) => {
        socket.once('queue.snapshot', () => resolve('snapshot'));
        socket.once('connect_error', () => resolve('refused'));
        socket.once('disconnect', () => resolve('refused'));
        setTimeout(() => resolve('timeout'), 5_000);
      });
      socket.disconnect();
      expect(outcome).toBe('refused');
    }
  });

  describe('two teams: an agent of team A aims every route and socket event at team B', () => {
    const ids = {} as FixtureIds;
    let agentA: string;
    let agentB: string;
    let teamBId: string;
    /** Strings that appear only in team B's records: none may reach agent A. */
    let secretsOfB: string[];
    const publish = (m: InboundMessage) => inbox.bus.publish(TOPICS.inbound, `${m.channel}:${m.sender.address}`, m);
    const messageRow = async (externalId: string) =>
      (await inbox.db.query<{ id: string; case_id: string; customer_id: string }>(`SELECT id, case_id, customer_id FROM messages WHERE external_id = $1`, [externalId]))[0];

    beforeAll(async () => {
      const admin = tokens.admin!;
      const team = async (name: string) => (await inbox.api<{ id: string }>('/api/teams', { token: admin, body: { name } })).body.id;
      teamAId = await team('Team A');
      teamBId = await team('Team B');
      for (const [name, teamId] of [['agent-a', teamAId], ['agent-b', teamBId]] as const) {
        const created = await inbox.api('/api/users', { token: admin, body: { email: `${name}@two-teams.test`, password: 'two-teams-password', name, role: 'agent', teamIds: [teamId] } });
        expect(created.status).toBe(201);
      }
      agentA = await inbox.login('agent-a@two-teams.test', 'two-teams-password');
      agentB = await inbox.login('agent-b@two-teams.test', 'two-teams-password');

      // Customer A (team A); customer B (team B), who mentions A's phone (a merge suggestion A–B); customer B2 merged into B.
      const a1 = inboundMessage({ sender: { address: '+61433300001', displayName: 'Alma Alder' }, text: 'I want to complain: my card was charged a fee twice and nobody answers' });
      const b1 = inboundMessage({ sender: { address: '+61433300002', displayName: 'Bruno Zebraquartz' }, text: 'I want to complain, zebraquartz here: my card was charged a fee twice and my hardship application was ignored' });
      const b2 = inboundMessage({ sender: { address: '+61433300002' }, text: 'This is my work phone, zebraquartz, you can also call me on 0433 300 001' });
      const c1 = inboundMessage({ sender: { address: '+61433300003' }, text: 'I want to complain: my loan statement is wrong and the fee was charged twice, zebraquartz' });
      for (const m of [a1, b1, b2, c1]) await publish(m);
      const rowA = await messageRow(a1.externalId);
      const rowB = await messageRow(b1.externalId);
      const rowB2 = await messageRow(c1.externalId);
      Object.assign(ids, { caseA: rowA.case_id, customerA: rowA.customer_id, caseB: rowB.case_id, customerB: rowB.customer_id, messageB: rowB.id });
      for (const [caseId, teamId] of [[ids.caseA, teamAId], [ids.caseB, teamBId], [rowB2.case_id, teamBId]]) {
        const moved = await inbox.api(`/api/cases/${caseId}/transfer`, { token: admin, body: { teamId } });
        expect([caseId, moved.status, moved.body]).toEqual([caseId, 200, expect.anything()]);
      }
      const merged = await inbox.api<{ mergeId: string }>(`/api/customers/${ids.customerB}/merge`, { token: admin, body: { otherCustomerId: rowB2.customer_id } });
      expect(merged.status).toBe(201);
      ids.mergeB = merged.body.mergeId;
      const [suggestion] = await inbox.db.query<{ id: string }>(
        `SELECT id FROM merge_suggestions WHERE status = 'open' AND customer_id = ANY($1::uuid[]) AND other_customer_id = ANY($1::uuid[])`,
        [[ids.customerA, ids.customerB]],
      );
      expect(suggestion).toBeDefined();
      ids.suggestionAB = suggestion.id;
      expect((await inbox.api(`/api/cases/${ids.caseB}/notes`, { token: agentB, body: { text: 'note-bravo: customer is in hardship' } })).status).toBe(201);
      ids.attachmentB = randomUUID();
      await inbox.db.query(`INSERT INTO attachment_contents (id, message_id, file_name, content_type, size_bytes, content) VALUES ($1, $2, 'b.txt', 'text/plain', 11, 'zebraquartz')`, [
        ids.attachmentB,
        ids.messageB,
      ]);
      const flagged = await inbox.api<{ id: string }>(`/api/cases/${ids.caseB}/systemic-flag`, { token: agentB, body: { title: 'zebraquartz hardship delays' } });
      expect(flagged.status).toBe(201);
      ids.issueB = flagged.body.id;
      [{ id: ids.articleB }] = await inbox.db.query<{ id: string }>(
        `INSERT INTO kb_articles (title, body, source_case_id) VALUES ('zebraquartz refund', 'We refunded Bruno zebraquartz', $1) RETURNING id`,
        [ids.caseB],
      );
      const canned = await inbox.api<{ id: string }>('/api/canned-responses', { token: admin, body: { title: 'zebraquartz team B only', body: 'Hello', teamId: teamBId } });
      expect(canned.status).toBe(201);
      ids.cannedB = canned.body.id;
      const macro = await inbox.api<{ id: string }>('/api/macros', { token: admin, body: { name: 'zebraquartz macro', scope: 'team', teamId: teamBId, actions: [{ type: 'note', text: 'zebraquartz' }] } });
      expect(macro.status).toBe(201);
      ids.macroB = macro.body.id;
      const [caseB] = await inbox.db.query<{ reference: string }>(`SELECT reference FROM cases WHERE id = $1`, [ids.caseB]);
      secretsOfB = [ids.caseB, caseB.reference, ids.customerB, ids.messageB, ids.issueB, ids.articleB, ids.cannedB, ids.macroB, 'zebraquartz', 'Zebraquartz', 'note-bravo'];
    });

    it('is refused (403 or 404) or answered without anything of team B, on every route, and changes nothing of B', async () => {
      const before = await stateOfB();
      const failures: string[] = [];
      for (const [key, row] of Object.entries(MATRIX)) {
        if (!row.teamB || 'notTeamData' in row.teamB) continue;
        const [method] = key.split(' ');
        const probe = row.teamB;
        const res = await fetch(`${inbox.url}${probe.path(ids)}`, {
          method,
          headers: { authorization: `Bearer ${agentA}`, ...(probe.body ? { 'content-type': 'application/json' } : {}) },
          body: probe.body ? JSON.stringify(probe.body(ids)) : undefined,
        });
        const text = await res.text();
        const leaked = secretsOfB.filter((s) => text.includes(s));
        if (probe.expect === 'refused' && res.status !== 403 && res.status !== 404) failures.push(`${key} → ${res.status} ${text.slice(0, 160)}`);
        if (probe.expect === 'hidden' && res.status !== 200) failures.push(`${key} → ${res.status} (a filtered answer was expected)`);
        if (leaked.length > 0) failures.push(`${key} → ${res.status} shows ${leaked.join(', ')}`);
      }
      expect(failures).toEqual([]);
      expect(await stateOfB()).toEqual(before);
    });

    it('shows team A’s agent nothing of B on /agents: no events, no case room, no resync, no claim', async () => {
      const a: AgentClient = await connectAgentClient(inbox.url, agentA);
      const supervisor: AgentClient = await connectAgentClient(inbox.url, tokens.supervisor!);
      try {
        expect(JSON.stringify(a.snapshot)).not.toContain(ids.caseB);
        expect(await a.call('case.view', { caseId: ids.caseB })).toMatchObject({ error: 'case_not_found' });
        expect(await a.call('claim', { caseId: ids.caseB })).toMatchObject({ error: 'case_not_found' });
        const resync = await a.call<{ events: Array<{ caseId: string }> }>('resync', { sinceSeq: 0 });
        expect(resync.events.length).toBeGreaterThan(0);
        expect(resync.events.filter((e) => e.caseId === ids.caseB)).toEqual([]);

        // Team B's case moves on; then a sentinel on team A's case, which must reach A after B's events were pushed.
        const bMessage = inboundMessage({ sender: { address: '+61433300002' }, text: 'zebraquartz: still no answer about the fee charged twice on my card' });
        await publish(bMessage);
        expect((await inbox.api(`/api/cases/${ids.caseB}/notes`, { token: agentB, body: { text: 'note-bravo two' } })).status).toBe(201);
        await supervisor.waitFor('note.created', (e: any) => e.caseId === ids.caseB);
        expect((await inbox.api(`/api/cases/${ids.caseA}/notes`, { token: agentA, body: { text: 'sentinel' } })).status).toBe(201);
        await a.waitFor('note.created', (e: any) => e.caseId === ids.caseA);
        const leaked = a.received.filter((r) => secretsOfB.some((s) => JSON.stringify(r.payload ?? null).includes(s)));
        expect(leaked).toEqual([]);
      } finally {
        a.close();
        supervisor.close();
      }
    });

    async function stateOfB() {
      const [state] = await inbox.db.query(
        `SELECT c.team_id, c.status, c.assignee_id, c.kind, (SELECT count(*)::int FROM case_notes n WHERE n.case_id = c.id) AS notes,
                (SELECT count(*)::int FROM messages m WHERE m.case_id = c.id) AS messages,
                (SELECT merged_into_id FROM customers WHERE id = $2) AS merged_into,
                (SELECT unmerged_at FROM customer_merges WHERE id = $3) AS unmerged_at,
                (SELECT status FROM merge_suggestions WHERE id = $4) AS suggestion,
                (SELECT count(*)::int FROM customer_products WHERE customer_id = $2) AS products,
                (SELECT count(*)::int FROM systemic_issue_cases WHERE case_id = c.id) AS flags,
                (SELECT count(*)::int FROM kb_articles WHERE source_case_id = c.id) AS articles,
                (SELECT count(*)::int FROM compliance_audit WHERE case_id = c.id) AS audit
           FROM cases c WHERE c.id = $1`,
        [ids.caseB, ids.customerB, ids.mergeB, ids.suggestionAB],
      );
      return state;
    }
  });

  describe('who may resolve, mark unfounded, send a delay notice, reopen or transfer: the assignee or a supervisor', () => {
    let holder: string;
    let colleague: string;
    let holderId: string;
    let teamCId: string;
    const complaint = async (address: string) => {
      const m = inboundMessage({ sender: { address, displayName: 'Policy Customer' }, text: 'I want to complain: the fee was charged twice and nobody called me back' });
      await inbox.bus.publish(TOPICS.inbound, `${m.channel}:${m.sender.address}`, m);
      const [row] = await inbox.db.query<{ case_id: string }>(`SELECT case_id FROM messages WHERE external_id = $1`, [m.externalId]);
      expect((await inbox.api(`/api/cases/${row.case_id}/transfer`, { token: tokens.admin, body: { teamId: teamCId } })).status).toBe(200);
      return row.case_id;
    };
    const act = (token: string, caseId: string, path: string, body: unknown) => inbox.api<{ error?: string; message?: string }>(`/api/cases/${caseId}/${path}`, { token, body });
    const attempts = [
      ['resolve/preview', { outcome: 'upheld', closureState: 'resolved', reasons: 'We refunded the second fee.' }],
      ['unfounded/preview', { reasons: 'The second charge was a separate purchase.' }],
      ['delay-notice/preview', { reasons: 'We are waiting for the merchant’s records.' }],
      ['resolve', { outcome: 'upheld', closureState: 'resolved', reasons: 'We refunded the second fee.' }],
      ['unfounded', { reasons: 'The second charge was a separate purchase.' }],
      ['delay-notice', { reasons: 'We are waiting for the merchant’s records.' }],
      ['transfer', { teamId: '' }],
    ] as const;

    beforeAll(async () => {
      teamCId = (await inbox.api<{ id: string }>('/api/teams', { token: tokens.admin, body: { name: 'Team C' } })).body.id;
      for (const name of ['holder', 'colleague']) {
        const created = await inbox.api<{ id: string }>('/api/users', {
          token: tokens.admin,
          body: { email: `${name}@policy.test`, password: 'policy-password', name, role: 'agent', teamIds: [teamCId] },
        });
        if (name === 'holder') holderId = created.body.id;
      }
      holder = await inbox.login('holder@policy.test', 'policy-password');
      colleague = await inbox.login('colleague@policy.test', 'policy-password');
    });

    it('refuses another agent of the team with a 403 that says why, and changes nothing', async () => {
      const caseId = await complaint('+61433300101');
      for (const [path, body] of attempts) {
        const res = await act(colleague, caseId, path, path === 'transfer' ? { teamId: teamCId } : body);
        expect([path, res.status, res.body.error]).toEqual([path, 403, 'claim_first']);
        expect(res.body.message).toMatch(/^Claim the case first: only its assignee or a supervisor can /);
      }
      expect((await act(holder, caseId, 'claim', {})).status).toBe(200);
      for (const [path, body] of attempts) {
        const res = await act(colleague, caseId, path, path === 'transfer' ? { teamId: teamCId } : body);
        expect([path, res.status, res.body.error]).toEqual([path, 403, 'not_case_holder']);
      }
      const [row] = await inbox.db.query<{ status: string; assignee_id: string; outbound: number }>(
        `SELECT status, assignee_id, (SELECT count(*)::int FROM messages WHERE case_id = $1 AND direction = 'outbound' AND author_user_id IS NULL AND text LIKE '%AFCA%') AS outbound FROM cases WHERE id = $1`,
        [caseId],
      );
      expect(row).toEqual({ status: expect.stringMatching(/^(new|open)$/), assignee_id: holderId, outbound: 0 });
    });

    it('lets the assignee preview the exact text with the AFCA block, then resolve; a colleague may not reopen, the assignee may', async () => {
      const caseId = await complaint('+61433300102');
      expect((await act(holder, caseId, 'claim', {})).status).toBe(200);
      const preview = await inbox.api<{ sends: boolean; channel: string; recipient: string; text: string }>(`/api/cases/${caseId}/resolve/preview`, {
        token: holder,
        body: { outcome: 'upheld', closureState: 'resolved', reasons: 'We refunded the second fee.' },
      });
      expect(preview.status).toBe(200);
      expect(preview.body).toMatchObject({ sends: true, channel: 'sms', recipient: '+61433300102' });
      expect(preview.body.text).toContain('We refunded the second fee.');
      expect(preview.body.text).toMatch(/AFCA/);
      const resolved = await act(holder, caseId, 'resolve', { outcome: 'upheld', closureState: 'resolved', reasons: 'We refunded the second fee.' });
      expect(resolved.status).toBe(200);
      // The response itself, by its id: the satisfaction question that follows a resolution may already be written after it.
      const [sent] = await inbox.db.query<{ text: string }>(`SELECT text FROM messages WHERE id = $1 AND direction = 'outbound'`, [(resolved.body as { idrResponseMessageId?: string }).idrResponseMessageId]);
      expect(sent.text).toBe(preview.body.text);
      expect((await act(colleague, caseId, 'reopen', { reason: 'probe' })).status).toBe(403);
      expect((await act(holder, caseId, 'reopen', { reason: 'The refund did not arrive' })).status).toBe(200);
    });

    it('keeps a case escalated to supervisors theirs, even from its assignee, until a supervisor hands it back', async () => {
      const caseId = await complaint('+61433300103');
      expect((await act(holder, caseId, 'claim', {})).status).toBe(200);
      expect((await act(holder, caseId, 'escalate', { to: 'supervisors', reason: 'Threatens to go to the media' })).status).toBe(200);
      for (const [path, body] of attempts) {
        const res = await act(holder, caseId, path, path === 'transfer' ? { teamId: teamCId } : body);
        expect([path, res.status, res.body.error]).toEqual([path, 403, 'escalated_to_supervisors']);
      }
      expect((await act(tokens.supervisor!, caseId, 'delay-notice/preview', { reasons: 'We are waiting for the merchant’s records.' })).status).toBe(200);
      const back = await inbox.api<{ case: { status: string; assigneeId: string } }>(`/api/cases/${caseId}/transfer`, {
        token: tokens.supervisor,
        body: { teamId: teamCId, assigneeId: holderId, reason: 'Handled: call the customer back' },
      });
      expect([back.status, back.body.case.status, back.body.case.assigneeId]).toEqual([200, 'open', holderId]);
      expect((await act(holder, caseId, 'unfounded/preview', { reasons: 'The second charge was a separate purchase.' })).status).toBe(200);
    });
  });

  async function call(route: Route, token: string | undefined): Promise<number> {
    const path = route.path.replace(/:[A-Za-z]+/g, () => randomUUID());
    const res = await fetch(`${inbox.url}${path}`, {
      method: route.method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(route.method === 'GET' ? {} : { 'content-type': 'application/json' }) },
      body: route.method === 'GET' || route.method === 'DELETE' ? undefined : '{}',
    });
    await res.arrayBuffer();
    return res.status;
  }
});

/** Every HTTP route of the app. */
function discoverRoutes(inbox: TestInbox): Route[] {
  const routes: Route[] = [];
  for (const module of inbox.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
      if (!type?.prototype) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const methodCode = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (methodCode === undefined) continue;
        const sub = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        for (const part of Array.isArray(sub) ? sub : [sub ?? '']) {
          const path = `/${[base, part].map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`;
          const method = RequestMethod[methodCode];
          if (method === 'ALL' || method === 'OPTIONS' || method === 'HEAD' || path.includes('*')) continue;
          routes.push({ method, path, key: `${method} ${path}` });
        }
      }
    }
  }
  return routes;
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

function signJwt(payload: Record<string, unknown>, secret: string): string {
  const head = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(payload))}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

function decodePayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
}

/** Same signature, changed claims: what an attacker who edits a token gets. */
function tamper(token: string, claims: Record<string, unknown>): string {
  const [header, , signature] = token.split('.');
  return `${header}.${base64url(JSON.stringify({ ...decodePayload(token), ...claims }))}.${signature}`;
}
