import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The shape of every table, as Kysely sees it. Migrations in `db/migrations`
 * create these tables; this file must change with them.
 */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string | T, string | T>;

export type MemberRole = 'owner' | 'editor' | 'viewer';
export type Platform = 'facebook' | 'instagram';
export type PostStatus =
  'draft' | 'scheduled' | 'publishing' | 'published' | 'failed' | 'needs_review';
export type TargetStatus = 'pending' | 'sending' | 'published' | 'failed';
export type ConnectionStatus = 'active' | 'needs_reconnect';

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  password_hash: string;
  created_at: CreatedAt;
}

export interface WorkspacesTable {
  id: Generated<string>;
  name: string;
  created_at: CreatedAt;
}

export interface MembershipsTable {
  workspace_id: string;
  user_id: string;
  role: MemberRole;
  created_at: CreatedAt;
}

export interface SessionsTable {
  sid: string;
  sess: Json<Record<string, unknown>>;
  expire: Timestamp;
}

export interface SignInFailuresTable {
  id: Generated<string>;
  key: string;
  failed_at: CreatedAt;
}

export interface BrandsTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  slug: string;
  timezone: string;
  language: string;
  website: string | null;
  default_targets: ColumnType<Platform[], Platform[] | undefined, Platform[]>;
  archived_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface BrandBrainsTable {
  brand_id: string;
  version: number;
  workspace_id: string;
  content: Json<unknown>;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface MetaConnectionsTable {
  brand_id: string;
  workspace_id: string;
  page_id: string;
  page_name: string;
  ig_user_id: string | null;
  ig_username: string | null;
  page_token: string;
  status: ConnectionStatus;
  status_reason: string | null;
  verified_at: Timestamp;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface MediaItem {
  url: string;
  alt: string;
}

export interface PostsTable {
  id: Generated<string>;
  workspace_id: string;
  brand_id: string;
  author_id: string | null;
  caption: string;
  captions: Json<Partial<Record<Platform, string>>>;
  media: Json<MediaItem[]>;
  targets: Platform[];
  status: PostStatus;
  scheduled_at: Timestamp | null;
  retry_at: Timestamp | null;
  attempt: Generated<number>;
  /** Claims made before the last time a person (re)scheduled the post. */
  attempt_base: Generated<number>;
  claimed_by: string | null;
  claim_expires_at: Timestamp | null;
  last_error: string | null;
  review_reason: string | null;
  version: Generated<number>;
  published_at: Timestamp | null;
  deleted_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface PostTargetsTable {
  post_id: string;
  platform: Platform;
  workspace_id: string;
  status: TargetStatus;
  attempt: Generated<number>;
  remote_id: string | null;
  container_id: string | null;
  sending_started_at: Timestamp | null;
  error_code: string | null;
  error_message: string | null;
  published_at: Timestamp | null;
  updated_at: UpdatedAt;
}

export interface PostEventsTable {
  id: Generated<string>;
  post_id: string;
  workspace_id: string;
  actor_id: string | null;
  kind: string;
  detail: Json<Record<string, unknown>>;
  created_at: CreatedAt;
}

export interface PublishAttemptsTable {
  id: Generated<string>;
  post_id: string;
  workspace_id: string;
  platform: Platform;
  attempt: number;
  worker_id: string;
  call: string;
  http_status: number | null;
  error_code: number | null;
  error_subcode: number | null;
  error_message: string | null;
  duration_ms: number;
  created_at: CreatedAt;
}

export interface AiGenerationsTable {
  id: Generated<string>;
  workspace_id: string;
  brand_id: string;
  user_id: string | null;
  brain_version: number | null;
  kind: string;
  brief: string;
  platform: string | null;
  provider: string | null;
  model: string | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  latency_ms: number | null;
  finish_reason: string | null;
  outcome: 'ok' | 'error';
  error: string | null;
  created_at: CreatedAt;
}

export interface ApiTokensTable {
  id: Generated<string>;
  workspace_id: string;
  created_by: string;
  name: string;
  prefix: string;
  token_hash: string;
  role: MemberRole;
  created_at: CreatedAt;
  last_used_at: Timestamp | null;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface WebhooksTable {
  id: Generated<string>;
  workspace_id: string;
  created_by: string | null;
  url: string;
  events: string[];
  /** Sealed with the token cipher: it must be readable to sign deliveries. */
  secret: string;
  created_at: CreatedAt;
}

export interface WebhookDeliveriesTable {
  id: Generated<string>;
  webhook_id: string;
  workspace_id: string;
  event: string;
  payload: Json<Record<string, unknown>>;
  status: ColumnType<
    WebhookDeliveryStatus,
    WebhookDeliveryStatus | undefined,
    WebhookDeliveryStatus
  >;
  attempts: Generated<number>;
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>;
  last_status: number | null;
  last_error: string | null;
  delivered_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface Database {
  users: UsersTable;
  workspaces: WorkspacesTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  sign_in_failures: SignInFailuresTable;
  brands: BrandsTable;
  brand_brains: BrandBrainsTable;
  meta_connections: MetaConnectionsTable;
  posts: PostsTable;
  post_targets: PostTargetsTable;
  post_events: PostEventsTable;
  publish_attempts: PublishAttemptsTable;
  ai_generations: AiGenerationsTable;
  api_tokens: ApiTokensTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
}

export type User = Selectable<UsersTable>;
export type Brand = Selectable<BrandsTable>;
export type Post = Selectable<PostsTable>;
export type PostTarget = Selectable<PostTargetsTable>;
export type NewPost = Insertable<PostsTable>;
export type PostUpdate = Updateable<PostsTable>;
