import { Migration } from '@mikro-orm/migrations';
import { caseTallyTriggerFunction } from './Migration20261201210000_case_tally';
import { RUNNING_DUE } from './Migration20261203010000_answer_approval';

/**
 * The tally trigger passes on only the updated rows whose tallied columns changed (issue: national
 * scale). Every update used to group each row twice, as it was and as it is, and add deltas that
 * cancelled out: a third of the write of a sweeper batch of 500 warnings, which change no figure.
 */
export class Migration20261205000000_tally_changed_rows extends Migration {
  override name = 'Migration20261205000000_tally_changed_rows';

  override up(): void | Promise<void> {
    this.addSql(caseTallyTriggerFunction(RUNNING_DUE, { changedOnly: true }));
  }

  override down(): void | Promise<void> {
    this.addSql(caseTallyTriggerFunction(RUNNING_DUE));
  }
}
