import { Migration } from '@mikro-orm/migrations';

/**
 * The table the socket.io PostgreSQL adapter keeps large broadcast payloads in (its README's
 * schema). Live updates cross backend replicas through PostgreSQL NOTIFY; payloads over 8 kB go
 * through this table. Not an entity: the schema generator skips it.
 */
export class Migration20261122050000_socket_io_attachments extends Migration {
  override up(): void {
    this.addSql(
      'create table if not exists socket_io_attachments (id bigserial unique, created_at timestamptz default now(), payload bytea);',
    );
  }

  override down(): void {
    this.addSql('drop table if exists socket_io_attachments;');
  }
}
