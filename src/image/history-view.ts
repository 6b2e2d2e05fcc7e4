// `docker history`: the rows (moby daemon/images/image_history.go) and their display fields (docker/cli 20.10
// image/formatter_history.go). Rows are newest first; the top row carries the image's ID, the rows below it the
// IDs of the local parent chain while it lasts, the rest `<missing>`.

import { BerthError } from '../errors.js';
import type { Digest } from '../digest/digest.js';
import { ellipsis } from '../format/ellipsis.js';
import { formatRFC3339, GO_ZERO_TIME, localOffsetSeconds, parseRFC3339 } from '../format/go-time.js';
import { ago, humanSizeWithPrecision } from '../format/units.js';
import { asGoString, goField } from '../oci/docker-container-config.js';

export interface HistoryRow {
  /** `sha256:…` or `<missing>`. */
  id: string;
  /** Whole seconds, as the API carries it; null where the history entry has no time (Go's zero time). */
  created: Date | null;
  createdBy: string;
  size: number;
  comment: string;
  tags: string[];
}

export interface HistoryInput {
  id: Digest;
  /** JSON.parse of the config bytes. */
  config: unknown;
  /** The size of each layer (diff_id), bottom to top. */
  layerSizes: number[];
  /** The local parents of the image, nearest first, as far as the store still has them. */
  parentChain?: Digest[];
  tagsOf?: (id: Digest) => string[];
}

function createdOf(entry: unknown): Date | null {
  const raw = goField(entry, 'created');
  const t = typeof raw === 'string' ? parseRFC3339(raw) : null;
  return t ? new Date(t.seconds * 1000) : null;
}

export function historyRows(input: HistoryInput): HistoryRow[] {
  const history = goField(input.config, 'history');
  const diffIDs = goField(goField(input.config, 'rootfs'), 'diff_ids');
  const layerCount = Array.isArray(diffIDs) ? diffIDs.length : 0;
  const rows: HistoryRow[] = [];
  let layer = 0;
  for (const entry of Array.isArray(history) ? history : []) {
    let size = 0;
    if (goField(entry, 'empty_layer') !== true) {
      if (layer >= layerCount) throw new BerthError('FAILED_PRECONDITION', 'too many non-empty layers in History section');
      size = input.layerSizes[layer++] ?? 0;
    }
    rows.unshift({
      id: '<missing>',
      created: createdOf(entry),
      createdBy: asGoString(goField(entry, 'created_by')),
      size,
      comment: asGoString(goField(entry, 'comment')),
      tags: [],
    });
  }
  const chain = [input.id, ...(input.parentChain ?? [])];
  rows.slice(0, chain.length).forEach((row, i) => {
    row.id = chain[i];
    row.tags = input.tagsOf?.(chain[i]) ?? [];
  });
  return rows;
}

/** The fields `docker history` offers to --format (`{{.ID}}`, `{{json .}}`…) and prints in its table. */
export interface HistoryTableRow {
  ID: string;
  CreatedSince: string;
  CreatedAt: string;
  CreatedBy: string;
  Size: string;
  Comment: string;
}

/** Go's time.Duration saturates: anything older than this many ms ago shows as 292 years. */
const MAX_DURATION_MS = 9223372036854;

export function historyTableRow(
  row: HistoryRow,
  opts: { noTrunc?: boolean; human?: boolean; now?: Date } = {},
): HistoryTableRow {
  const human = opts.human ?? true;
  const now = opts.now ?? new Date();
  const seconds = row.created ? Math.floor(row.created.getTime() / 1000) : GO_ZERO_TIME.seconds;
  const createdAt = formatRFC3339({ seconds, nanos: 0, offsetSeconds: localOffsetSeconds(seconds) });
  const since = new Date(Math.max(seconds * 1000, now.getTime() - MAX_DURATION_MS));
  const createdBy = row.createdBy.replaceAll('\t', ' ');
  const id = row.id.slice(row.id.indexOf(':') + 1);
  return {
    ID: opts.noTrunc ? row.id : id.slice(0, 12),
    CreatedSince: human ? ago(since, now) : createdAt,
    CreatedAt: createdAt,
    CreatedBy: opts.noTrunc ? createdBy : ellipsis(createdBy, 45),
    Size: human ? humanSizeWithPrecision(row.size, 3) : String(row.size),
    Comment: row.comment,
  };
}
