import { Injectable } from '@nestjs/common';
import { VersionVisibility } from '@zq/drafting';
import { DataSource } from 'typeorm';

/** Drafting's VersionVisibility port: a unit sees a version once a round on it was launched to the unit. */
@Injectable()
export class RoundVersionVisibility extends VersionVisibility {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async visibleTo(versionId: string, unitIds: string[]): Promise<boolean> {
    const [{ allowed }] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM consultation_round r JOIN round_recipient rr ON rr.round_id = r.id
                       WHERE r.version_id = $1 AND r.status <> 'draft' AND rr.unit_id = ANY($2::uuid[])) AS allowed`,
      [versionId, unitIds],
    );
    return allowed;
  }
}
