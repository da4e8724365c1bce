import YAML from 'yaml';
import type { ImportedService } from './backstage-import';

/**
 * The `services:` YAML for the policy (or a `catalogFile:`), each entry under a comment saying where
 * it came from. Written by the yaml package, so a quote or a colon in a Backstage title stays text.
 */
export function servicesYaml(services: readonly ImportedService[], header: string): string {
  const doc = new YAML.Document({ services: services.map((s) => s.entry) });
  doc.commentBefore = ` ${header}`;
  const list = doc.get('services', true) as YAML.YAMLSeq<YAML.YAMLMap>;
  list.items.forEach((item, i) => {
    item.commentBefore = ` ${services[i]?.comment}`;
    const dependsOn = item.get('dependsOn', true);
    if (YAML.isSeq(dependsOn)) dependsOn.flow = true;
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}
