/** The room of one visitor on /webchat: every tab they have open, and nobody else. */
export const visitorRoom = (visitorId: string) => `visitor:${visitorId}`;
