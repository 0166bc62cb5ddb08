export * from './auth.decorators';
export * from './auth.module';
export * from './token.service';
export * from './users.service';
export * from './admin-bootstrap';
export * from './session-store';
export * from './session-revocations';
