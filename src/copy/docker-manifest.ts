// Docker schema 2 manifests as Docker writes them when it pushes (distribution `manifest/schema2`, marshalled
// with three-space indentation, fields in struct order, no trailing newline): same image, same bytes, same digest.

import { MediaType } from '../oci/media-types.js';
import type { Descriptor } from '../oci/types.js';

function descriptorJSON(d: Descriptor, indent: string): string {
  const fields = [`"mediaType": ${JSON.stringify(d.mediaType)}`, `"size": ${d.size}`, `"digest": ${JSON.stringify(d.digest)}`];
  if (d.urls && d.urls.length) fields.push(`"urls": [\n${d.urls.map((u) => `${indent}      ${JSON.stringify(u)}`).join(',\n')}\n${indent}   ]`);
  return `{\n${fields.map((f) => `${indent}   ${f}`).join(',\n')}\n${indent}}`;
}

/** The bytes of a `application/vnd.docker.distribution.manifest.v2+json` manifest for a config and its layers. */
export function dockerManifestBytes(config: Descriptor, layers: Descriptor[]): Buffer {
  const layersJSON = layers.length
    ? `[\n${layers.map((l) => `      ${descriptorJSON(l, '      ')}`).join(',\n')}\n   ]`
    : '[]';
  const text =
    `{\n   "schemaVersion": 2,\n   "mediaType": ${JSON.stringify(MediaType.DockerManifest)},\n` +
    `   "config": ${descriptorJSON(config, '   ')},\n   "layers": ${layersJSON}\n}`;
  return Buffer.from(text, 'utf8');
}
